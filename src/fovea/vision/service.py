"""Detection: queue a job over frames of a video, then review what it found.

Accepting a candidate creates an ordinary annotation through ``fovea.annotations.service`` (its
link and sequence checks apply) and marks the candidate ``accepted`` in the same transaction.
Tracking's operations are in ``fovea.vision.tracking``; what both share is in ``shared``.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.annotations import service as annotation_service
from fovea.annotations.models import AnnotationSource
from fovea.annotations.schemas import AnnotationCreate
from fovea.auth.service import Actor
from fovea.db import crud
from fovea.errors import InvalidInput, NotFound
from fovea.inference.contract import MAX_FRAMES_PER_JOB, DetectionSpec
from fovea.jobs import service as job_service
from fovea.jobs.models import Job
from fovea.ontology import service as ontology_service
from fovea.ontology.models import TypeKind
from fovea.personas import service as persona_service
from fovea.videos import service as video_service
from fovea.videos.files import LibraryPaths
from fovea.videos.models import Video
from fovea.vision.models import DetectionCandidate, ReviewState
from fovea.vision.schemas import DetectionsAccept, DetectRequest, LinkChoice
from fovea.vision.shared import (
    check_pending,
    check_range,
    frame_count,
    link_fields,
    locked,
    video_ref,
)

MAX_QUERY_LABELS = 500
_LABEL_SEPARATORS = re.compile(r"[,;]")


def parse_query(text: str | None) -> list[str]:
    """Labels of a free-text query: split on commas and semicolons, trimmed, each once."""
    labels = (label.strip() for label in _LABEL_SEPARATORS.split(text or ""))
    return list(dict.fromkeys(label for label in labels if label))


def detection_frames(video: Video, data: DetectRequest) -> list[int]:
    """The frames a request asks for; InvalidInput outside the video or over the job limit."""
    if data.frame is not None:
        if data.start_frame is not None or data.end_frame is not None:
            raise InvalidInput("send frame, or start_frame and end_frame, not both")
        start = end = data.frame
    else:
        start = 0 if data.start_frame is None else data.start_frame
        end = frame_count(video) - 1 if data.end_frame is None else data.end_frame
    span = check_range(video, start, end)
    count = (span - 1) // data.step + 1
    if count > MAX_FRAMES_PER_JOB:
        raise InvalidInput(
            f"{count} frames are more than {MAX_FRAMES_PER_JOB} per detection job; "
            "raise step or split the range"
        )
    return list(range(start, end + 1, data.step))


async def _query(session: AsyncSession, actor: Actor, data: DetectRequest) -> list[str]:
    """The query text's labels, else the entity type names of ``persona_id`` (if given)."""
    labels = parse_query(data.query)
    if data.persona_id is None:
        return labels
    try:
        await persona_service.get(session, actor, data.persona_id)
    except NotFound as exc:
        raise InvalidInput(f"persona_id: there is no persona {data.persona_id}") from exc
    if labels:
        return labels
    types, _ = await ontology_service.list_page(
        session, actor, data.persona_id, TypeKind.ENTITY, q=None, offset=0, limit=MAX_QUERY_LABELS
    )
    if not types:
        raise InvalidInput(
            f"persona {data.persona_id} has no entity types to detect; add some or send a query"
        )
    return [row.name for row in types]


async def submit_detection(
    session: AsyncSession,
    actor: Actor,
    video_id: uuid.UUID,
    data: DetectRequest,
    paths: LibraryPaths,
) -> Job:
    """Queue an ``object-detection`` job over the requested frames of the video."""
    video = await video_service.get(session, actor, video_id)
    frames = detection_frames(video, data)
    query = await _query(session, actor, data)
    spec = DetectionSpec(
        video_id=video.id,
        video=video_ref(video, paths),
        frames=frames,
        detector=data.detector,
        query=query,
        threshold=data.threshold,
    )
    return await job_service.submit(session, actor, spec)


async def list_detections(
    session: AsyncSession,
    actor: Actor,
    video_id: uuid.UUID,
    *,
    job_id: uuid.UUID | None,
    frame: int | None,
    state: ReviewState | None,
    min_confidence: float | None,
    offset: int,
    limit: int,
) -> tuple[list[DetectionCandidate], int]:
    """The video's candidates by frame, most confident first on each frame."""
    video = await video_service.get(session, actor, video_id)
    table = DetectionCandidate
    stmt = select(table).where(table.owner_id == actor.id, table.video_id == video.id)
    if job_id is not None:
        stmt = stmt.where(table.job_id == job_id)
    if frame is not None:
        stmt = stmt.where(table.frame == frame)
    if state is not None:
        stmt = stmt.where(table.state == state)
    if min_confidence is not None:
        stmt = stmt.where(table.confidence >= min_confidence)
    stmt = stmt.order_by(table.frame, table.confidence.desc(), table.id)
    return await crud.page_rows(session, stmt, offset, limit)


async def get_detection(
    session: AsyncSession, actor: Actor, candidate_id: uuid.UUID
) -> DetectionCandidate:
    return await crud.get_owned(session, DetectionCandidate, actor, candidate_id)


def _annotation_of(row: DetectionCandidate, link: dict[str, Any]) -> AnnotationCreate:
    """One keyframe at the candidate's frame with its box and confidence; notes: its label."""
    keyframe = {"frame": row.frame, "x": row.x, "y": row.y, "w": row.w, "h": row.h}
    return AnnotationCreate.model_validate(
        link
        | {
            "sequence": {"keyframes": [keyframe | {"confidence": row.confidence}]},
            "source": AnnotationSource.DETECTION,
            "notes": row.label,
        }
    )


async def accept_detection(
    session: AsyncSession, actor: Actor, candidate_id: uuid.UUID, choice: LinkChoice
) -> DetectionCandidate:
    """Create the candidate's annotation with the chosen link; the candidate is accepted."""
    row = await locked(session, DetectionCandidate, actor, candidate_id)
    check_pending(row)
    link = await link_fields(session, actor, choice)
    annotation, _ = await annotation_service.create(
        session, actor, row.video_id, _annotation_of(row, link)
    )
    row.state, row.annotation_id = ReviewState.ACCEPTED, annotation.id
    await session.flush()
    await session.refresh(row)
    return row


async def accept_detections(
    session: AsyncSession, actor: Actor, video_id: uuid.UUID, data: DetectionsAccept
) -> list[uuid.UUID]:
    """Accept every pending candidate at or over ``min_confidence`` at once, all or nothing.

    Returns the ids of the created annotations, in the candidates' frame order.
    """
    video = await video_service.get(session, actor, video_id)
    table = DetectionCandidate
    stmt = select(table).where(
        table.owner_id == actor.id,
        table.video_id == video.id,
        table.state == ReviewState.PENDING,
        table.confidence >= data.min_confidence,
    )
    if data.job_id is not None:
        stmt = stmt.where(table.job_id == data.job_id)
    stmt = stmt.order_by(table.frame, table.confidence.desc(), table.id).with_for_update()
    rows = list(await session.scalars(stmt))
    if not rows:
        return []
    link = await link_fields(session, actor, data)
    created = await annotation_service.create_many(
        session, actor, video.id, [_annotation_of(row, link) for row in rows]
    )
    await session.execute(
        update(table),
        [
            {"id": row.id, "state": ReviewState.ACCEPTED, "annotation_id": annotation.id}
            for row, annotation in zip(rows, created, strict=True)
        ],
    )
    return [annotation.id for annotation in created]
