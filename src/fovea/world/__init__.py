"""World objects: entities, locations, events, times and collections shared by a user's personas.

Personas attach meaning to them through type assignments and event interpretations.
"""
