"""Job operations for the API and for other features, all scoped to the acting user.

Other features submit work with ``await job_service.submit(session, actor, spec)`` (or
``submit_many`` for many specs in one flush): it writes the row (state ``queued``) in the
caller's transaction and never commits; the watcher enqueues it after the commit. A route
that wants the job picked up at once (rather than at the next poll) adds ``jobs.nudge`` as a
background task (see ``fovea.jobs.routes.JobsRuntime``).
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth.service import Actor
from fovea.db import crud
from fovea.errors import Conflict, NotFound
from fovea.jobs.models import Job, JobState
from fovea.jobs.registry import kind_of
from fovea.jobs.specs import JobSpec


def _queued(actor: Actor, spec: JobSpec, max_attempts: int | None) -> Job:
    kind_of(spec)  # refuses a spec without a handler before anything is written
    return Job(
        owner_id=actor.id,
        kind=spec.kind,
        state=JobState.QUEUED,
        progress=0.0,
        payload=spec.model_dump(mode="json"),
        attempts=0,
        max_attempts=max_attempts,
        cancel_requested=False,
    )


async def submit(
    session: AsyncSession, actor: Actor, spec: JobSpec, *, max_attempts: int | None = None
) -> Job:
    """Write a queued job for ``spec``; ``max_attempts`` None means FOVEA_JOB_MAX_ATTEMPTS."""
    job = _queued(actor, spec, max_attempts)
    session.add(job)
    await session.flush()
    await session.refresh(job)
    return job


async def submit_many(session: AsyncSession, actor: Actor, specs: list[JobSpec]) -> list[Job]:
    """Write queued jobs for ``specs`` in one flush (a scan queues thousands of ingests)."""
    jobs = [_queued(actor, spec, None) for spec in specs]
    session.add_all(jobs)
    await session.flush()
    return jobs


async def get(session: AsyncSession, actor: Actor, job_id: uuid.UUID) -> Job:
    return await crud.get_owned(session, Job, actor, job_id)


async def list_page(
    session: AsyncSession,
    actor: Actor,
    *,
    kind: str | None,
    state: JobState | None,
    offset: int,
    limit: int,
) -> tuple[list[Job], int]:
    """The actor's jobs, newest first, optionally of one kind and in one state."""
    stmt = select(Job).where(Job.owner_id == actor.id)
    if kind is not None:
        stmt = stmt.where(Job.kind == kind)
    if state is not None:
        stmt = stmt.where(Job.state == state)
    stmt = stmt.order_by(Job.created_at.desc(), Job.id.desc())
    return await crud.page_rows(session, stmt, offset, limit)


async def _locked(session: AsyncSession, actor: Actor, job_id: uuid.UUID) -> Job:
    """The job, locked against the watcher until the transaction ends, freshly read."""
    stmt = (
        select(Job)
        .where(Job.id == job_id, Job.owner_id == actor.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    job = await session.scalar(stmt)
    if job is None:
        raise NotFound(f"job {job_id} not found")
    return job


async def cancel(session: AsyncSession, actor: Actor, job_id: uuid.UUID) -> Job:
    """Cancel a queued job at once; ask a running one to stop (the watcher finishes it)."""
    job = await _locked(session, actor, job_id)
    if job.state not in (JobState.QUEUED, JobState.RUNNING):
        raise Conflict(
            f"job {job_id} is already {job.state}; only a queued or running job can be cancelled"
        )
    job.cancel_requested = True
    if job.state == JobState.QUEUED:
        job.state = JobState.CANCELLED
        job.finished_at = await session.scalar(select(func.now()))
    await session.flush()
    await session.refresh(job)
    return job


async def retry(session: AsyncSession, actor: Actor, job_id: uuid.UUID) -> Job:
    """Queue a failed or cancelled job again: a new attempt, a fresh budget of attempts."""
    job = await _locked(session, actor, job_id)
    if job.state not in (JobState.FAILED, JobState.CANCELLED):
        raise Conflict(
            f"job {job_id} is {job.state}; only a failed or cancelled job can be retried"
        )
    job.state, job.progress, job.stage = JobState.QUEUED, 0.0, None
    job.result = job.error = None
    job.max_attempts = None  # the watcher grants FOVEA_JOB_MAX_ATTEMPTS more attempts
    job.task_id = job.runner = job.next_attempt_at = None
    job.heartbeat_at = job.worker_beat = None
    job.cancel_requested = False
    job.started_at = job.finished_at = None
    await session.flush()
    await session.refresh(job)
    return job
