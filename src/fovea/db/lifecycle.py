"""Which database a process uses: the configured server, or the embedded one for its lifetime."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fovea.config import Settings
from fovea.db.embedded import start_embedded


@contextmanager
def database_url(settings: Settings) -> Iterator[str]:
    """Yield a URL for ``settings``; an embedded server started here stops on exit."""
    if settings.database_url is not None:
        yield settings.database_url
        return
    server = start_embedded(settings.data_dir)
    try:
        yield server.url
    finally:
        server.stop()
