"""What the job watcher stores when a detection or tracking job completes.

Both hooks run inside the transaction that marks the job completed, and both are idempotent:
rows are keyed by ``(job_id, result_index)``, so storing a result again adds nothing and keeps
the review state of rows already there. Boxes are clipped to the video frame first; a box with
nothing inside the frame is dropped. Nothing is stored when the video has been deleted since.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from fovea import domain
from fovea.domain.tracks import sequence_from_track
from fovea.inference.contract import (
    DetectedBox,
    DetectionResult,
    DetectionSpec,
    TrackBox,
    TrackingResult,
    TrackingSpec,
    TrackOut,
)
from fovea.jobs.models import Job
from fovea.videos import service as video_service
from fovea.videos.models import Video
from fovea.vision.models import DetectionCandidate, ReviewState, Track

TRACK_TOLERANCE_PX = 2.0  # keyframes reproduce each observed box this closely (boxes jitter)


async def on_detection_completed(session: AsyncSession, job: Job, result: DetectionResult) -> None:
    """One pending candidate per detected box, owned by the job's owner."""
    video = await _video_of(session, job, DetectionSpec.model_validate(job.payload).video_id)
    if video is None:
        return
    frame_wh = _frame_wh(video, result.width, result.height)
    rows = []
    for index, box in enumerate(result.boxes):
        columns = _candidate_columns(box, frame_wh)
        if columns is not None:
            rows.append(_owned(job, video, index) | columns | {"detector": result.detector})
    await _insert_new(session, DetectionCandidate, rows)


async def on_tracking_completed(session: AsyncSession, job: Job, result: TrackingResult) -> None:
    """One pending track per tracked object, its boxes decimated into a domain sequence."""
    video = await _video_of(session, job, TrackingSpec.model_validate(job.payload).video_id)
    if video is None:
        return
    frame_wh = _frame_wh(video, result.width, result.height)
    rows = []
    for index, track in enumerate(result.tracks):
        columns = _track_columns(track, frame_wh)
        if columns is not None:
            rows.append(
                _owned(job, video, index)
                | columns
                | {"tracker": result.tracker, "detector": result.detector}
            )
    await _insert_new(session, Track, rows)


def _candidate_columns(box: DetectedBox, frame_wh: tuple[int, int]) -> dict[str, Any] | None:
    """The box cut to the frame, with its label and confidence; None when it is outside."""
    inside = _inside(box, frame_wh)
    if inside is None:
        return None
    return {
        "frame": inside.frame, "x": inside.x, "y": inside.y, "w": inside.w, "h": inside.h,
        "label": box.label, "confidence": box.confidence,
    }  # fmt: skip


def _track_columns(track: TrackOut, frame_wh: tuple[int, int]) -> dict[str, Any] | None:
    """The sequence columns of a track, keyframes carrying their observed confidence."""
    observed = [
        (inside, box.confidence) for box in track.boxes if (inside := _inside(box, frame_wh))
    ]
    if not observed:
        return None
    frames = [keyframe.frame for keyframe, _ in observed]
    boxes = [domain.Box(k.frame, k.x, k.y, k.w, k.h, keyframe=True) for k, _ in observed]
    sequence = sequence_from_track(frames, boxes, tolerance_px=TRACK_TOLERANCE_PX)
    confidence_by_frame = {keyframe.frame: confidence for keyframe, confidence in observed}
    keyframes = tuple(
        dataclasses.replace(k, confidence=confidence_by_frame[k.frame]) for k in sequence.keyframes
    )
    sequence = dataclasses.replace(sequence, keyframes=keyframes)
    return {
        "label": track.label,
        "confidence": track.confidence,
        "sequence": domain.sequence_to_wire(sequence),
        "first_frame": keyframes[0].frame,
        "last_frame": keyframes[-1].frame,
        "frame_confidences": [[frame, confidence_by_frame[frame]] for frame in frames],
    }


async def _video_of(session: AsyncSession, job: Job, video_id: uuid.UUID) -> Video | None:
    """The job's video, if its owner still has it."""
    stmt = select(Video).where(Video.id == video_id, Video.owner_id == job.owner_id)
    return await session.scalar(stmt)


def _frame_wh(video: Video, width: int, height: int) -> tuple[int, int]:
    """The frame size boxes must fit: the video's as ingested, else the worker's."""
    return video_service.resolution_wh(video) or (width, height)


def _inside(box: DetectedBox | TrackBox, frame_wh: tuple[int, int]) -> domain.Keyframe | None:
    """The box cut to the frame as a keyframe; None when nothing of it is inside."""
    keyframe = domain.Keyframe(frame=box.frame, x=box.x, y=box.y, w=box.w, h=box.h)
    try:
        (clipped,) = domain.clip_to_frame(domain.Sequence((keyframe,)), frame_wh).keyframes
    except domain.SequenceError:
        return None
    return clipped


def _owned(job: Job, video: Video, index: int) -> dict[str, Any]:
    return {
        "owner_id": job.owner_id,
        "video_id": video.id,
        "job_id": job.id,
        "result_index": index,
        "state": ReviewState.PENDING,
    }


async def _insert_new(
    session: AsyncSession, model: type[DetectionCandidate | Track], rows: list[dict[str, Any]]
) -> None:
    """Insert ``rows`` in batches, skipping any already stored for the same job and index."""
    if rows:
        stmt = insert(model).on_conflict_do_nothing(index_elements=["job_id", "result_index"])
        await session.execute(stmt, rows)
