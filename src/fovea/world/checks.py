"""Referential rules of world objects: what their attributes, assignments and interpretations
point at must be the user's and of the right kind. Each check raises InvalidInput naming the
offending field, e.g. ``type_assignments[1].type_id``.

Which type kind a persona may assign to which object:

    entity, location                  -> entity types
    event                             -> event types
    collection of entities / events   -> entity types / event types
    time, collection of times         -> none (times are typed by their attributes)
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth.service import Actor
from fovea.errors import InvalidInput, NotFound
from fovea.glosses.lookup import owned_kinds
from fovea.ontology import service as ontology_service
from fovea.ontology.models import OntologyType  # for annotations; queries go through the service
from fovea.personas import service as persona_service
from fovea.world.attributes import (
    CollectionAttributes,
    EventAttributes,
    KindAttributes,
    TimeAttributes,
)
from fovea.world.models import WorldObject
from fovea.world.schemas import InterpretationIn, Participant, TypeAssignmentIn

MEMBER_KINDS = {"entity": {"entity", "location"}, "event": {"event"}, "time": {"time"}}
FILLER_OF = {"entity": "entity", "location": "entity", "event": "event"}


def _invalid(where: str, problem: str) -> InvalidInput:
    return InvalidInput(f"{where}: {problem}", details={"field": where})


def assignable_type_kind(kind: str, attributes: KindAttributes) -> str | None:
    """The type kind a persona may assign to an object of ``kind`` (None: no assignments)."""
    if isinstance(attributes, CollectionAttributes):
        return {"entity": "entity", "event": "event"}.get(attributes.collection_kind)
    return {"entity": "entity", "location": "entity", "event": "event"}.get(kind)


async def object_kinds(
    session: AsyncSession, actor: Actor, ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, str]:
    """The kind of each of the actor's objects among ``ids``."""
    if not ids:
        return {}
    stmt = select(WorldObject.id, WorldObject.kind).where(
        WorldObject.id.in_(set(ids)), WorldObject.owner_id == actor.id
    )
    return {row.id: row.kind for row in await session.execute(stmt)}


async def _check_event(session: AsyncSession, actor: Actor, attrs: EventAttributes) -> None:
    kinds = await object_kinds(session, actor, {i for i in (attrs.time_id, attrs.location_id) if i})
    for field, wanted in (("time_id", "time"), ("location_id", "location")):
        value = getattr(attrs, field)
        if value is not None and kinds.get(value) != wanted:
            raise _invalid(f"attributes.{field}", f"there is no {wanted} {value} in your world")


async def _check_time(session: AsyncSession, actor: Actor, attrs: TimeAttributes) -> None:
    videos = await owned_kinds(
        session, actor, "videos", {r.video_id for r in attrs.video_references}
    )
    for index, ref in enumerate(attrs.video_references):
        if ref.video_id not in videos:
            where = f"attributes.video_references[{index}].video_id"
            raise _invalid(where, f"there is no video {ref.video_id}")


async def _check_members(session: AsyncSession, actor: Actor, attrs: CollectionAttributes) -> None:
    kinds = await object_kinds(session, actor, attrs.member_ids)
    allowed = MEMBER_KINDS[attrs.collection_kind]
    for index, member in enumerate(attrs.member_ids):
        if kinds.get(member) not in allowed:
            where = f"attributes.member_ids[{index}]"
            raise _invalid(where, f"{member} is not one of your {' or '.join(sorted(allowed))}s")


async def check_attributes(session: AsyncSession, actor: Actor, attrs: KindAttributes) -> None:
    """The objects and videos the attributes point at are the actor's, of the right kind."""
    if isinstance(attrs, EventAttributes):
        await _check_event(session, actor, attrs)
    elif isinstance(attrs, TimeAttributes):
        await _check_time(session, actor, attrs)
    elif isinstance(attrs, CollectionAttributes):
        await _check_members(session, actor, attrs)


async def _check_personas(
    session: AsyncSession, actor: Actor, field: str, persona_ids: Sequence[uuid.UUID]
) -> None:
    for index, persona_id in enumerate(persona_ids):
        try:
            await persona_service.get(session, actor, persona_id)
        except NotFound as exc:
            where = f"{field}[{index}].persona_id"
            raise _invalid(where, f"there is no persona {persona_id}") from exc


async def check_assignments(
    session: AsyncSession,
    actor: Actor,
    type_kind: str | None,
    assignments: Sequence[TypeAssignmentIn],
) -> None:
    """Each assignment names a persona of the actor and a ``type_kind`` type of that persona."""
    if assignments and type_kind is None:
        raise _invalid("type_assignments", "this kind of object takes no type assignments")
    await _check_personas(session, actor, "type_assignments", [a.persona_id for a in assignments])
    types = await ontology_service.types_by_id(session, actor, {a.type_id for a in assignments})
    for index, item in enumerate(assignments):
        found = types.get(item.type_id)
        if found is None or found.persona_id != item.persona_id or found.kind != type_kind:
            where = f"type_assignments[{index}].type_id"
            problem = f"{item.type_id} is not a {type_kind} type of persona {item.persona_id}"
            raise _invalid(where, problem)


def _check_participant(
    where: str,
    persona_id: uuid.UUID,
    participant: Participant,
    types: Mapping[uuid.UUID, OntologyType],
    objects: Mapping[uuid.UUID, str],
) -> None:
    role = types.get(participant.role_type_id)
    if role is None or role.persona_id != persona_id or role.kind != "role":
        problem = f"{participant.role_type_id} is not a role type of this persona"
        raise _invalid(f"{where}.role_type_id", problem)
    object_kind = objects.get(participant.object_id)
    if object_kind is None:
        raise _invalid(f"{where}.object_id", f"there is no object {participant.object_id}")
    allowed = role.allowed_fillers or []
    if FILLER_OF.get(object_kind) not in allowed:
        problem = f"a {object_kind} cannot fill this role (it takes: {', '.join(allowed)})"
        raise _invalid(f"{where}.object_id", problem)


def _check_event_type(
    where: str, item: InterpretationIn, types: Mapping[uuid.UUID, OntologyType]
) -> None:
    found = types.get(item.event_type_id)
    if found is None or found.persona_id != item.persona_id or found.kind != "event":
        raise _invalid(where, f"{item.event_type_id} is not an event type of this persona")


async def check_interpretations(
    session: AsyncSession, actor: Actor, interpretations: Sequence[InterpretationIn]
) -> None:
    """Event types and role types of the interpreting persona; participants that fit the role."""
    await _check_personas(
        session, actor, "interpretations", [i.persona_id for i in interpretations]
    )
    participants = [p for item in interpretations for p in item.participants]
    type_ids = {i.event_type_id for i in interpretations} | {p.role_type_id for p in participants}
    types = await ontology_service.types_by_id(session, actor, type_ids)
    objects = await object_kinds(session, actor, {p.object_id for p in participants})
    for index, item in enumerate(interpretations):
        _check_event_type(f"interpretations[{index}].event_type_id", item, types)
        for number, participant in enumerate(item.participants):
            where = f"interpretations[{index}].participants[{number}]"
            _check_participant(where, item.persona_id, participant, types, objects)
