"""Migrations build exactly the schema of the models, and refuse a server without pgvector."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, text

from fovea.db import migrate
from fovea.db.models import metadata
from fovea.errors import ConfigurationError

SYSTEM_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def test_migrated_schema_matches_the_models(sync_engine: Engine) -> None:
    with sync_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == [], "run `make migration` to regenerate the initial migration"


def test_upgrade_twice_is_a_no_op(database_url: str, sync_engine: Engine) -> None:
    migrate.upgrade(database_url)
    with sync_engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == "0001"


def test_the_vector_extension_is_installed(sync_engine: Engine) -> None:
    with sync_engine.connect() as connection:
        assert connection.scalar(text("SELECT extname FROM pg_extension WHERE extname = 'vector'"))


def _system_postgres_without_pgvector() -> Engine:
    """The machine's PostgreSQL 15 (no pgvector); the test database must not have it."""
    engine = create_engine(SYSTEM_POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as connection:
        available = connection.scalar(
            text("SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'")
        )
    assert available == 0, "this test needs a PostgreSQL without pgvector at 127.0.0.1:5432"
    return engine


def test_a_server_without_pgvector_is_refused_with_install_help() -> None:
    engine = _system_postgres_without_pgvector()
    engine.dispose()
    with pytest.raises(ConfigurationError) as refused:
        migrate.upgrade(SYSTEM_POSTGRES_URL)
    assert "pgvector" in refused.value.message
    assert "CREATE EXTENSION vector" in refused.value.message
