"""Video summaries per (video, persona), with embeddings for semantic search, and transcripts."""
