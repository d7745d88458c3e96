"""World objects of the acting user: create, read, search, edit, delete with reference cleanup.

Functions take the object ``kind`` of their route; an object of another kind at that path is
NotFound. Reads return the kind's ``...Read`` schema with the object's type assignments and
(events) interpretations. Deleting an object leaves nothing dangling: gloss references become
its name, collections, events and interpretations forget it; an annotation still linking it is
a 409 and nothing changes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth.service import Actor
from fovea.db import crud
from fovea.errors import Conflict, InvalidInput, NotFound
from fovea.glosses import service as gloss_service
from fovea.glosses.schemas import gloss_json
from fovea.world import checks, links
from fovea.world.attributes import ATTRIBUTES, KindAttributes, NoAttributes
from fovea.world.models import EventInterpretation, ObjectKind, TypeAssignment, WorldObject
from fovea.world.schemas import (
    READS,
    REQUIRED_ON_UPDATE,
    ObjectCreate,
    ObjectRead,
    ObjectUpdate,
    TypeAssignmentIn,
)

_COMMON = frozenset({"id", "name", "alternate_names", "wikidata_id", "wikidata_url"})


async def find_object(
    session: AsyncSession, actor: Actor, object_id: uuid.UUID
) -> WorldObject | None:
    """The actor's object with this id, of any kind, or None."""
    return await session.scalar(
        select(WorldObject).where(WorldObject.id == object_id, WorldObject.owner_id == actor.id)
    )


async def forget_type(session: AsyncSession, actor: Actor, type_id: uuid.UUID) -> None:
    """Forget a type about to be deleted: its assignments, interpretations, participant roles."""
    await links.forget_type(session, actor, type_id)


async def _owned(
    session: AsyncSession, actor: Actor, kind: ObjectKind, object_id: uuid.UUID
) -> WorldObject:
    row = await find_object(session, actor, object_id)
    if row is None or row.kind != kind:
        raise NotFound(f"{kind} {object_id} not found")
    return row


async def _reads(session: AsyncSession, rows: Sequence[WorldObject]) -> list[ObjectRead]:
    """The read schema of each row, with its assignments and interpretations."""
    ids = [row.id for row in rows]
    assignments = await links.assignments_of(session, ids)
    interpretations = await links.interpretations_of(session, ids)
    return [
        READS[row.kind].model_validate(
            {
                **{column.key: getattr(row, column.key) for column in WorldObject.__table__.c},
                "type_assignments": assignments.get(row.id, []),
                "interpretations": interpretations.get(row.id, []),
            },
            from_attributes=True,
        )
        for row in rows
    ]


async def get(
    session: AsyncSession, actor: Actor, kind: ObjectKind, object_id: uuid.UUID
) -> ObjectRead:
    row = await _owned(session, actor, kind, object_id)
    return (await _reads(session, [row]))[0]


def _search(q: str) -> ColumnElement[bool]:
    """Name or an alternate name contains ``q``, in any case (no LIKE wildcards)."""
    needle = q.lower()
    alt = func.jsonb_array_elements_text(WorldObject.alternate_names).table_valued("value")
    return or_(
        func.strpos(func.lower(WorldObject.name), needle) > 0,
        exists(select(1).select_from(alt).where(func.strpos(func.lower(alt.c.value), needle) > 0)),
    )


def _read_by(persona_id: uuid.UUID | None, type_id: uuid.UUID | None) -> ColumnElement[bool]:
    """Objects with an assignment or interpretation by this persona and/or with this type."""
    assigned = select(TypeAssignment.id).where(TypeAssignment.object_id == WorldObject.id)
    read = select(EventInterpretation.id).where(EventInterpretation.event_id == WorldObject.id)
    if persona_id is not None:
        assigned = assigned.where(TypeAssignment.persona_id == persona_id)
        read = read.where(EventInterpretation.persona_id == persona_id)
    if type_id is not None:
        assigned = assigned.where(TypeAssignment.type_id == type_id)
        read = read.where(EventInterpretation.event_type_id == type_id)
    return or_(assigned.exists(), read.exists())


async def list_page(
    session: AsyncSession,
    actor: Actor,
    kind: ObjectKind,
    *,
    q: str | None,
    persona_id: uuid.UUID | None,
    type_id: uuid.UUID | None,
    offset: int,
    limit: int,
) -> tuple[list[ObjectRead], int]:
    """One page of the actor's ``kind`` objects by name, searched and filtered."""
    stmt = select(WorldObject).where(WorldObject.owner_id == actor.id, WorldObject.kind == kind)
    if q:
        stmt = stmt.where(_search(q))
    if persona_id is not None or type_id is not None:
        stmt = stmt.where(_read_by(persona_id, type_id))
    page: tuple[list[WorldObject], int] = await crud.page_rows(
        session, stmt.order_by(WorldObject.name, WorldObject.id), offset, limit
    )
    return await _reads(session, page[0]), page[1]


def _column_values(
    data: BaseModel, attrs: KindAttributes | None, *, exclude_unset: bool
) -> dict[str, Any]:
    """Column values of ``data`` (attributes given apart; None: unchanged)."""
    values = data.model_dump(exclude_unset=exclude_unset, include=set(_COMMON))
    description = getattr(data, "description", None)
    if description is not None:
        values["description"] = gloss_json(description)
    if attrs is not None:
        values["attributes"] = attrs.model_dump(mode="json")
    return values


async def _check(
    session: AsyncSession,
    actor: Actor,
    kind: ObjectKind,
    data: ObjectCreate | ObjectUpdate,
    attrs: KindAttributes,
    assignments: Sequence[TypeAssignmentIn] | None,
) -> None:
    """Every reference ``data`` makes is the actor's and of the right kind."""
    description = getattr(data, "description", None)
    if description is not None:
        await gloss_service.validate_references(session, actor, description, "description")
    if "attributes" in data.model_fields_set:
        await checks.check_attributes(session, actor, attrs)
    if assignments is not None:
        type_kind = checks.assignable_type_kind(kind, attrs)
        await checks.check_assignments(session, actor, type_kind, assignments)
    interpretations = getattr(data, "interpretations", None)
    if interpretations is not None:
        await checks.check_interpretations(session, actor, interpretations)


async def create(
    session: AsyncSession, actor: Actor, kind: ObjectKind, data: ObjectCreate
) -> tuple[ObjectRead, bool]:
    """Create an object with its readings; a repeated client id returns the stored object."""
    attrs: KindAttributes = getattr(data, "attributes", None) or NoAttributes()
    assignments: list[TypeAssignmentIn] = getattr(data, "type_assignments", [])
    await _check(session, actor, kind, data, attrs, assignments)
    values = {**_column_values(data, attrs, exclude_unset=False), "kind": kind}
    row, created = await crud.insert_idempotent(session, WorldObject, actor, values)
    if row.kind != kind:
        raise Conflict(f"the id {row.id} is already used by a {row.kind}; pick a new id")
    if created:
        await links.replace_assignments(session, actor, row.id, assignments)
        interpretations = getattr(data, "interpretations", [])
        await links.replace_interpretations(session, actor, row.id, interpretations)
    return (await _reads(session, [row]))[0], created


async def _stored_assignments(
    session: AsyncSession, object_id: uuid.UUID
) -> list[TypeAssignmentIn]:
    stored = (await links.assignments_of(session, [object_id])).get(object_id, [])
    return [TypeAssignmentIn.model_validate(item, from_attributes=True) for item in stored]


async def update(
    session: AsyncSession,
    actor: Actor,
    kind: ObjectKind,
    object_id: uuid.UUID,
    data: ObjectUpdate,
) -> ObjectRead:
    """Apply the fields ``data`` sets, if ``data.version`` is still the stored version."""
    row = await _owned(session, actor, kind, object_id)
    given = data.model_fields_set
    for field in sorted(REQUIRED_ON_UPDATE & given):
        if getattr(data, field) is None:
            raise InvalidInput(f"{field} cannot be null", details={"field": field})
    new_attrs: KindAttributes | None = getattr(data, "attributes", None)
    attrs = new_attrs or ATTRIBUTES[kind].model_validate(row.attributes)
    assignments: list[TypeAssignmentIn] | None = getattr(data, "type_assignments", None)
    if assignments is None and new_attrs is not None:  # a collection may change its kind
        assignments = await _stored_assignments(session, object_id)
    await _check(session, actor, kind, data, attrs, assignments)
    values = _column_values(data, new_attrs, exclude_unset=True)
    await crud.update_versioned(session, WorldObject, actor, object_id, data.version, values)
    if "type_assignments" in given and assignments is not None:
        await links.replace_assignments(session, actor, object_id, assignments)
    interpretations = getattr(data, "interpretations", None)
    if interpretations is not None:
        await links.replace_interpretations(session, actor, object_id, interpretations)
    return await get(session, actor, kind, object_id)


def _without(attributes: dict[str, Any], ref: str) -> dict[str, Any]:
    """``attributes`` with the object ``ref`` removed from members, time and location."""
    kept = dict(attributes)
    if "member_ids" in kept:
        kept["member_ids"] = [member for member in kept["member_ids"] if member != ref]
    for key in ("time_id", "location_id"):
        if kept.get(key) == ref:
            kept[key] = None
    return kept


async def _forget_object(session: AsyncSession, actor: Actor, object_id: uuid.UUID) -> None:
    """Remove an object being deleted from collections, events and interpretations."""
    ref = str(object_id)
    stmt = select(WorldObject).where(
        WorldObject.owner_id == actor.id,
        or_(
            WorldObject.attributes.contains({"member_ids": [ref]}),
            WorldObject.attributes.contains({"time_id": ref}),
            WorldObject.attributes.contains({"location_id": ref}),
        ),
    )
    for row in await session.scalars(stmt.execution_options(populate_existing=True)):
        row.attributes = _without(row.attributes, ref)
        row.version = row.version + 1
    await session.flush()
    await links.forget_participant(session, actor, object_id)


async def delete(
    session: AsyncSession, actor: Actor, kind: ObjectKind, object_id: uuid.UUID
) -> None:
    """Delete an object and every reference to it; one an annotation links is a 409."""
    row = await _owned(session, actor, kind, object_id)
    async with session.begin_nested():  # a refused delete undoes the cleanup too
        await gloss_service.detach_references(session, actor, row.id, row.name)
        await _forget_object(session, actor, row.id)
        await crud.delete_owned(session, WorldObject, actor, row.id)
