"""Video lookups scoped to the acting user; scanning and ingest build on these."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth.service import Actor
from fovea.db import crud
from fovea.videos.models import Video, VideoState


async def get(session: AsyncSession, actor: Actor, video_id: uuid.UUID) -> Video:
    return await crud.get_owned(session, Video, actor, video_id)


async def list_page(
    session: AsyncSession, actor: Actor, *, offset: int, limit: int
) -> tuple[list[Video], int]:
    stmt = select(Video).where(Video.owner_id == actor.id).order_by(Video.title, Video.id)
    return await crud.page_rows(session, stmt, offset, limit)


async def register(
    session: AsyncSession, actor: Actor, *, storage_uri: str, title: str, **facts: Any
) -> Video:
    """Record a video the caller has probed (``facts``: width, height, fps, frame_count...)."""
    video = Video(
        owner_id=actor.id, storage_uri=storage_uri, title=title, state=VideoState.READY, **facts
    )
    session.add(video)
    await session.flush()
    return video


def resolution_wh(video: Video) -> tuple[int, int] | None:
    """The frame size in pixels when known (boxes are then checked against it)."""
    if video.width and video.height:
        return (video.width, video.height)
    return None
