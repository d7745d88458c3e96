"""A persona's ontology: entity, event, role and relation types with glosses."""
