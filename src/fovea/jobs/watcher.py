"""The API's job watcher: moves ``jobs`` rows along from what the queue reports.

Every ``job_poll_interval_s`` (or at once when nudged) one pass:

1. **enqueues** queued rows without a task id whose ``next_attempt_at`` is due (the outbox:
   ``submit`` only writes the row, so a crash before enqueueing loses nothing): a new task id
   per attempt, ``attempts`` + 1, the attempt budget fixed if the row has none yet;
2. **tracks** queued and running rows that have a task id, reading the attempt's progress and
   outcome from the result backend: queued -> running at the first progress, progress and stage
   copied, a new heartbeat ``beat`` stamps ``heartbeat_at`` with database time; a result is
   validated, handed to the kind's ``on_completed`` hook and stored (``completed``); a permanent
   error fails the job; a transient one is retried after ``job_retry_base_delay_s *
   2**(attempt-1)`` while attempts remain, else fails naming the attempts;
3. **recovers** attempts whose worker went silent for ``job_heartbeat_timeout_s``: retried the
   same way or failed with "the worker stopped responding (attempt n of m)"; their cancel flag
   is raised so a redelivered message of the abandoned attempt stops at once.

Whenever a tracked job ends ``failed``, the kind's ``on_failed`` hook runs in the same
transaction (in a savepoint: a broken hook is logged and the job stays failed).

A cancel request on a running job is honoured at the next pass: the cancel flag is raised and the
job is ``cancelled``. Outcomes of old attempts are never read (a row names only its current
task id). Rows are claimed with ``FOR UPDATE SKIP LOCKED`` in short transactions, so any number of
API replicas can watch; a watcher reads progress only of attempts on its own queue
(``Job.runner``) but any watcher recovers a silent attempt.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from fovea.config import Settings
from fovea.jobs.broker import JobQueue
from fovea.jobs.models import ACTIVE_STATES, Job, JobState
from fovea.jobs.protocol import JobEnvelope, JobOutcome, OutcomeStatus, ProgressMeta
from fovea.jobs.registry import JobKind, kind_named

log = logging.getLogger(__name__)

BATCH = 100
LOST_WORKER = "the worker stopped responding"


class JobWatcher:
    """One watcher per API process; ``run`` until cancelled, ``nudge`` to look now."""

    def __init__(
        self,
        settings: Settings,
        session_factory: async_sessionmaker[AsyncSession],
        queue: JobQueue,
    ) -> None:
        self._settings = settings
        self._factory = session_factory
        self._queue = queue
        self._wake = asyncio.Event()

    def nudge(self) -> None:
        """Make the next pass start now (cheap; harmless when the watcher is not running)."""
        self._wake.set()

    async def run(self) -> None:
        while True:
            try:
                await self.pass_once()
            except Exception:  # the database or queue is down: log, and try again next time
                log.exception("the job watcher's pass failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._settings.job_poll_interval_s)
            self._wake.clear()

    async def pass_once(self) -> None:
        await self._enqueue_due()
        await self._track_active()

    async def _enqueue_due(self) -> None:
        while True:
            async with self._factory() as session, session.begin():
                now = await _database_now(session)
                due = or_(Job.next_attempt_at.is_(None), Job.next_attempt_at <= now)
                stmt = (
                    select(Job)
                    .where(Job.state == JobState.QUEUED, Job.task_id.is_(None), due)
                    .order_by(Job.created_at)
                    .limit(BATCH)
                    .with_for_update(skip_locked=True)
                )
                jobs = (await session.scalars(stmt)).all()
                for job in jobs:
                    if not await self._start_attempt(job, now):
                        return  # the queue is down; the rest waits for the next pass
            if len(jobs) < BATCH:
                return

    async def _start_attempt(self, job: Job, now: datetime) -> bool:
        if kind_named(job.kind) is None:
            _finish(job, JobState.FAILED, now, error=f"there is no job kind {job.kind!r}")
            return True
        attempt, task_id = job.attempts + 1, uuid.uuid4().hex
        envelope = JobEnvelope(job_id=job.id, kind=job.kind, attempt=attempt, payload=job.payload)
        try:
            await self._queue.enqueue(envelope, task_id)
        except Exception as exc:  # taskiq wraps every broker failure in SendTaskError
            log.warning("cannot enqueue job %s: %s", job.id, exc)
            return False
        if job.max_attempts is None:
            job.max_attempts = job.attempts + self._settings.job_max_attempts
        job.attempts, job.task_id, job.runner = attempt, task_id, self._queue.runner
        job.heartbeat_at, job.worker_beat, job.next_attempt_at = now, None, None
        return True

    async def _track_active(self) -> None:
        after: uuid.UUID | None = None
        while True:
            async with self._factory() as session, session.begin():
                now = await _database_now(session)
                stmt = select(Job).where(Job.state.in_(ACTIVE_STATES), Job.task_id.is_not(None))
                if after is not None:
                    stmt = stmt.where(Job.id > after)
                stmt = stmt.order_by(Job.id).limit(BATCH).with_for_update(skip_locked=True)
                jobs = (await session.scalars(stmt)).all()
                for job in jobs:
                    await self._track(session, job, now)
            if len(jobs) < BATCH:
                return
            after = jobs[-1].id

    async def _track(self, session: AsyncSession, job: Job, now: datetime) -> None:
        was_failed = job.state == JobState.FAILED
        await self._observe(session, job, now)
        if job.state == JobState.FAILED and not was_failed:
            await _run_failure_hook(session, job)

    async def _observe(self, session: AsyncSession, job: Job, now: datetime) -> None:
        task_id = job.task_id
        assert task_id is not None
        if job.runner == self._queue.runner:
            try:
                if job.cancel_requested:
                    await self._queue.flags.request(task_id)
                    _finish(job, JobState.CANCELLED, now)
                    return
                seen = await self._queue.observe(task_id)
            except Exception as exc:  # cannot see the queue: judge nothing this time
                log.warning("cannot read the progress of job %s: %s", job.id, exc)
                return
            if seen.outcome is not None:
                await self._conclude(session, job, seen.outcome, now)
                return
            if seen.progress is not None:
                _apply_progress(job, seen.progress, now)
        if self._is_lost(job, now):
            await self._abandon(job, now)

    def _is_lost(self, job: Job, now: datetime) -> bool:
        if job.heartbeat_at is None:
            return False
        silent = now - job.heartbeat_at > timedelta(seconds=self._settings.job_heartbeat_timeout_s)
        if job.state == JobState.RUNNING:
            return silent
        # Queued with a task id: on Redis it waits for a free worker, which is fine; an
        # in-process message runs at once or was lost with its process.
        return silent and (job.runner or "").startswith("memory:")

    async def _abandon(self, job: Job, now: datetime) -> None:
        if job.runner == self._queue.runner and job.task_id is not None:
            try:
                await self._queue.flags.request(job.task_id)
            except Exception as exc:  # best effort: the attempt's outcome is ignored anyway
                log.warning("cannot raise the cancel flag of job %s: %s", job.id, exc)
        if job.cancel_requested:
            _finish(job, JobState.CANCELLED, now)
        elif job.state == JobState.QUEUED:
            log.warning("job %s was never picked up; enqueueing it again", job.id)
            job.attempts -= 1
            job.task_id = job.runner = job.heartbeat_at = None
        else:
            log.warning("job %s lost its worker (attempt %d)", job.id, job.attempts)
            self._retry_or_fail(job, now, LOST_WORKER)

    async def _conclude(
        self, session: AsyncSession, job: Job, outcome: JobOutcome, now: datetime
    ) -> None:
        if outcome.status is OutcomeStatus.CANCELLED:
            _finish(job, JobState.CANCELLED, now)
        elif outcome.status is OutcomeStatus.FAILED:
            error = outcome.error
            message = error.message if error else "the attempt failed"
            if error is not None and error.transient:
                self._retry_or_fail(job, now, message)
            else:
                _finish(job, JobState.FAILED, now, error=message)
        else:
            kind = kind_named(job.kind)
            assert kind is not None  # the attempt could not have run otherwise
            await _complete(session, job, kind, outcome.result or {}, now)

    def _retry_or_fail(self, job: Job, now: datetime, reason: str) -> None:
        limit = job.max_attempts or job.attempts
        named = f"{reason} (attempt {job.attempts} of {limit})"
        if job.attempts >= limit:
            _finish(job, JobState.FAILED, now, error=named)
            return
        delay_s = retry_delay_s(self._settings.job_retry_base_delay_s, job.attempts)
        job.state, job.error, job.stage, job.progress = (
            JobState.QUEUED,
            named,
            "waiting to retry",
            0.0,
        )
        job.task_id = job.runner = job.heartbeat_at = job.worker_beat = None
        job.next_attempt_at = now + timedelta(seconds=delay_s)


def retry_delay_s(base_delay_s: float, failed_attempt: int) -> float:
    """Seconds to wait after attempt ``failed_attempt`` (1-based) failed: base * 2**(n-1)."""
    return base_delay_s * 2.0 ** (failed_attempt - 1)


def _apply_progress(job: Job, meta: ProgressMeta, now: datetime) -> None:
    if job.state == JobState.QUEUED:
        job.state = JobState.RUNNING
        job.started_at = job.started_at or now
    if job.progress != meta.percent:
        job.progress = meta.percent
    if job.stage != meta.stage:
        job.stage = meta.stage
    if job.worker_beat != meta.beat:
        job.worker_beat, job.heartbeat_at = meta.beat, now


async def _complete(
    session: AsyncSession, job: Job, kind: JobKind[Any, Any], raw: dict[str, Any], now: datetime
) -> None:
    try:
        result = kind.result.model_validate(raw)
    except ValidationError as exc:
        _finish(job, JobState.FAILED, now, error=f"the worker returned an invalid result: {exc}")
        return
    if kind.on_completed is not None:
        try:
            async with session.begin_nested():
                await kind.on_completed(session, job, result)
        except Exception as exc:  # a broken hook fails this job, not the watcher
            log.exception("storing the result of job %s failed", job.id)
            _finish(job, JobState.FAILED, now, error=f"the result could not be stored: {exc}")
            return
    job.result, job.progress, job.error = result.model_dump(mode="json"), 100.0, None
    _finish(job, JobState.COMPLETED, now)


async def _run_failure_hook(session: AsyncSession, job: Job) -> None:
    kind = kind_named(job.kind)
    if kind is None or kind.on_failed is None:
        return
    try:
        async with session.begin_nested():
            await kind.on_failed(session, job)
    except Exception:  # the job stays failed; a broken hook must not stop the watcher
        log.exception("the failure hook of job %s failed", job.id)


def _finish(job: Job, state: JobState, now: datetime, *, error: str | None = None) -> None:
    job.state, job.finished_at = state, now
    if error is not None:
        job.error = error
    if state is JobState.COMPLETED and job.started_at is None:
        job.started_at = now


async def _database_now(session: AsyncSession) -> datetime:
    """The database's clock (the same for every replica), at the start of the transaction."""
    now: datetime | None = await session.scalar(select(func.now()))
    assert now is not None
    return now
