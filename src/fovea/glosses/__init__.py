"""Glosses: rich text as an ordered list of parts (text and references), shared by features.

``schemas`` holds the part models, ``registry`` the gloss columns of every feature, and
``service`` validates references on write and turns references into text when their target goes.
"""
