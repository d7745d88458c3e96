"""HTTP routes of jobs: list, read, follow (Server-Sent Events), cancel, retry; all owner-scoped.

``POST /api/jobs/diagnostic`` submits the ``diagnostic`` kind, the queue's self-test. Routes of
other features that submit jobs take ``fovea.web.JobsRuntime`` and ``BackgroundTasks`` and add
``jobs.nudge`` as a background task, which runs after their transaction has committed.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, Query, Request
from fastapi.sse import EventSourceResponse, ServerSentEvent

from fovea.jobs import service
from fovea.jobs.events import job_events
from fovea.jobs.models import Job, JobState
from fovea.jobs.schemas import DiagnosticCreate, JobRead
from fovea.web import CurrentActor, DbSession, JobsRuntime, Page, Paging, page_of

router = APIRouter(prefix="/api/jobs", tags=["jobs"])


async def owned_job(job_id: uuid.UUID, session: DbSession, actor: CurrentActor) -> Job:
    return await service.get(session, actor, job_id)


OwnedJob = Annotated[Job, Depends(owned_job)]


@router.get("", response_model=Page[JobRead], summary="List jobs, newest first")
async def list_jobs(
    session: DbSession,
    actor: CurrentActor,
    paging: Paging,
    kind: Annotated[str | None, Query(max_length=100, description="Only this kind.")] = None,
    state: Annotated[JobState | None, Query(description="Only jobs in this state.")] = None,
) -> dict[str, Any]:
    rows, total = await service.list_page(
        session, actor, kind=kind, state=state, offset=paging.offset, limit=paging.page_size
    )
    return page_of(rows, total, paging)


@router.post(
    "/diagnostic", response_model=JobRead, status_code=201, summary="Run a queue self-test job"
)
async def submit_diagnostic(
    data: DiagnosticCreate,
    session: DbSession,
    actor: CurrentActor,
    jobs: JobsRuntime,
    background: BackgroundTasks,
) -> Any:
    job = await service.submit(session, actor, data.spec(), max_attempts=data.max_attempts)
    background.add_task(jobs.nudge)
    return job


@router.get("/{job_id}", response_model=JobRead, summary="Get a job")
async def get_job(job: OwnedJob) -> Any:
    return job


@router.get(
    "/{job_id}/events",
    response_class=EventSourceResponse,
    summary="Follow a job: Server-Sent Events until it ends",
)
async def follow_job(
    job: OwnedJob, actor: CurrentActor, request: Request
) -> AsyncIterator[ServerSentEvent]:
    async for event in job_events(request.app.state.session_factory, actor, job.id):
        yield event


@router.post("/{job_id}/cancel", response_model=JobRead, summary="Cancel a queued or running job")
async def cancel_job(
    job_id: uuid.UUID,
    session: DbSession,
    actor: CurrentActor,
    jobs: JobsRuntime,
    background: BackgroundTasks,
) -> Any:
    job = await service.cancel(session, actor, job_id)
    background.add_task(jobs.cancel_requested, job.task_id)
    return job


@router.post("/{job_id}/retry", response_model=JobRead, summary="Retry a failed or cancelled job")
async def retry_job(
    job_id: uuid.UUID,
    session: DbSession,
    actor: CurrentActor,
    jobs: JobsRuntime,
    background: BackgroundTasks,
) -> Any:
    job = await service.retry(session, actor, job_id)
    background.add_task(jobs.nudge)
    return job
