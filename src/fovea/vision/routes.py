"""HTTP routes of detection and tracking: thin wrappers over ``fovea.vision`` services."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Query

from fovea.annotations import service as annotation_service
from fovea.annotations.schemas import BoxRead
from fovea.jobs.schemas import JobRead
from fovea.videos.dependencies import Paths
from fovea.vision import service, shared, tracking
from fovea.vision.models import DetectionCandidate, ReviewState, Track
from fovea.vision.schemas import (
    AcceptedAnnotations,
    DetectionRead,
    DetectionsAccept,
    DetectRequest,
    LinkChoice,
    TrackAccept,
    TrackRead,
    TrackRequest,
)
from fovea.web import CurrentActor, DbSession, JobsRuntime, Page, Paging, page_of

router = APIRouter(tags=["vision"])
FrameQuery = Annotated[int | None, Query(ge=0, description="Frame index, inclusive.")]
ConfidenceQuery = Annotated[float | None, Query(ge=0, le=1, description="Lowest confidence.")]


@router.post(
    "/api/videos/{video_id}/detect",
    response_model=JobRead,
    status_code=202,
    summary="Detect objects on a frame or a range of frames (a job)",
)
async def detect(
    video_id: uuid.UUID,
    data: DetectRequest,
    session: DbSession,
    actor: CurrentActor,
    paths: Paths,
    jobs: JobsRuntime,
    background: BackgroundTasks,
) -> Any:
    job = await service.submit_detection(session, actor, video_id, data, paths)
    background.add_task(jobs.nudge)
    return job


@router.get(
    "/api/videos/{video_id}/detections",
    response_model=Page[DetectionRead],
    summary="List a video's detection candidates",
)
async def list_detections(
    video_id: uuid.UUID,
    session: DbSession,
    actor: CurrentActor,
    paging: Paging,
    job_id: uuid.UUID | None = None,
    frame: FrameQuery = None,
    state: ReviewState | None = None,
    min_confidence: ConfidenceQuery = None,
) -> dict[str, Any]:
    rows, total = await service.list_detections(
        session, actor, video_id, job_id=job_id, frame=frame, state=state,
        min_confidence=min_confidence, offset=paging.offset, limit=paging.page_size,
    )  # fmt: skip
    return page_of(rows, total, paging)


@router.post(
    "/api/videos/{video_id}/detections/accept",
    response_model=AcceptedAnnotations,
    summary="Accept every pending candidate at or over a confidence (all or nothing)",
)
async def accept_detections(
    video_id: uuid.UUID, data: DetectionsAccept, session: DbSession, actor: CurrentActor
) -> dict[str, Any]:
    ids = await service.accept_detections(session, actor, video_id, data)
    return {"annotation_ids": ids}


@router.get(
    "/api/detections/{candidate_id}", response_model=DetectionRead, summary="Get a candidate"
)
async def get_detection(candidate_id: uuid.UUID, session: DbSession, actor: CurrentActor) -> Any:
    return await service.get_detection(session, actor, candidate_id)


@router.post(
    "/api/detections/{candidate_id}/accept",
    response_model=DetectionRead,
    summary="Make a candidate an annotation with a type or a world object",
)
async def accept_detection(
    candidate_id: uuid.UUID, data: LinkChoice, session: DbSession, actor: CurrentActor
) -> Any:
    return await service.accept_detection(session, actor, candidate_id, data)


@router.post(
    "/api/detections/{candidate_id}/reject", response_model=DetectionRead, summary="Reject one"
)
async def reject_detection(candidate_id: uuid.UUID, session: DbSession, actor: CurrentActor) -> Any:
    return await shared.reject(session, actor, DetectionCandidate, candidate_id)


@router.post(
    "/api/videos/{video_id}/track",
    response_model=JobRead,
    status_code=202,
    summary="Track a drawn box, or every detected object, over a frame range (a job)",
)
async def track(
    video_id: uuid.UUID,
    data: TrackRequest,
    session: DbSession,
    actor: CurrentActor,
    paths: Paths,
    jobs: JobsRuntime,
    background: BackgroundTasks,
) -> Any:
    job = await tracking.submit_tracking(session, actor, video_id, data, paths)
    background.add_task(jobs.nudge)
    return job


@router.get("/api/videos/{video_id}/tracks", response_model=Page[TrackRead], summary="List tracks")
async def list_tracks(
    video_id: uuid.UUID,
    session: DbSession,
    actor: CurrentActor,
    paging: Paging,
    job_id: uuid.UUID | None = None,
    state: ReviewState | None = None,
) -> dict[str, Any]:
    rows, total = await tracking.list_tracks(
        session, actor, video_id, job_id=job_id, state=state,
        offset=paging.offset, limit=paging.page_size,
    )  # fmt: skip
    return page_of(rows, total, paging)


@router.get("/api/tracks/{track_id}", response_model=TrackRead, summary="Get a track")
async def get_track(track_id: uuid.UUID, session: DbSession, actor: CurrentActor) -> Any:
    return await tracking.get_track(session, actor, track_id)


@router.get(
    "/api/tracks/{track_id}/boxes",
    response_model=list[BoxRead],
    summary="Visible boxes per frame, interpolated (as an annotation's)",
)
async def track_boxes(
    track_id: uuid.UUID,
    session: DbSession,
    actor: CurrentActor,
    start: FrameQuery = None,
    end: FrameQuery = None,
) -> list[dict[str, Any]]:
    arrays = await tracking.track_boxes(session, actor, track_id, start, end)
    return annotation_service.box_reads(arrays)


@router.post(
    "/api/tracks/{track_id}/accept",
    response_model=TrackRead,
    summary="Make a track an annotation with a type or a world object",
)
async def accept_track(
    track_id: uuid.UUID, data: TrackAccept, session: DbSession, actor: CurrentActor
) -> Any:
    return await tracking.accept_track(session, actor, track_id, data)


@router.post("/api/tracks/{track_id}/reject", response_model=TrackRead, summary="Reject one")
async def reject_track(track_id: uuid.UUID, session: DbSession, actor: CurrentActor) -> Any:
    return await shared.reject(session, actor, Track, track_id)
