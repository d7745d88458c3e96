"""HTTP routes of annotations: thin wrappers over ``fovea.annotations.service``."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Query, Response, status

from fovea.annotations import service
from fovea.annotations.models import AnnotationKind
from fovea.annotations.schemas import AnnotationCreate, AnnotationRead, AnnotationUpdate, BoxRead
from fovea.jobs.schemas import JobRead
from fovea.web import CurrentActor, DbSession, JobsRuntime, Page, Paging, page_of

router = APIRouter(tags=["annotations"])
FrameQuery = Annotated[int | None, Query(ge=0, description="Frame index, inclusive.")]


@router.get(
    "/api/videos/{video_id}/annotations",
    response_model=Page[AnnotationRead],
    summary="List a video's annotations",
)
async def list_annotations(
    video_id: uuid.UUID,
    session: DbSession,
    actor: CurrentActor,
    paging: Paging,
    persona_id: uuid.UUID | None = None,
    kind: AnnotationKind | None = None,
) -> dict[str, Any]:
    rows, total = await service.list_page(
        session, actor, video_id, persona_id=persona_id, kind=kind,
        offset=paging.offset, limit=paging.page_size,
    )  # fmt: skip
    return page_of([service.to_read(row) for row in rows], total, paging)


@router.post(
    "/api/videos/{video_id}/annotations",
    response_model=AnnotationRead,
    status_code=201,
    summary="Create an annotation (idempotent with a client id)",
)
async def create_annotation(
    video_id: uuid.UUID,
    data: AnnotationCreate,
    session: DbSession,
    actor: CurrentActor,
    response: Response,
) -> dict[str, Any]:
    row, created = await service.create(session, actor, video_id, data)
    if not created:
        response.status_code = status.HTTP_200_OK
    return service.to_read(row)


@router.post(
    "/api/videos/{video_id}/annotations/validate",
    response_model=JobRead,
    status_code=202,
    summary="Re-validate every annotation of a video (a job)",
)
async def validate_annotations(
    video_id: uuid.UUID,
    session: DbSession,
    actor: CurrentActor,
    jobs: JobsRuntime,
    background: BackgroundTasks,
) -> Any:
    job = await service.submit_validation(session, actor, video_id)
    background.add_task(jobs.nudge)
    return job


@router.get("/api/annotations/{annotation_id}", response_model=AnnotationRead, summary="Get one")
async def get_annotation(
    annotation_id: uuid.UUID, session: DbSession, actor: CurrentActor
) -> dict[str, Any]:
    return service.to_read(await service.get(session, actor, annotation_id))


@router.patch(
    "/api/annotations/{annotation_id}",
    response_model=AnnotationRead,
    summary="Edit an annotation (send the version you read; 409 when stale)",
)
async def update_annotation(
    annotation_id: uuid.UUID, data: AnnotationUpdate, session: DbSession, actor: CurrentActor
) -> dict[str, Any]:
    return service.to_read(await service.update(session, actor, annotation_id, data))


@router.delete("/api/annotations/{annotation_id}", status_code=204, summary="Delete one")
async def delete_annotation(
    annotation_id: uuid.UUID, session: DbSession, actor: CurrentActor
) -> None:
    await service.delete_annotation(session, actor, annotation_id)


@router.get(
    "/api/annotations/{annotation_id}/boxes",
    response_model=list[BoxRead],
    summary="Visible boxes per frame, interpolated",
)
async def annotation_boxes(
    annotation_id: uuid.UUID,
    session: DbSession,
    actor: CurrentActor,
    start: FrameQuery = None,
    end: FrameQuery = None,
) -> list[dict[str, Any]]:
    return service.box_reads(await service.boxes(session, actor, annotation_id, start, end))
