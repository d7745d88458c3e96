"""Running the model service: its HTTP app and, with Redis, its queue worker in one process.

``fovea model-service`` serves ``fovea.inference.app`` on ``FOVEA_MODEL_SERVICE_HOST``:
``FOVEA_MODEL_SERVICE_PORT`` and pulls the AI job kinds (detection, tracking, transcription,
summarization, augmentation, embedding) from the Redis queues; both share one model cache, so a
model loads once per process. ``fovea up`` runs the same app on a thread beside the API, whose
in-process worker runs the AI jobs with the same cache.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import Iterator

import uvicorn

from fovea.config import Settings
from fovea.inference import runtime
from fovea.inference.app import create_inference_app
from fovea.jobs.registry import AI_KINDS
from fovea.jobs.worker import work

log = logging.getLogger(__name__)

THREAD_STOP_TIMEOUT_S = 5.0


class _QuietServer(uvicorn.Server):
    """A uvicorn server that leaves signals to its owner (the worker handles them)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _server(settings: Settings, quiet: bool) -> uvicorn.Server:
    manager = runtime.configure(settings)
    config = uvicorn.Config(
        create_inference_app(settings, manager),
        host=settings.model_service_host,
        port=settings.model_service_port,
        log_config=None,
    )
    return _QuietServer(config) if quiet else uvicorn.Server(config)


def run_model_service(settings: Settings) -> None:
    """Serve the model service (and pull AI jobs when FOVEA_REDIS_URL is set) until a signal."""
    server = _server(settings, quiet=True)

    def stop_server() -> None:
        server.should_exit = True

    async def http_only() -> None:
        log.warning("FOVEA_REDIS_URL is unset: serving HTTP only, pulling no jobs")
        loop = asyncio.get_running_loop()
        for number in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(number, stop_server)
        await server.serve()

    async def with_worker() -> None:
        finish = asyncio.Event()
        serving = asyncio.create_task(server.serve())
        try:
            await work(settings, finish, AI_KINDS, on_stop=stop_server)
        finally:
            stop_server()
            await serving

    asyncio.run(http_only() if settings.redis_url is None else with_worker())


@contextlib.contextmanager
def model_service_thread(settings: Settings) -> Iterator[None]:
    """Serve the model service on a daemon thread while the block runs (for `fovea up`)."""
    server = _server(settings, quiet=False)  # off the main thread uvicorn installs no signals
    thread = threading.Thread(target=server.run, name="model-service", daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(THREAD_STOP_TIMEOUT_S)
