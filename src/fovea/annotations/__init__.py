"""Annotations: a typed or object-linked bounding-box sequence on a video."""
