"""Test infrastructure: one embedded PostgreSQL with pgvector per run, real apps over it.

Every test starts from empty tables (the single-user mode's default user survives). API tests
use ``client`` (single-user mode) or ``users`` (multi-user mode, several users with tokens).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from fovea.auth import service as auth_service
from fovea.config import Settings
from fovea.db import migrate
from fovea.db.embedded import start_embedded
from fovea.db.engine import make_sync_engine
from fovea.db.models import metadata
from fovea.server import create_app

KEEP_TABLES = {"users", "alembic_version"}


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = start_embedded(tmp_path_factory.mktemp("fovea-data"))
    migrate.upgrade(server.url)
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def sync_engine(database_url: str) -> Iterator[Engine]:
    engine = make_sync_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def _empty_tables(request: pytest.FixtureRequest) -> None:
    if "database_url" not in request.fixturenames:
        return
    empty_tables(request.getfixturevalue("sync_engine"))


def empty_tables(engine: Engine) -> None:
    """Delete every row but the default user (and the migration version)."""
    names = [t.name for t in metadata.sorted_tables if t.name not in KEEP_TABLES]
    with engine.begin() as connection:
        if names:
            connection.execute(text(f"TRUNCATE {', '.join(names)} CASCADE"))
        connection.execute(text("DELETE FROM users WHERE NOT is_default"))


def make_settings(database_url: str, tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"database_url": database_url, "data_dir": tmp_path}
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(scope="session")
def client(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The API in single-user mode: every request acts for the default user."""
    app = create_app(make_settings(database_url, tmp_path_factory.mktemp("single")))
    with TestClient(app) as test_client:
        yield test_client


@dataclass
class UserClient:
    """A user of the multi-user API and the client that sends their token."""

    id: uuid.UUID
    username: str
    http: TestClient


class Users:
    """Creates users with session tokens on one multi-user app."""

    def __init__(self, base: TestClient) -> None:
        self._base = base

    def create(self, username: str) -> UserClient:
        factory = self._base.app.state.session_factory  # type: ignore[attr-defined]

        async def _make() -> tuple[auth_service.Actor, str]:
            async with factory() as session, session.begin():
                actor = await auth_service.create_user(session, username=username)
                return actor, await auth_service.create_session_token(session, actor)

        assert self._base.portal is not None
        actor, token = self._base.portal.call(_make)
        http = TestClient(self._base.app, headers={"Authorization": f"Bearer {token}"})
        http.portal = self._base.portal  # share the running app (and its lifespan)
        return UserClient(id=actor.id, username=username, http=http)

    @property
    def anonymous(self) -> TestClient:
        return self._base


@pytest.fixture(scope="session")
def _multi_user_client(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    settings = make_settings(database_url, tmp_path_factory.mktemp("multi"), mode="multi-user")
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def users(_multi_user_client: TestClient) -> Users:
    return Users(_multi_user_client)


@pytest.fixture(scope="session")
def live_url(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The single-user API served by uvicorn on a free loopback port, for concurrent clients."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = make_settings(database_url, tmp_path_factory.mktemp("live"), port=port)
    server = uvicorn.Server(uvicorn.Config(create_app(settings), port=port, log_config=None))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the live server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
