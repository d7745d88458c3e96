"""Search Wikidata and import its items as ontology types (``FOVEA_WIKIDATA_URL``)."""
