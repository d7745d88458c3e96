"""Tracking: queue a job over a frame range, then review its tracks as bounding-box sequences.

A track's ``sequence`` is an ordinary ``fovea.domain`` sequence (see ``fovea.vision.hooks``),
so its boxes expand exactly as an annotation's do and accepting it stores it unchanged.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fovea import domain
from fovea.annotations import service as annotation_service
from fovea.annotations.models import AnnotationSource
from fovea.annotations.schemas import AnnotationCreate
from fovea.auth.service import Actor
from fovea.db import crud
from fovea.errors import InvalidInput
from fovea.inference.contract import MAX_FRAMES_PER_JOB, SeedBox, TrackingSpec
from fovea.jobs import service as job_service
from fovea.jobs.models import Job
from fovea.videos import service as video_service
from fovea.videos.files import LibraryPaths
from fovea.videos.models import Video
from fovea.vision.models import ReviewState, Track
from fovea.vision.schemas import SeedBoxModel, TrackAccept, TrackRequest
from fovea.vision.shared import check_pending, check_range, link_fields, locked, video_ref


def _check_seed(video: Video, box: SeedBoxModel, start_frame: int, end_frame: int) -> None:
    """The drawn box must be on a tracked frame and inside the video frame."""
    if not start_frame <= box.frame <= end_frame:
        raise InvalidInput(
            f"box.frame {box.frame} is outside the tracked frames {start_frame} to {end_frame}"
        )
    resolution = video_service.resolution_wh(video)
    if resolution is None:
        return
    width, height = resolution
    if box.x < 0 or box.y < 0 or box.x + box.w > width or box.y + box.h > height:
        raise InvalidInput(
            f"box (x={box.x}, y={box.y}, w={box.w}, h={box.h}) is not inside the "
            f"{width}x{height} frame"
        )


async def submit_tracking(
    session: AsyncSession,
    actor: Actor,
    video_id: uuid.UUID,
    data: TrackRequest,
    paths: LibraryPaths,
) -> Job:
    """Queue an ``object-tracking`` job: the drawn box alone, or every object a detector finds."""
    video = await video_service.get(session, actor, video_id)
    span = check_range(video, data.start_frame, data.end_frame)
    if span > MAX_FRAMES_PER_JOB:
        raise InvalidInput(
            f"{span} frames are more than {MAX_FRAMES_PER_JOB} per tracking job; split the range"
        )
    if data.box is not None:
        _check_seed(video, data.box, data.start_frame, data.end_frame)
    spec = TrackingSpec(
        video_id=video.id,
        video=video_ref(video, paths),
        start_frame=data.start_frame,
        end_frame=data.end_frame,
        box=None if data.box is None else SeedBox.model_validate(data.box.model_dump()),
        detector=data.detector,
        tracker=data.tracker,
        threshold=data.threshold,
        label=data.label,
    )
    return await job_service.submit(session, actor, spec)


async def list_tracks(
    session: AsyncSession,
    actor: Actor,
    video_id: uuid.UUID,
    *,
    job_id: uuid.UUID | None,
    state: ReviewState | None,
    offset: int,
    limit: int,
) -> tuple[list[Track], int]:
    """The video's tracks by first frame, most confident first."""
    video = await video_service.get(session, actor, video_id)
    stmt = select(Track).where(Track.owner_id == actor.id, Track.video_id == video.id)
    if job_id is not None:
        stmt = stmt.where(Track.job_id == job_id)
    if state is not None:
        stmt = stmt.where(Track.state == state)
    stmt = stmt.order_by(Track.first_frame, Track.confidence.desc(), Track.id)
    return await crud.page_rows(session, stmt, offset, limit)


async def get_track(session: AsyncSession, actor: Actor, track_id: uuid.UUID) -> Track:
    return await crud.get_owned(session, Track, actor, track_id)


async def track_boxes(
    session: AsyncSession,
    actor: Actor,
    track_id: uuid.UUID,
    start_frame: int | None,
    end_frame: int | None,
) -> domain.BoxArrays:
    """The visible boxes in ``[start_frame, end_frame]``, exactly as an annotation's."""
    row = await get_track(session, actor, track_id)
    return annotation_service.sequence_boxes(row.sequence, start_frame, end_frame)


async def accept_track(
    session: AsyncSession, actor: Actor, track_id: uuid.UUID, data: TrackAccept
) -> Track:
    """Create an annotation with the track's sequence and the chosen link; mark it accepted.

    ``label`` renames the track first; the annotation's notes keep the track's label.
    """
    row = await locked(session, Track, actor, track_id)
    check_pending(row)
    link = await link_fields(session, actor, data)
    if data.label is not None:
        row.label = data.label
    create = AnnotationCreate.model_validate(
        link | {"sequence": row.sequence, "source": AnnotationSource.TRACKING, "notes": row.label}
    )
    annotation, _ = await annotation_service.create(session, actor, row.video_id, create)
    row.state, row.annotation_id = ReviewState.ACCEPTED, annotation.id
    await session.flush()
    await session.refresh(row)
    return row
