"""HTTP routes of the video library: browse, scan, upload, ingest again.

The media of one video (stream, thumbnails, sprite, frames, frame times) are in
``fovea.videos.media_routes``, included here.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, Query, Request, Response, status

from fovea.config import Settings
from fovea.jobs.schemas import JobRead
from fovea.videos import library, service
from fovea.videos.dependencies import Paths
from fovea.videos.media_routes import router as media_router
from fovea.videos.schemas import VideoDetail, VideoQuery, VideoRead
from fovea.videos.upload import receive_upload
from fovea.web import (
    CurrentActor,
    DbSession,
    JobsRuntime,
    Page,
    Paging,
    get_settings,
    page_of,
)

router = APIRouter(prefix="/api/videos", tags=["videos"])
UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            }
        },
    }
}


@router.get("", response_model=Page[VideoRead], summary="Search and list videos")
async def list_videos(
    session: DbSession,
    actor: CurrentActor,
    paging: Paging,
    query: Annotated[VideoQuery, Query()],
) -> dict[str, Any]:
    rows, total = await service.list_page(
        session, actor, query, offset=paging.offset, limit=paging.page_size
    )
    return page_of(rows, total, paging)


@router.post(
    "/scan",
    response_model=JobRead,
    status_code=202,
    summary="Scan the video folder (a job; a scan already queued or running is returned)",
)
async def scan_videos(
    session: DbSession,
    actor: CurrentActor,
    paths: Paths,
    jobs: JobsRuntime,
    background: BackgroundTasks,
) -> Any:
    job = await library.submit_scan(session, actor, paths)
    background.add_task(jobs.nudge)
    return job


@router.post(
    "",
    response_model=VideoDetail,
    status_code=201,
    openapi_extra=UPLOAD_BODY,
    summary="Upload a video (multipart field 'file'); 200 with the video if already present",
    responses={413: {"description": "Too large"}, 415: {"description": "Not a video"}},
)
async def upload_video(
    request: Request,
    session: DbSession,
    actor: CurrentActor,
    settings: Annotated[Settings, Depends(get_settings)],
    paths: Paths,
    jobs: JobsRuntime,
    background: BackgroundTasks,
    response: Response,
) -> Any:
    await session.close()  # hold no database connection while the body streams in
    stored = await receive_upload(request, paths.video_dir, settings.max_upload_bytes)
    video_id, created = await library.add_upload(session, actor, stored, paths)
    if not created:
        response.status_code = status.HTTP_200_OK
    background.add_task(jobs.nudge)
    return await service.get_read(session, actor, video_id)


@router.get("/{video_id}", response_model=VideoDetail, summary="Get a video")
async def get_video(video_id: uuid.UUID, session: DbSession, actor: CurrentActor) -> Any:
    return await service.get_read(session, actor, video_id)


@router.post(
    "/{video_id}/ingest",
    response_model=JobRead,
    status_code=202,
    summary="Probe the video and make its thumbnails again (a job)",
)
async def ingest_video(
    video_id: uuid.UUID,
    session: DbSession,
    actor: CurrentActor,
    paths: Paths,
    jobs: JobsRuntime,
    background: BackgroundTasks,
) -> Any:
    job = await service.reingest(session, actor, video_id, paths)
    background.add_task(jobs.nudge)
    return job


router.include_router(media_router)
