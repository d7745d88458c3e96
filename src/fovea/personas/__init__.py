"""Personas: an analyst's role and information need, each owning one ontology."""
