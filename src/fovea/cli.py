"""The ``fovea`` command: ``up``, ``server``, ``worker``, ``model-service``, ``migrate``, ``scan``.

Each command builds one ``Settings`` from the environment (``FOVEA_*``), refuses unsafe ones,
and passes it down; nothing reads the environment later.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import Annotated

import typer
import uvicorn

from fovea.config import Settings, check_safe_to_start
from fovea.db import migrate as db_migrate
from fovea.db.lifecycle import database_url
from fovea.errors import FoveaError
from fovea.logs import configure_logging

app = typer.Typer(
    help="fovea: video annotation for analysts.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _settings(**overrides: object) -> Settings:
    values = {key: value for key, value in overrides.items() if value is not None}
    settings = Settings(**values)  # type: ignore[arg-type]
    configure_logging(settings.log_level)
    check_safe_to_start(settings)
    return settings


def _serve(settings: Settings) -> None:
    from fovea.server import create_app

    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_config=None,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
    )


@app.command()
def up(
    port: Annotated[int | None, typer.Option(help="Port (default FOVEA_PORT or 3001).")] = None,
) -> None:
    """One-machine mode: embedded PostgreSQL, in-process queue and worker, API and web app.

    The video folder is scanned at start unless FOVEA_SCAN_ON_START=false.
    """
    settings = _settings(port=port)
    if settings.scan_on_start is None:
        settings = settings.model_copy(update={"scan_on_start": True})
    from fovea.model_service import model_service_thread

    typer.echo(f"fovea is starting at http://{settings.host}:{settings.port}")
    with model_service_thread(settings):
        _serve(settings)


@app.command()
def server(
    host: Annotated[str | None, typer.Option(help="Listen address (FOVEA_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (FOVEA_PORT).")] = None,
) -> None:
    """The API server alone; scale it out behind a load balancer with FOVEA_DATABASE_URL set."""
    _serve(_settings(host=host, port=port))


@app.command()
def worker() -> None:
    """A job worker pulling from the Redis queues at FOVEA_REDIS_URL."""
    from fovea.jobs.worker import run_worker

    settings = _settings()
    if settings.redis_url is None:
        raise FoveaError("a separate worker needs FOVEA_REDIS_URL; without it `fovea up` runs jobs")
    run_worker(settings)


@app.command(name="model-service")
def model_service(
    host: Annotated[
        str | None, typer.Option(help="Listen address (FOVEA_MODEL_SERVICE_HOST).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (FOVEA_MODEL_SERVICE_PORT).")] = None,
) -> None:
    """The model service: AI endpoints on port 8000 and, with FOVEA_REDIS_URL, the AI jobs."""
    from fovea.model_service import run_model_service

    run_model_service(_settings(model_service_host=host, model_service_port=port))


@app.command()
def migrate() -> None:
    """Upgrade the database schema to the newest version (servers also do this on start)."""
    settings = _settings()
    with database_url(settings) as url:
        db_migrate.upgrade(url)
    typer.echo("database schema is up to date")


@app.command()
def scan(
    wait: Annotated[
        bool, typer.Option("--wait/--no-wait", help="Wait for the ingest jobs too.")
    ] = True,
) -> None:
    """Scan the video folder (FOVEA_VIDEO_DIR) once for the default user and ingest new files.

    Runs the jobs in this process (or on the workers, with FOVEA_REDIS_URL); --no-wait leaves
    the ingests queued for the next `fovea up` or worker.
    """
    from fovea.videos.command import scan_once

    settings = _settings()
    with database_url(settings) as url:
        db_migrate.upgrade(url)
        asyncio.run(scan_once(settings, url, wait=wait, report=typer.echo))


def main() -> None:
    """Entry point: turn fovea's own errors into one line on stderr and exit status 2."""
    try:
        app()
    except FoveaError as exc:
        logging.getLogger("fovea").debug("command failed", exc_info=exc)
        typer.echo(f"fovea: {exc.message}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
