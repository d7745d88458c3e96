"""The video library: files, their probe facts and frame-time tables."""
