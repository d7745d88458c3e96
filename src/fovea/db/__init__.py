"""Database layer: declarative base, engines, the embedded PostgreSQL and migrations."""
