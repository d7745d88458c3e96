"""Semantic search over the actor's summaries and annotation notes, by embedding similarity."""
