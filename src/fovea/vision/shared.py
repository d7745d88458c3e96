"""What detection and tracking share: frame checks of job requests and the review of a row.

A candidate or track is reviewed once: accepting or rejecting a row that is no longer
``pending`` is a Conflict. Rows are locked while they are reviewed, so two concurrent accepts
cannot both create an annotation.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth.service import Actor
from fovea.errors import Conflict, InvalidInput, NotFound
from fovea.inference.contract import VideoRef
from fovea.videos import service as video_service
from fovea.videos.files import LibraryPaths
from fovea.videos.models import Video
from fovea.vision.models import DetectionCandidate, ReviewState, Track
from fovea.vision.schemas import LinkChoice
from fovea.world import service as world_service

ReviewRow = TypeVar("ReviewRow", DetectionCandidate, Track)


def frame_count(video: Video) -> int:
    """The video's frame count; Conflict while it is unknown (the video is not ingested)."""
    if video.frame_count is None:
        raise Conflict(
            f"video {video.id} is not ingested yet ({video.state}): its frames are unknown; "
            "wait for its ingest job, or ingest it again"
        )
    return video.frame_count


def check_range(video: Video, start_frame: int, end_frame: int) -> int:
    """The number of frames in ``[start_frame, end_frame]``; InvalidInput outside the video."""
    count = frame_count(video)
    for frame in (start_frame, end_frame):
        if frame >= count:
            raise InvalidInput(
                f"frame {frame} is outside video {video.id}, "
                f"which has {count} frames (0 to {count - 1})"
            )
    if end_frame < start_frame:
        raise InvalidInput(f"end_frame ({end_frame}) is before start_frame ({start_frame})")
    return end_frame - start_frame + 1


def video_ref(video: Video, paths: LibraryPaths) -> VideoRef:
    """Where a worker reads the video: its library file (Conflict when it cannot be read)."""
    return VideoRef(uri=str(video_service.playable_file(video, paths)))


async def locked(
    session: AsyncSession, model: type[ReviewRow], actor: Actor, row_id: uuid.UUID
) -> ReviewRow:
    """The actor's row, locked until the transaction ends (two accepts cannot both win)."""
    stmt: Any = (
        select(model)
        .where(model.id == row_id, model.owner_id == actor.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    row: ReviewRow | None = await session.scalar(stmt)
    if row is None:
        raise NotFound(f"{_noun(model)} {row_id} not found")
    return row


def check_pending(row: DetectionCandidate | Track) -> None:
    if row.state != ReviewState.PENDING:
        raise Conflict(
            f"{_noun(type(row))} {row.id} is already {row.state}; "
            "only a pending one can be accepted or rejected"
        )


def _noun(model: type[DetectionCandidate | Track]) -> str:
    return "detection candidate" if model is DetectionCandidate else "track"


async def link_fields(session: AsyncSession, actor: Actor, choice: LinkChoice) -> dict[str, Any]:
    """``AnnotationCreate`` fields of the chosen type or world object (checked on create)."""
    if choice.object_id is None:
        if choice.type_id is None:
            raise InvalidInput("accepting needs type_id with persona_id, or object_id")
        return {"kind": "type", "persona_id": choice.persona_id, "type_id": choice.type_id}
    if choice.type_id is not None:
        raise InvalidInput("send type_id (with persona_id) or object_id, not both")
    world_object = await world_service.find_object(session, actor, choice.object_id)
    if world_object is None:
        raise InvalidInput(f"object_id: there is no world object {choice.object_id}")
    link = {"kind": world_object.kind, "id": world_object.id}
    return {"kind": "object", "persona_id": choice.persona_id, "object": link}


async def reject(
    session: AsyncSession, actor: Actor, model: type[ReviewRow], row_id: uuid.UUID
) -> ReviewRow:
    row = await locked(session, model, actor, row_id)
    check_pending(row)
    row.state = ReviewState.REJECTED
    await session.flush()
    await session.refresh(row)
    return row
