"""Alembic environment: always run on a connection handed in by ``fovea.db.migrate``."""

from __future__ import annotations

from alembic import context

from fovea.db.models import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `fovea migrate`, which supplies the connection")

context.configure(connection=connection, target_metadata=metadata, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
