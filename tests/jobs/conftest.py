"""Fixtures of the job tests: fast apps on their own database, Redis, real worker processes.

Apps made by ``start_app`` use a database of their own in the session's embedded PostgreSQL, so
the long-lived ``client`` and ``users`` apps (whose watchers poll the main database) never pick
up their jobs; one such app runs at a time. Redis tests use a key prefix unique to the test and
FAIL when Redis is unreachable (FOVEA_TEST_REDIS_URL, default redis://127.0.0.1:6379/0).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy import Engine, make_url, text

from fovea.config import Settings
from fovea.db import migrate
from fovea.db.engine import make_sync_engine
from fovea.server import create_app
from tests.conftest import make_settings

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
FAST = {"job_poll_interval_s": 0.1, "job_heartbeat_timeout_s": 2, "job_retry_base_delay_s": 0.1}


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ.get("FOVEA_TEST_REDIS_URL", DEFAULT_REDIS_URL)
    client = redis.Redis.from_url(url, socket_connect_timeout=3)
    try:
        client.ping()
    except (redis.RedisError, OSError) as exc:
        pytest.fail(
            f"the job tests need Redis at {url} ({exc}); start redis-server "
            "or point FOVEA_TEST_REDIS_URL at one"
        )
    finally:
        client.close()
    return url


@pytest.fixture
def queue_prefix(redis_url: str) -> Iterator[str]:
    """A Redis key prefix for this test alone; its keys are deleted afterwards."""
    prefix = f"fovea-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    try:
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


@pytest.fixture(scope="session")
def jobs_database_url(database_url: str, sync_engine: Engine) -> str:
    name = f"fovea_jobs_{uuid.uuid4().hex[:8]}"
    with sync_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    url = make_url(database_url).set(database=name).render_as_string(hide_password=False)
    migrate.upgrade(url)
    return url


@pytest.fixture(scope="session")
def jobs_sync_engine(jobs_database_url: str) -> Iterator[Engine]:
    engine = make_sync_engine(jobs_database_url)
    yield engine
    engine.dispose()


@dataclass
class JobsApp:
    http: TestClient
    settings: Settings

    def call(self, function: Callable[..., Any], *args: Any) -> Any:
        """Run an async function on the app's event loop (where its runtime lives)."""
        assert self.http.portal is not None
        return self.http.portal.call(function, *args)

    @property
    def state(self) -> Any:
        return self.http.app.state  # type: ignore[attr-defined]


@pytest.fixture
def start_app(
    jobs_database_url: str, jobs_sync_engine: Engine, tmp_path: Path
) -> Iterator[Callable[..., JobsApp]]:
    """Start an app on the jobs database with fast job settings (``FAST``) plus overrides."""
    with jobs_sync_engine.begin() as connection:
        connection.execute(text("TRUNCATE jobs"))
    with ExitStack() as stack:

        def start(**overrides: Any) -> JobsApp:
            settings = make_settings(jobs_database_url, tmp_path, **{**FAST, **overrides})
            http = stack.enter_context(TestClient(create_app(settings)))
            return JobsApp(http, settings)

        yield start


@dataclass
class WorkerProcess:
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture
def start_worker(
    redis_url: str, queue_prefix: str, tmp_path: Path
) -> Iterator[Callable[[], WorkerProcess]]:
    """Start real ``fovea worker`` processes on the test's queue; stopped after the test."""
    workers: list[WorkerProcess] = []

    def start() -> WorkerProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FOVEA_")}
        env.update(
            FOVEA_REDIS_URL=redis_url,
            FOVEA_JOB_QUEUE_PREFIX=queue_prefix,
            FOVEA_JOB_HEARTBEAT_TIMEOUT_S=str(FAST["job_heartbeat_timeout_s"]),
            FOVEA_DATA_DIR=str(tmp_path / "worker"),
        )
        log_path = tmp_path / f"worker-{len(workers)}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "fovea.cli", "worker"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        workers.append(WorkerProcess(process, log_path))
        return workers[-1]

    yield start
    for worker in workers:
        if worker.process.poll() is None:
            worker.process.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.process.kill()
            worker.process.wait()
