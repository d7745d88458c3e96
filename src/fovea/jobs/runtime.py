"""The job system of one API process: queue, watcher and (where it runs here) the worker.

``job_runtime(settings, session_factory)`` starts the broker, the in-process receiver when
``settings.worker_in_process`` (with the in-memory broker every attempt runs here anyway), and
the watcher; on exit it stops the watcher, stops running attempts (each ends as a transient
failure and is retried later) and shuts the broker down.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from taskiq import InMemoryBroker

from fovea.config import Settings
from fovea.errors import Unavailable
from fovea.jobs.broker import JobQueue, make_queue
from fovea.jobs.watcher import JobWatcher
from fovea.jobs.worker import make_executor, receive

log = logging.getLogger(__name__)

DRAIN_TIMEOUT_S = 5.0


class JobRuntime:
    """What the rest of the API uses: ``ping`` for readiness, ``nudge`` after a commit."""

    def __init__(self, queue: JobQueue, watcher: JobWatcher, watching: asyncio.Task[None]) -> None:
        self.queue = queue
        self._watcher = watcher
        self._watching = watching

    async def ping(self) -> None:
        """Raise Unavailable when the queue is unreachable or the watcher has stopped."""
        if self._watching.done():
            raise Unavailable("the job watcher has stopped")
        await self.queue.ping()

    def nudge(self) -> None:
        """Have the watcher look at the jobs now (call it after the commit that queued a job)."""
        self._watcher.nudge()

    async def cancel_requested(self, task_id: str | None) -> None:
        """After a cancel was committed: stop the attempt now rather than at the next poll."""
        if task_id is not None:
            try:
                await self.queue.flags.request(task_id)
            except Exception as exc:  # the watcher raises the flag again on its next pass
                log.warning("cannot raise the cancel flag of task %s: %s", task_id, exc)
        self.nudge()


@asynccontextmanager
async def job_runtime(
    settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[JobRuntime]:
    queue = make_queue(settings)
    executor = make_executor(queue, settings) if settings.worker_in_process else None
    await queue.startup()
    finish = asyncio.Event()
    receiving: asyncio.Task[None] | None = None
    if executor is not None and queue.is_redis:
        concurrency = settings.job_worker_concurrency
        receiving = asyncio.create_task(receive(queue, executor, finish, concurrency))
    watcher = JobWatcher(settings, session_factory, queue)
    watching = asyncio.create_task(watcher.run())
    try:
        yield JobRuntime(queue, watcher, watching)
    finally:
        watching.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watching
        finish.set()
        if executor is not None:
            executor.stop()
        if receiving is not None:
            await receiving
        await _drain(queue.broker)
        await queue.shutdown()


async def _drain(broker: Any) -> None:
    """Let the in-memory broker's attempts save their outcomes (they were told to stop)."""
    if not isinstance(broker, InMemoryBroker):
        return
    try:
        await asyncio.wait_for(broker.wait_all(), DRAIN_TIMEOUT_S)
    except TimeoutError:
        log.warning("in-process jobs did not stop in %.0f s; abandoning them", DRAIN_TIMEOUT_S)
