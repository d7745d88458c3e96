"""Users, sessions, API tokens and the acting user of every request."""
