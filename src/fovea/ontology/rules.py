"""Referential rules of ontology types that need the database: role slots and event parents.

Each check raises InvalidInput naming the offending field, e.g. ``roles[2].role_type_id``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth.service import Actor
from fovea.errors import InvalidInput
from fovea.ontology.models import OntologyType, TypeKind
from fovea.ontology.schemas import RoleSlot


async def check_role_slots(
    session: AsyncSession, actor: Actor, persona_id: uuid.UUID, slots: Sequence[RoleSlot]
) -> None:
    """Every slot names a role type of this persona."""
    wanted = {slot.role_type_id for slot in slots}
    if not wanted:
        return
    stmt = select(OntologyType.id).where(
        OntologyType.id.in_(wanted),
        OntologyType.owner_id == actor.id,
        OntologyType.persona_id == persona_id,
        OntologyType.kind == TypeKind.ROLE,
    )
    roles = set(await session.scalars(stmt))
    for index, slot in enumerate(slots):
        if slot.role_type_id not in roles:
            where = f"roles[{index}].role_type_id"
            raise InvalidInput(
                f"{where}: {slot.role_type_id} is not a role type of this persona",
                details={"field": where},
            )


async def _event_parents(
    session: AsyncSession, actor: Actor, persona_id: uuid.UUID
) -> dict[uuid.UUID, uuid.UUID | None]:
    stmt = select(OntologyType.id, OntologyType.parent_id).where(
        OntologyType.owner_id == actor.id,
        OntologyType.persona_id == persona_id,
        OntologyType.kind == TypeKind.EVENT,
    )
    return {row.id: row.parent_id for row in await session.execute(stmt)}


async def check_parent(
    session: AsyncSession,
    actor: Actor,
    persona_id: uuid.UUID,
    type_id: uuid.UUID | None,
    parent_id: uuid.UUID,
) -> None:
    """``parent_id`` is an event type of this persona and not ``type_id`` or a descendant."""
    parents = await _event_parents(session, actor, persona_id)
    if parent_id not in parents:
        raise InvalidInput(
            f"parent_id: {parent_id} is not an event type of this persona",
            details={"field": "parent_id"},
        )
    seen: set[uuid.UUID] = set()
    node: uuid.UUID | None = parent_id
    while node is not None and node not in seen:
        if node == type_id:
            raise InvalidInput(
                f"parent_id: {parent_id} would make a cycle (an event type cannot be its own "
                "ancestor)",
                details={"field": "parent_id"},
            )
        seen.add(node)
        node = parents.get(node)
