"""Annotation operations: every write validates its sequence with ``fovea.domain`` first.

The same rules apply at save, import and export because all of them call ``checked_sequence``.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fovea import domain
from fovea.annotations.models import Annotation, AnnotationKind
from fovea.annotations.schemas import (
    AnnotationCreate,
    AnnotationUpdate,
    ObjectLink,
    SequenceModel,
)
from fovea.auth.service import Actor
from fovea.db import crud
from fovea.errors import InvalidInput, NotFound
from fovea.jobs import service as job_service
from fovea.jobs.models import Job
from fovea.jobs.specs import AnnotationToValidate, AnnotationValidationSpec
from fovea.ontology import service as ontology_service
from fovea.personas import service as persona_service
from fovea.videos import service as video_service
from fovea.videos.models import Video

ANNOTATABLE_TYPE_KINDS = frozenset({"entity", "event", "role"})
MAX_BOX_FRAMES = 100_000


def checked_sequence(
    sequence: SequenceModel | dict[str, Any], resolution_wh: tuple[int, int] | None
) -> domain.Sequence:
    """The domain sequence, or InvalidInput naming the first problem as ``sequence.<path>``."""
    wire = sequence.model_dump() if isinstance(sequence, SequenceModel) else dict(sequence)
    if wire.get("visible") is None:
        wire.pop("visible", None)
    try:
        parsed = domain.sequence_from_wire(wire)
        domain.validate(parsed, resolution_wh)
    except domain.SequenceError as exc:
        raise InvalidInput(
            f"sequence.{exc.path}: {exc.message}", details={"path": f"sequence.{exc.path}"}
        ) from exc
    return parsed


def _sequence_columns(parsed: domain.Sequence) -> dict[str, Any]:
    return {
        "sequence": domain.sequence_to_wire(parsed),
        "first_frame": parsed.keyframes[0].frame,
        "last_frame": parsed.keyframes[-1].frame,
    }


async def _check_persona(session: AsyncSession, actor: Actor, persona_id: uuid.UUID) -> None:
    """A persona named in a body must be the actor's: an unknown one is bad input, not a 404."""
    try:
        await persona_service.get(session, actor, persona_id)
    except NotFound as exc:
        raise InvalidInput(f"persona_id: there is no persona {persona_id}") from exc


async def _check_type_link(
    session: AsyncSession, actor: Actor, persona_id: uuid.UUID | None, type_id: uuid.UUID | None
) -> None:
    if persona_id is None or type_id is None:
        raise InvalidInput("a type annotation needs persona_id and type_id")
    await _check_persona(session, actor, persona_id)
    ontology_type = await ontology_service.find_type(session, actor, type_id)
    if ontology_type is None or ontology_type.persona_id != persona_id:
        raise InvalidInput(f"type_id: {type_id} is not a type of persona {persona_id}")
    if ontology_type.kind not in ANNOTATABLE_TYPE_KINDS:
        raise InvalidInput(f"type_id: a {ontology_type.kind} type cannot label a box")


async def _check_object_link(
    session: AsyncSession, actor: Actor, persona_id: uuid.UUID | None, link: ObjectLink | None
) -> None:
    from fovea.world import service as world_service  # world refers back to annotations

    if link is None:
        raise InvalidInput("an object annotation needs object: {kind, id}")
    if persona_id is not None:
        await _check_persona(session, actor, persona_id)
    world_object = await world_service.find_object(session, actor, link.id)
    if world_object is None or world_object.kind != link.kind:
        raise InvalidInput(f"object: there is no {link.kind} with id {link.id}")


async def _check_links(
    session: AsyncSession,
    actor: Actor,
    kind: str,
    persona_id: uuid.UUID | None,
    type_id: uuid.UUID | None,
    link: ObjectLink | None,
) -> None:
    if kind == AnnotationKind.TYPE:
        if link is not None:
            raise InvalidInput("object: a type annotation links a type, not an object")
        await _check_type_link(session, actor, persona_id, type_id)
    else:
        if type_id is not None:
            raise InvalidInput("type_id: an object annotation links an object, not a type")
        await _check_object_link(session, actor, persona_id, link)


def _link_columns(link: ObjectLink | None) -> dict[str, Any]:
    return {"object_id": link.id if link else None, "object_kind": link.kind if link else None}


async def get(session: AsyncSession, actor: Actor, annotation_id: uuid.UUID) -> Annotation:
    return await crud.get_owned(session, Annotation, actor, annotation_id)


async def create(
    session: AsyncSession, actor: Actor, video_id: uuid.UUID, data: AnnotationCreate
) -> tuple[Annotation, bool]:
    """Validate links and sequence, then insert; a repeated client id returns the stored row."""
    video = await video_service.get(session, actor, video_id)
    parsed = checked_sequence(data.sequence, video_service.resolution_wh(video))
    await _check_links(session, actor, data.kind, data.persona_id, data.type_id, data.object)
    values = {"id": data.id, **_row_values(video.id, data, parsed)}
    return await crud.insert_idempotent(session, Annotation, actor, values)


async def create_many(
    session: AsyncSession, actor: Actor, video_id: uuid.UUID, items: list[AnnotationCreate]
) -> list[Annotation]:
    """Validate and insert many annotations of one video in one flush, all or nothing.

    Each distinct link is checked once (accepting thousands of detections stays fast); the
    ids are generated, ``id`` in ``items`` is ignored.
    """
    video = await video_service.get(session, actor, video_id)
    resolution = video_service.resolution_wh(video)
    checked: set[tuple[Any, ...]] = set()
    rows = []
    for data in items:
        parsed = checked_sequence(data.sequence, resolution)
        link = data.object
        key = (data.kind, data.persona_id, data.type_id, link and (link.kind, link.id))
        if key not in checked:
            await _check_links(session, actor, data.kind, data.persona_id, data.type_id, link)
            checked.add(key)
        rows.append(Annotation(owner_id=actor.id, **_row_values(video.id, data, parsed)))
    session.add_all(rows)
    await session.flush()
    return rows


def _row_values(
    video_id: uuid.UUID, data: AnnotationCreate, parsed: domain.Sequence
) -> dict[str, Any]:
    return {
        "video_id": video_id,
        "kind": data.kind,
        "persona_id": data.persona_id,
        "type_id": data.type_id,
        "notes": data.notes,
        "source": data.source,
        **_link_columns(data.object),
        **_sequence_columns(parsed),
    }


async def list_page(
    session: AsyncSession,
    actor: Actor,
    video_id: uuid.UUID,
    *,
    persona_id: uuid.UUID | None,
    kind: AnnotationKind | None,
    offset: int,
    limit: int,
) -> tuple[list[Annotation], int]:
    video = await video_service.get(session, actor, video_id)
    stmt = select(Annotation).where(
        Annotation.owner_id == actor.id, Annotation.video_id == video.id
    )
    if persona_id is not None:
        stmt = stmt.where(Annotation.persona_id == persona_id)
    if kind is not None:
        stmt = stmt.where(Annotation.kind == kind)
    stmt = stmt.order_by(Annotation.first_frame, Annotation.created_at, Annotation.id)
    return await crud.page_rows(session, stmt, offset, limit)


async def _video_of(session: AsyncSession, actor: Actor, row: Annotation) -> Video:
    return await video_service.get(session, actor, row.video_id)


async def update(
    session: AsyncSession, actor: Actor, annotation_id: uuid.UUID, data: AnnotationUpdate
) -> Annotation:
    """Merge the given fields into the stored row, validate the result, write if still current."""
    row = await get(session, actor, annotation_id)
    fields = data.model_fields_set
    values: dict[str, Any] = {}
    if "sequence" in fields:
        if data.sequence is None:
            raise InvalidInput("sequence cannot be null")
        video = await _video_of(session, actor, row)
        values |= _sequence_columns(
            checked_sequence(data.sequence, video_service.resolution_wh(video))
        )
    if fields & {"persona_id", "type_id", "object"}:
        persona_id = data.persona_id if "persona_id" in fields else row.persona_id
        type_id = data.type_id if "type_id" in fields else row.type_id
        link = data.object if "object" in fields else _stored_link(row)
        await _check_links(session, actor, row.kind, persona_id, type_id, link)
        values |= {"persona_id": persona_id, "type_id": type_id, **_link_columns(link)}
    if "notes" in fields:
        values["notes"] = data.notes
        if data.notes != row.notes:
            values["note_embedding"] = None  # stale: the next search embeds the new notes
    return await crud.update_versioned(session, Annotation, actor, row.id, data.version, values)


def _stored_link(row: Annotation) -> ObjectLink | None:
    if row.object_id is None or row.object_kind is None:
        return None
    return ObjectLink.model_validate({"kind": row.object_kind, "id": row.object_id})


async def delete_annotation(session: AsyncSession, actor: Actor, annotation_id: uuid.UUID) -> None:
    await crud.delete_owned(session, Annotation, actor, annotation_id)


async def boxes(
    session: AsyncSession,
    actor: Actor,
    annotation_id: uuid.UUID,
    start_frame: int | None,
    end_frame: int | None,
) -> domain.BoxArrays:
    """The visible boxes (keyframes and interpolated) in ``[start_frame, end_frame]``."""
    row = await get(session, actor, annotation_id)
    return sequence_boxes(row.sequence, start_frame, end_frame)


def sequence_boxes(
    sequence: dict[str, Any], start_frame: int | None, end_frame: int | None
) -> domain.BoxArrays:
    """The visible boxes of a stored (valid) wire sequence in ``[start_frame, end_frame]``.

    A missing bound is the first or last keyframe. Tracks answer with the same function.
    """
    parsed = domain.sequence_from_wire(sequence)
    start = parsed.keyframes[0].frame if start_frame is None else start_frame
    end = parsed.keyframes[-1].frame if end_frame is None else end_frame
    if end < start:
        raise InvalidInput(f"end ({end}) is before start ({start})")
    if end - start + 1 > MAX_BOX_FRAMES:
        raise InvalidInput(f"ask for at most {MAX_BOX_FRAMES} frames at a time")
    return domain.expand(parsed, start, end)


def box_reads(arrays: domain.BoxArrays) -> list[dict[str, Any]]:
    """``BoxRead`` JSON of expanded boxes, one per visible frame."""
    return [
        {"frame": int(f), "x": float(b[0]), "y": float(b[1]), "w": float(b[2]), "h": float(b[3]),
         "keyframe": bool(k)}
        for f, b, k in zip(arrays.frames, arrays.xywh, arrays.keyframe, strict=True)
    ]  # fmt: skip


async def submit_validation(session: AsyncSession, actor: Actor, video_id: uuid.UUID) -> Job:
    """Queue a job re-checking every annotation of a video against its current frame size.

    Run it after a video's probe facts change (a re-ingest can change the resolution).
    """
    video = await video_service.get(session, actor, video_id)
    rows = await session.scalars(
        select(Annotation).where(Annotation.owner_id == actor.id, Annotation.video_id == video.id)
    )
    spec = AnnotationValidationSpec(
        video_id=video.id,
        resolution_wh=video_service.resolution_wh(video),
        annotations=[AnnotationToValidate(id=row.id, sequence=row.sequence) for row in rows],
    )
    return await job_service.submit(session, actor, spec)


def to_read(row: Annotation) -> dict[str, Any]:
    """The API view of a row: the object link as one ``{kind, id}`` value."""
    return {
        "id": row.id,
        "video_id": row.video_id,
        "kind": row.kind,
        "persona_id": row.persona_id,
        "type_id": row.type_id,
        "object": _stored_link(row),
        "sequence": row.sequence,
        "first_frame": row.first_frame,
        "last_frame": row.last_frame,
        "notes": row.notes,
        "source": row.source,
        "version": row.version,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }
