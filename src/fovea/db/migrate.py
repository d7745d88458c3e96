"""Schema migrations (Alembic), run at start by every process that serves the API.

Replicas starting together serialise on a PostgreSQL advisory lock, so the schema is upgraded
once. The ``vector`` extension is created first; a server without pgvector is refused with
instructions instead of failing later on the first embedding column.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError, OperationalError

from fovea.db.engine import make_sync_engine
from fovea.errors import ConfigurationError, Unavailable

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_MIGRATION_LOCK_KEY = 7_311_946_208  # any constant shared by every fovea process
PGVECTOR_HELP = (
    "the PostgreSQL at FOVEA_DATABASE_URL has no pgvector extension: install it on the server "
    "(Debian/Ubuntu: apt install postgresql-<version>-pgvector; Docker: image pgvector/pgvector) "
    "or have an administrator run CREATE EXTENSION vector in the database; "
    "or leave FOVEA_DATABASE_URL unset to use the embedded PostgreSQL"
)


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def ensure_vector_extension(connection: Connection) -> None:
    """Create pgvector in the database, or refuse with a message saying how to install it."""
    try:
        with connection.begin_nested():
            connection.execute(text("CREATE EXTENSION IF NOT EXISTS vector"))
    except DBAPIError as exc:
        raise ConfigurationError(PGVECTOR_HELP, details=str(exc.orig)) from exc


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at ``url`` to ``revision``."""
    engine = make_sync_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
            try:
                ensure_vector_extension(connection)
                connection.commit()
                command.upgrade(alembic_config(connection), revision)
                connection.commit()
            finally:
                connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": _MIGRATION_LOCK_KEY}
                )
                connection.commit()
    except OperationalError as exc:
        raise Unavailable(f"cannot reach the database: {exc.orig}") from exc
    finally:
        engine.dispose()
