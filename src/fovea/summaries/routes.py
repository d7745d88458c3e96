"""HTTP routes of a video's summaries and transcript: submit the jobs, read what they stored.

Both POST routes answer 202 with the job; poll ``GET /api/jobs/{id}`` (or follow its events)
and read the result here once it has completed. A video that is not ingested (ready) is a 409.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, BackgroundTasks

from fovea.jobs.schemas import JobRead
from fovea.summaries import service
from fovea.summaries.schemas import SummaryCreate, SummaryRead, TranscriptCreate, TranscriptRead
from fovea.videos.dependencies import OwnedVideo, Paths
from fovea.web import CurrentActor, DbSession, JobsRuntime

router = APIRouter(prefix="/api/videos/{video_id}", tags=["summaries"])


@router.post(
    "/summaries",
    response_model=JobRead,
    status_code=202,
    summary="Summarize the video for a persona (a job; a rerun replaces that persona's summary)",
)
async def summarize_video(
    data: SummaryCreate,
    video: OwnedVideo,
    session: DbSession,
    actor: CurrentActor,
    paths: Paths,
    jobs: JobsRuntime,
    background: BackgroundTasks,
) -> Any:
    job = await service.submit_summary(session, actor, video, data, paths)
    background.add_task(jobs.nudge)
    return job


@router.get(
    "/summaries", response_model=list[SummaryRead], summary="The video's summaries, per persona"
)
async def list_summaries(video: OwnedVideo, session: DbSession, actor: CurrentActor) -> Any:
    return await service.list_for_video(session, actor, video)


@router.post(
    "/transcript",
    response_model=JobRead,
    status_code=202,
    summary="Transcribe the video's audio (a job; replaces the video's transcript)",
)
async def transcribe_video(
    video: OwnedVideo,
    session: DbSession,
    actor: CurrentActor,
    paths: Paths,
    jobs: JobsRuntime,
    background: BackgroundTasks,
    data: TranscriptCreate | None = None,
) -> Any:
    job = await service.submit_transcription(
        session, actor, video, data or TranscriptCreate(), paths
    )
    background.add_task(jobs.nudge)
    return job


@router.get(
    "/transcript",
    response_model=TranscriptRead,
    summary="The video's transcript (404 until a transcription or summary made one)",
)
async def get_transcript(video: OwnedVideo, session: DbSession, actor: CurrentActor) -> Any:
    return await service.get_transcript(session, actor, video)
