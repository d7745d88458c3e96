"""Claims extracted from summaries (a tree) and typed relations between them."""
