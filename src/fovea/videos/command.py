"""``fovea scan``: one scan of the video folder for the default user, outside a server.

It runs the job system in this process (the same ``video-scan`` and ``video-ingest`` jobs as
``POST /api/videos/scan``; with ``FOVEA_REDIS_URL`` set, workers execute them), waits for the
scan, and with ``wait`` for every ingest it queued, reporting as it goes. Without ``wait`` the
ingests stay queued and run when a server (or worker) runs.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from fovea.auth import service as auth_service
from fovea.auth.service import Actor
from fovea.config import Mode, Settings
from fovea.db.engine import make_async_engine, make_session_factory
from fovea.errors import FoveaError, InvalidInput
from fovea.jobs.models import TERMINAL_STATES, Job, JobState
from fovea.jobs.runtime import job_runtime
from fovea.videos import library
from fovea.videos.files import LibraryPaths, relative_path
from fovea.videos.models import Video, VideoState

POLL_INTERVAL_S = 0.5
Report = Callable[[str], None]


async def _unfinished(factory: async_sessionmaker[AsyncSession], job_ids: list[uuid.UUID]) -> int:
    async with factory() as session:
        stmt = select(Job.id).where(Job.id.in_(job_ids), Job.state.not_in(TERMINAL_STATES))
        return len((await session.scalars(stmt)).all())


async def _wait(
    factory: async_sessionmaker[AsyncSession], job_ids: list[uuid.UUID], report: Report, what: str
) -> None:
    left_before = -1
    while left := await _unfinished(factory, job_ids):
        if left != left_before:
            report(f"{what}: {len(job_ids) - left} of {len(job_ids)} done")
            left_before = left
        await asyncio.sleep(POLL_INTERVAL_S)


async def _ingest_jobs(factory: async_sessionmaker[AsyncSession], actor: Actor) -> list[uuid.UUID]:
    async with factory() as session:
        stmt = select(Video.ingest_job_id).where(
            Video.owner_id == actor.id,
            Video.state == VideoState.PENDING,
            Video.ingest_job_id.is_not(None),
        )
        return [job_id for job_id in (await session.scalars(stmt)).all() if job_id is not None]


async def _states(
    factory: async_sessionmaker[AsyncSession], actor: Actor, report: Report
) -> Counter[str]:
    """Count the library's videos by state; report each failed one with its reason."""
    async with factory() as session:
        stmt = select(Video).where(Video.owner_id == actor.id, library.in_library())
        videos = (await session.scalars(stmt.order_by(Video.storage_uri))).all()
    for video in videos:
        if video.state == VideoState.FAILED:
            report(f"failed: {relative_path(video.storage_uri)}: {video.error}")
    return Counter(video.state for video in videos)


async def _scan(
    settings: Settings, factory: async_sessionmaker[AsyncSession], wait: bool, report: Report
) -> Counter[str]:
    async with factory() as session, session.begin():
        actor = await auth_service.ensure_default_user(session)
    async with job_runtime(settings, factory) as jobs:
        async with factory() as session, session.begin():
            paths = LibraryPaths.from_settings(settings)
            job = await library.submit_scan(session, actor, paths)
        report(f"scanning {paths.video_dir}")
        jobs.nudge()
        await _wait(factory, [job.id], report, "scan")
        async with factory() as session:
            scanned = await session.get(Job, job.id)
        if scanned is None or scanned.state != JobState.COMPLETED:
            error = scanned.error if scanned is not None else "the job vanished"
            raise FoveaError(f"the scan did not complete: {error}")
        if wait:
            await _wait(factory, await _ingest_jobs(factory, actor), report, "ingest")
        return await _states(factory, actor, report)


async def scan_once(settings: Settings, database_url: str, *, wait: bool, report: Report) -> None:
    """Scan the video folder for the default user; report the library's states at the end."""
    if settings.mode is not Mode.SINGLE_USER:
        raise InvalidInput("in multi-user mode, scan as a user: POST /api/videos/scan")
    engine = make_async_engine(database_url, pool_size=2)
    try:
        states = await _scan(settings, make_session_factory(engine), wait, report)
    finally:
        await engine.dispose()
    summary = ", ".join(f"{count} {state}" for state, count in sorted(states.items()))
    report(f"library: {summary or 'no videos'}")
