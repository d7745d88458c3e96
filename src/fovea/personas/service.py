"""Persona operations, all scoped to the acting user."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth.service import Actor
from fovea.db import crud
from fovea.db.dependents import count_dependents
from fovea.errors import InvalidInput
from fovea.personas.models import Persona
from fovea.personas.schemas import PersonaCreate, PersonaUpdate


async def get(session: AsyncSession, actor: Actor, persona_id: uuid.UUID) -> Persona:
    return await crud.get_owned(session, Persona, actor, persona_id)


async def list_page(
    session: AsyncSession, actor: Actor, *, q: str | None, offset: int, limit: int
) -> tuple[list[Persona], int]:
    stmt = select(Persona).where(Persona.owner_id == actor.id)
    if q:
        stmt = stmt.where(func.strpos(func.lower(Persona.name), q.lower()) > 0)
    return await crud.page_rows(session, stmt.order_by(Persona.name, Persona.id), offset, limit)


async def create(session: AsyncSession, actor: Actor, data: PersonaCreate) -> tuple[Persona, bool]:
    """Create a persona (and so its empty ontology); a repeated client id is not a duplicate."""
    return await crud.insert_idempotent(session, Persona, actor, data.model_dump())


async def update(
    session: AsyncSession, actor: Actor, persona_id: uuid.UUID, data: PersonaUpdate
) -> Persona:
    values = data.model_dump(exclude_unset=True, exclude={"version"})
    for required in ("name", "role", "information_need"):
        if required in values and values[required] is None:
            raise InvalidInput(f"{required} cannot be empty")
    return await crud.update_versioned(session, Persona, actor, persona_id, data.version, values)


async def delete_persona(session: AsyncSession, actor: Actor, persona_id: uuid.UUID) -> None:
    """Delete a persona with its ontology, annotations and summaries (database cascades)."""
    persona = await get(session, actor, persona_id)
    await session.execute(delete(Persona).where(Persona.id == persona.id))


async def deletion_preview(
    session: AsyncSession, actor: Actor, persona_id: uuid.UUID
) -> tuple[Persona, dict[str, int]]:
    persona = await get(session, actor, persona_id)
    return persona, await count_dependents(session, Persona.__tablename__, persona.id)


async def copy(
    session: AsyncSession, actor: Actor, persona_id: uuid.UUID, name: str | None
) -> Persona:
    """A new persona with the same fields and a copy of the source's ontology."""
    from fovea.ontology import service as ontology_service  # the ontology needs personas too

    source = await get(session, actor, persona_id)
    clone = Persona(
        owner_id=actor.id,
        name=name or f"{source.name} (copy)",
        role=source.role,
        information_need=source.information_need,
        details=source.details,
    )
    session.add(clone)
    await session.flush()
    await ontology_service.copy_ontology(session, actor, source.id, clone.id)
    await session.refresh(clone)
    return clone
