"""What the job watcher does when a video job ends (in the API process, never on a worker).

- ``video-scan`` completed: reconcile the owner's library with what the scan found, and queue
  ``video-ingest`` jobs for new and changed files;
- ``video-ingest`` completed: store probe facts, frame-time table and media file names;
- ``video-ingest`` failed: the video becomes ``failed`` with the job's error as the reason.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth import service as auth_service
from fovea.jobs.models import Job
from fovea.jobs.specs import VideoIngestResult, VideoScanResult, VideoScanSpec
from fovea.videos import library
from fovea.videos import service as video_service


async def on_scan_completed(session: AsyncSession, job: Job, result: VideoScanResult) -> None:
    actor = await auth_service.get_actor(session, job.owner_id)
    spec = VideoScanSpec.model_validate(job.payload)
    await library.reconcile(session, actor, spec, result)


async def on_ingest_completed(session: AsyncSession, job: Job, result: VideoIngestResult) -> None:
    await video_service.store_ingest(session, job, result)


async def on_ingest_failed(session: AsyncSession, job: Job) -> None:
    await video_service.mark_ingest_failed(session, job)
