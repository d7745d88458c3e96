"""Import history: what each import brought in or skipped."""
