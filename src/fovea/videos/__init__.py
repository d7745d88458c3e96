"""videos."""
