"""Per-persona readings of world objects: type assignments and event interpretations.

They are edited as lists of their object (a write replaces the list and bumps the object's
version), and forgotten when what they point at goes: a type, a role type or a participant.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection, Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth.service import Actor
from fovea.world.models import EventInterpretation, TypeAssignment, WorldObject
from fovea.world.schemas import InterpretationIn, TypeAssignmentIn


async def replace_assignments(
    session: AsyncSession, actor: Actor, object_id: uuid.UUID, items: Sequence[TypeAssignmentIn]
) -> None:
    """Make ``items`` the object's type assignments (already checked)."""
    await session.execute(
        delete(TypeAssignment).where(
            TypeAssignment.object_id == object_id, TypeAssignment.owner_id == actor.id
        )
    )
    session.add_all(
        TypeAssignment(owner_id=actor.id, object_id=object_id, **item.model_dump())
        for item in items
    )
    await session.flush()


async def replace_interpretations(
    session: AsyncSession, actor: Actor, event_id: uuid.UUID, items: Sequence[InterpretationIn]
) -> None:
    """Make ``items`` the event's interpretations (already checked)."""
    await session.execute(
        delete(EventInterpretation).where(
            EventInterpretation.event_id == event_id, EventInterpretation.owner_id == actor.id
        )
    )
    session.add_all(
        EventInterpretation(owner_id=actor.id, event_id=event_id, **item.model_dump(mode="json"))
        for item in items
    )
    await session.flush()


async def assignments_of(
    session: AsyncSession, object_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, list[TypeAssignment]]:
    """The type assignments of each object, oldest first."""
    stmt = (
        select(TypeAssignment)
        .where(TypeAssignment.object_id.in_(set(object_ids)))
        .order_by(TypeAssignment.created_at, TypeAssignment.id)
    )
    found: dict[uuid.UUID, list[TypeAssignment]] = defaultdict(list)
    for row in await session.scalars(stmt.execution_options(populate_existing=True)):
        found[row.object_id].append(row)
    return found


async def interpretations_of(
    session: AsyncSession, event_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, list[EventInterpretation]]:
    """The interpretations of each event, oldest first."""
    stmt = (
        select(EventInterpretation)
        .where(EventInterpretation.event_id.in_(set(event_ids)))
        .order_by(EventInterpretation.created_at, EventInterpretation.id)
    )
    found: dict[uuid.UUID, list[EventInterpretation]] = defaultdict(list)
    for row in await session.scalars(stmt.execution_options(populate_existing=True)):
        found[row.event_id].append(row)
    return found


async def bump_versions(session: AsyncSession, actor: Actor, object_ids: set[uuid.UUID]) -> None:
    """Give changed objects a new version, so a tab holding the old one reloads first."""
    if not object_ids:
        return
    await session.execute(
        update(WorldObject)
        .where(WorldObject.id.in_(object_ids), WorldObject.owner_id == actor.id)
        .values(version=WorldObject.version + 1, updated_at=func.now())
        .execution_options(synchronize_session="fetch")
    )


async def _drop_participants(
    session: AsyncSession, actor: Actor, key: str, value: uuid.UUID
) -> set[uuid.UUID]:
    """Remove participants whose ``key`` is ``value``; the ids of the events that changed."""
    stmt = select(EventInterpretation).where(
        EventInterpretation.owner_id == actor.id,
        EventInterpretation.participants.contains([{key: str(value)}]),
    )
    events: set[uuid.UUID] = set()
    for row in await session.scalars(stmt.execution_options(populate_existing=True)):
        row.participants = [p for p in row.participants if p[key] != str(value)]
        events.add(row.event_id)
    await session.flush()
    return events


async def forget_type(session: AsyncSession, actor: Actor, type_id: uuid.UUID) -> None:
    """Drop assignments, interpretations and participant roles naming a type being deleted."""
    gone_assignments = await session.scalars(
        delete(TypeAssignment)
        .where(TypeAssignment.type_id == type_id, TypeAssignment.owner_id == actor.id)
        .returning(TypeAssignment.object_id)
    )
    changed = set(gone_assignments)
    gone_interpretations = await session.scalars(
        delete(EventInterpretation)
        .where(
            EventInterpretation.event_type_id == type_id, EventInterpretation.owner_id == actor.id
        )
        .returning(EventInterpretation.event_id)
    )
    changed |= set(gone_interpretations)
    changed |= await _drop_participants(session, actor, "role_type_id", type_id)
    await bump_versions(session, actor, changed)


async def forget_participant(session: AsyncSession, actor: Actor, object_id: uuid.UUID) -> None:
    """Drop an object being deleted from the participants of every interpretation."""
    await bump_versions(
        session, actor, await _drop_participants(session, actor, "object_id", object_id)
    )
