"""HTTP routes of the video library."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter

from fovea.videos import service
from fovea.videos.schemas import VideoRead
from fovea.web import CurrentActor, DbSession, Page, Paging, page_of

router = APIRouter(prefix="/api/videos", tags=["videos"])


@router.get("", response_model=Page[VideoRead], summary="List videos")
async def list_videos(session: DbSession, actor: CurrentActor, paging: Paging) -> dict[str, Any]:
    rows, total = await service.list_page(
        session, actor, offset=paging.offset, limit=paging.page_size
    )
    return page_of(rows, total, paging)


@router.get("/{video_id}", response_model=VideoRead, summary="Get a video")
async def get_video(video_id: uuid.UUID, session: DbSession, actor: CurrentActor) -> Any:
    return await service.get(session, actor, video_id)
