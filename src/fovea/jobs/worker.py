"""Job workers: ``fovea worker`` (a process pulling from Redis) and the in-process receiver.

``run_worker(settings)`` runs until SIGTERM or SIGINT: it stops taking messages at once, lets the
running attempts finish for ``SHUTDOWN_GRACE_S`` and then stops them (each ends as a transient
failure, so the watcher retries it); a second signal stops them at once. A worker never connects
to PostgreSQL: it needs ``FOVEA_REDIS_URL`` (and the same ``FOVEA_JOB_QUEUE_PREFIX`` as the API).
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable

from taskiq.receiver import Receiver

from fovea.config import Settings
from fovea.errors import ConfigurationError
from fovea.jobs.broker import JobQueue, make_queue
from fovea.jobs.execution import JobExecutor, heartbeat_interval_s

log = logging.getLogger(__name__)

SHUTDOWN_GRACE_S = 10.0
RECONNECT_DELAY_S = 1.0


async def receive(
    queue: JobQueue, executor: JobExecutor, finish: asyncio.Event, concurrency: int
) -> None:
    """Run attempts from ``queue`` until ``finish`` is set and the running ones have ended.

    The broker must be started. A lost connection is logged and listening starts again.
    """
    while not finish.is_set():
        receiver = Receiver(
            broker=queue.broker,
            max_async_tasks=concurrency,
            run_startup=False,
            propagate_exceptions=True,
        )
        try:
            await receiver.listen(finish)
        except Exception as exc:  # Redis went away: keep trying, like taskiq's own runner
            log.warning("the job receiver stopped (%s); listening again", exc)
            await asyncio.sleep(RECONNECT_DELAY_S)


def make_executor(queue: JobQueue, settings: Settings) -> JobExecutor:
    """An executor whose attempts ``queue``'s broker runs."""
    executor = JobExecutor(queue.flags, heartbeat_interval_s(settings))
    executor.register(queue.broker)
    return executor


def run_worker(settings: Settings, kinds: frozenset[str] | None = None) -> None:
    """Run a standalone worker process until SIGTERM or SIGINT (``kinds``: see ``work``)."""
    if settings.redis_url is None:
        raise ConfigurationError("a separate worker needs FOVEA_REDIS_URL")

    async def main() -> None:
        finish = asyncio.Event()
        await work(settings, finish, kinds, on_stop=lambda: None)

    asyncio.run(main())


async def work(
    settings: Settings,
    finish: asyncio.Event,
    kinds: frozenset[str] | None,
    on_stop: Callable[[], None],
) -> None:
    """Run jobs of ``kinds`` (None: every kind) from Redis until SIGTERM/SIGINT or ``finish``.

    ``on_stop`` runs at the first signal, so a process serving HTTP beside the worker (the
    model service) can stop its server at the same moment.
    """
    queue = make_queue(settings, consume=kinds)
    executor = make_executor(queue, settings)
    queue.broker.is_worker_process = True
    _stop_on_signals(finish, executor, on_stop)
    await queue.startup()
    log.info(
        "job worker started (prefix %s, %d at a time, kinds: %s)",
        settings.job_queue_prefix,
        settings.job_worker_concurrency,
        "all" if kinds is None else ", ".join(sorted(kinds)),
    )
    try:
        await receive(queue, executor, finish, settings.job_worker_concurrency)
    finally:
        await queue.shutdown()
    log.info("job worker stopped")


def _stop_on_signals(
    finish: asyncio.Event, executor: JobExecutor, on_stop: Callable[[], None]
) -> None:
    loop = asyncio.get_running_loop()

    def stop() -> None:
        if finish.is_set():
            executor.stop()
            return
        log.info("stopping: no new jobs; running ones get %.0f s to finish", SHUTDOWN_GRACE_S)
        finish.set()
        on_stop()
        loop.call_later(SHUTDOWN_GRACE_S, executor.stop)

    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, stop)
