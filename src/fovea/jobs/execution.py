"""The worker side of one attempt: the single taskiq task every job kind runs through.

The task receives a ``JobEnvelope``, validates the payload with the kind's spec, runs the
handler with a ``JobContext`` and returns a ``JobOutcome``. While the handler runs, a heartbeat
stores the attempt's progress (stage, percent, a growing ``beat``) through taskiq's progress API
every ``heartbeat_interval_s`` and checks the attempt's cancel flag; a raised flag cancels the
handler. Nothing here touches PostgreSQL.

Handler errors: ``TransientJobError`` or ``Unavailable`` (a provider briefly down) -> retried;
``PermanentJobError``, any other ``FoveaError`` (``InvalidInput``, ``ModelFailed``...) or any
other exception -> failed at once with its message; ``JobCancelled`` -> cancelled.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from taskiq import AsyncBroker, Context, TaskiqDepends
from taskiq.abc.result_backend import AsyncResultBackend
from taskiq.depends.progress_tracker import TaskProgress, TaskState

from fovea.config import Settings
from fovea.errors import FoveaError, Unavailable
from fovea.jobs.broker import CancelFlags
from fovea.jobs.context import JobContext
from fovea.jobs.errors import JobCancelled, PermanentJobError, TransientJobError
from fovea.jobs.protocol import TASK_NAME, JobEnvelope, JobOutcome, ProgressMeta
from fovea.jobs.registry import JobKind, kind_named
from fovea.jobs.specs import JobSpec

log = logging.getLogger(__name__)

MIN_PUBLISH_INTERVAL_S = 0.1  # progress of one stage is stored at most this often
CANCEL_CHECK_INTERVAL_S = 0.2  # ``progress`` asks the cancel flag at most this often


def heartbeat_interval_s(settings: Settings) -> float:
    """About 1 s, and several beats within the heartbeat timeout however short it is."""
    return min(1.0, settings.job_heartbeat_timeout_s / 4)


class _Attempt:
    """One running attempt: its progress sink, heartbeat and handler task."""

    def __init__(
        self,
        task_id: str,
        envelope: JobEnvelope,
        backend: AsyncResultBackend[Any],
        flags: CancelFlags,
    ) -> None:
        self.task_id = task_id
        self.envelope = envelope
        self.stop_reason: str | None = None  # "cancelled" or "shutdown", once we stop it
        self._backend = backend
        self._flags = flags
        self._stage: str | None = "starting"
        self._percent = 0.0
        self._beat = 0
        self._published_at = 0.0
        self._published_stage: str | None = None
        self._cancel_checked_at = 0.0
        self._cancel_seen = False
        self._lock = asyncio.Lock()
        self._handler: asyncio.Task[Any] | None = None

    async def report(self, stage: str, percent: float) -> None:
        self._stage, self._percent = stage, percent
        recent = time.monotonic() - self._published_at < MIN_PUBLISH_INTERVAL_S
        if not (recent and stage == self._published_stage):
            await self.publish()

    async def cancel_requested(self) -> bool:
        if not self._cancel_seen and (
            time.monotonic() - self._cancel_checked_at >= CANCEL_CHECK_INTERVAL_S
        ):
            self._cancel_checked_at = time.monotonic()
            self._cancel_seen = await self._flags.is_requested(self.task_id)
        return self._cancel_seen

    async def publish(self) -> None:
        """Store the current progress under the attempt's task id (never out of order)."""
        async with self._lock:
            meta = ProgressMeta(
                stage=self._stage,
                percent=self._percent,
                beat=self._beat,
                attempt=self.envelope.attempt,
            )
            self._published_at, self._published_stage = time.monotonic(), self._stage
            progress = TaskProgress[Any](state=TaskState.STARTED, meta=meta.model_dump())
            await self._backend.set_progress(self.task_id, progress)

    def stop(self, reason: str) -> None:
        """Cancel the handler; the attempt ends as cancelled, or as a transient failure."""
        if self.stop_reason is None:
            self.stop_reason = reason
        if self._handler is not None:
            self._handler.cancel()

    async def run(self, kind: JobKind[Any, Any], spec: JobSpec, interval_s: float) -> JobOutcome:
        ctx = JobContext(job_id=self.envelope.job_id, attempt=self.envelope.attempt, sink=self)
        await self.publish()  # the first sign of life: the watcher marks the job running
        self._handler = asyncio.create_task(kind.handler(spec, ctx))
        beating = asyncio.create_task(self._heartbeat(ctx, interval_s))
        try:
            return await self._outcome(kind, self._handler)
        finally:
            beating.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beating

    async def _heartbeat(self, ctx: JobContext, interval_s: float) -> None:
        while True:
            await asyncio.sleep(interval_s)
            try:
                if await self._flags.is_requested(self.task_id):
                    ctx.mark_cancelled()
                    self.stop("cancelled")
                    return
                self._beat += 1
                await self.publish()
            except Exception as exc:  # a queue hiccup must not stop the heartbeat for good
                log.warning("heartbeat of task %s failed: %s", self.task_id, exc)

    async def _outcome(self, kind: JobKind[Any, Any], handler: asyncio.Task[Any]) -> JobOutcome:
        try:
            returned = await handler
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if self.stop_reason is None or (current is not None and current.cancelling()):
                raise
            if self.stop_reason == "cancelled":
                return JobOutcome.cancelled()
            return JobOutcome.failed("the worker shut down during the attempt", transient=True)
        except JobCancelled:
            return JobOutcome.cancelled()
        except (TransientJobError, Unavailable) as exc:
            return JobOutcome.failed(exc.message, transient=True)
        except (PermanentJobError, FoveaError) as exc:
            return JobOutcome.failed(exc.message, transient=False)
        except Exception as exc:  # any other error is a bug or bad input: do not retry it
            log.exception("job %s (%s) failed", self.envelope.job_id, kind.name)
            return JobOutcome.failed(str(exc) or type(exc).__name__, transient=False)
        return _checked_result(kind, returned)


def _checked_result(kind: JobKind[Any, Any], returned: object) -> JobOutcome:
    try:
        result: BaseModel = kind.result.model_validate(returned)
    except ValidationError as exc:
        message = f"the {kind.name} handler returned an invalid result: {exc.errors()[0]['msg']}"
        return JobOutcome.failed(message, transient=False)
    return JobOutcome.succeeded(result)


class JobExecutor:
    """Runs attempts on a worker (a `fovea worker` process, or the API process itself)."""

    def __init__(self, flags: CancelFlags, heartbeat_s: float) -> None:
        self._flags = flags
        self._heartbeat_s = heartbeat_s
        self._running: set[_Attempt] = set()
        self._closing = False

    def register(self, broker: AsyncBroker) -> None:
        """Make ``broker`` run attempts here (the one task of every kind)."""
        broker.register_task(self._task_function(), task_name=TASK_NAME)

    def stop(self) -> None:
        """Stop every running attempt and refuse new ones; they end as transient failures."""
        self._closing = True
        for attempt in list(self._running):
            attempt.stop("shutdown")

    def _task_function(self) -> Callable[..., Awaitable[dict[str, Any]]]:
        executor = self

        async def run_job(
            envelope: dict[str, Any],
            context: Context = TaskiqDepends(),  # noqa: B008 - taskiq injects it
        ) -> dict[str, Any]:
            backend = context.broker.result_backend
            outcome = await executor.execute(envelope, context.message.task_id, backend)
            return outcome.model_dump(mode="json")

        return run_job

    async def execute(
        self, raw: dict[str, Any], task_id: str, backend: AsyncResultBackend[Any]
    ) -> JobOutcome:
        """Run one attempt described by the envelope ``raw``; never raises for handler errors."""
        try:
            envelope = JobEnvelope.model_validate(raw)
        except ValidationError:
            return JobOutcome.failed("the job message is malformed", transient=False)
        kind = kind_named(envelope.kind)
        if kind is None:
            return JobOutcome.failed(f"no handler for job kind {envelope.kind!r}", transient=False)
        if self._closing:
            return JobOutcome.failed("the worker is shutting down", transient=True)
        if await self._flags.is_requested(task_id):
            return JobOutcome.cancelled()  # cancelled, or abandoned, before it started
        try:
            spec = kind.spec.model_validate(envelope.payload)
        except ValidationError as exc:
            return JobOutcome.failed(f"invalid {kind.name} job: {_first(exc)}", transient=False)
        attempt = _Attempt(task_id, envelope, backend, self._flags)
        self._running.add(attempt)
        log.info("job %s (%s) attempt %d started", envelope.job_id, kind.name, envelope.attempt)
        try:
            outcome = await attempt.run(kind, spec, self._heartbeat_s)
        finally:
            self._running.discard(attempt)
        log.info("job %s attempt %d: %s", envelope.job_id, envelope.attempt, outcome.status)
        return outcome


def _first(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "payload"
    return f"{where}: {error['msg']}"
