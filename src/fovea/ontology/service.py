"""Ontology types of a persona, all scoped to the acting user.

Every function checks that the persona is the actor's (404 otherwise) and that a type at a
path is of that persona and kind (404 otherwise). Deleting a type leaves nothing dangling: gloss
references become text, event role slots and parents forget it, world objects lose its
assignments; a type still used by an annotation is refused (409) and nothing changes.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth.service import Actor
from fovea.db import crud
from fovea.errors import Conflict, InvalidInput, NotFound
from fovea.glosses import service as gloss_service
from fovea.ontology import rules
from fovea.ontology.copying import copied_types
from fovea.ontology.models import NAME_UNIQUE, WIKIDATA_UNIQUE, OntologyType, TypeKind
from fovea.ontology.schemas import REQUIRED_ON_UPDATE, TypeCreate, TypeUpdate
from fovea.personas import service as persona_service

JSON_FIELDS = frozenset(
    {"gloss", "examples", "roles", "allowed_fillers", "source_kinds", "target_kinds"}
)


def _values(data: BaseModel, *, exclude_unset: bool) -> dict[str, Any]:
    """Column values of ``data``: JSONB columns in their JSON form, the rest as Python values."""
    plain = data.model_dump(exclude_unset=exclude_unset, exclude=set(JSON_FIELDS) | {"version"})
    stored = data.model_dump(mode="json", exclude_unset=exclude_unset, include=set(JSON_FIELDS))
    return {**plain, **stored}


@asynccontextmanager
async def _refusing_duplicates(session: AsyncSession, kind: str) -> AsyncIterator[None]:
    """Turn a unique violation of a name or Wikidata id into a 409 saying which."""
    try:
        async with session.begin_nested():
            yield
    except IntegrityError as exc:
        constraint = getattr(getattr(exc.orig, "diag", None), "constraint_name", None)
        if constraint == NAME_UNIQUE:
            message = f"name: this persona already has a {kind} type with this name"
            raise Conflict(message, details={"field": "name"}) from exc
        if constraint == WIKIDATA_UNIQUE:
            message = "wikidata_id: this ontology already has a type with this Wikidata id"
            raise Conflict(message, details={"field": "wikidata_id"}) from exc
        raise


async def find_type(session: AsyncSession, actor: Actor, type_id: uuid.UUID) -> OntologyType | None:
    """The actor's type with this id, of any persona and kind, or None."""
    return await session.scalar(
        select(OntologyType).where(OntologyType.id == type_id, OntologyType.owner_id == actor.id)
    )


async def find_by_wikidata_id(
    session: AsyncSession, actor: Actor, persona_id: uuid.UUID, wikidata_id: str
) -> OntologyType | None:
    """The persona's type (of any kind) imported from this Wikidata item, or None."""
    return await session.scalar(
        select(OntologyType).where(
            OntologyType.owner_id == actor.id,
            OntologyType.persona_id == persona_id,
            OntologyType.wikidata_id == wikidata_id,
        )
    )


async def types_by_id(
    session: AsyncSession, actor: Actor, type_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, OntologyType]:
    """The actor's types among ``type_ids`` (missing and foreign ids are left out)."""
    if not type_ids:
        return {}
    stmt = select(OntologyType).where(
        OntologyType.id.in_(set(type_ids)), OntologyType.owner_id == actor.id
    )
    return {row.id: row for row in await session.scalars(stmt)}


async def get(
    session: AsyncSession, actor: Actor, persona_id: uuid.UUID, kind: TypeKind, type_id: uuid.UUID
) -> OntologyType:
    """The ``kind`` type ``type_id`` of the actor's persona; NotFound otherwise."""
    await persona_service.get(session, actor, persona_id)
    row = await find_type(session, actor, type_id)
    if row is None or row.persona_id != persona_id or row.kind != kind:
        raise NotFound(f"{kind} type {type_id} not found in persona {persona_id}")
    return row


async def list_page(
    session: AsyncSession,
    actor: Actor,
    persona_id: uuid.UUID,
    kind: TypeKind,
    *,
    q: str | None,
    offset: int,
    limit: int,
) -> tuple[list[OntologyType], int]:
    """One page of the persona's ``kind`` types by name; ``q``: name contains (any case)."""
    await persona_service.get(session, actor, persona_id)
    stmt = select(OntologyType).where(
        OntologyType.owner_id == actor.id,
        OntologyType.persona_id == persona_id,
        OntologyType.kind == kind,
    )
    if q:
        stmt = stmt.where(func.strpos(func.lower(OntologyType.name), q.lower()) > 0)
    return await crud.page_rows(
        session, stmt.order_by(OntologyType.name, OntologyType.id), offset, limit
    )


async def _check(
    session: AsyncSession,
    actor: Actor,
    persona_id: uuid.UUID,
    type_id: uuid.UUID | None,
    data: TypeCreate | TypeUpdate,
) -> None:
    """Referential checks of the fields ``data`` sets: gloss, role slots, parent."""
    gloss = getattr(data, "gloss", None)
    if gloss is not None:
        await gloss_service.validate_references(session, actor, gloss, "gloss")
    roles = getattr(data, "roles", None)
    if roles is not None:
        await rules.check_role_slots(session, actor, persona_id, roles)
    parent_id = getattr(data, "parent_id", None)
    if parent_id is not None:
        await rules.check_parent(session, actor, persona_id, type_id, parent_id)


async def create(
    session: AsyncSession, actor: Actor, persona_id: uuid.UUID, kind: TypeKind, data: TypeCreate
) -> tuple[OntologyType, bool]:
    """Create a type; a repeated client id returns the stored type (and False)."""
    await persona_service.get(session, actor, persona_id)
    await _check(session, actor, persona_id, data.id, data)
    values = {**_values(data, exclude_unset=False), "persona_id": persona_id, "kind": kind}
    async with _refusing_duplicates(session, kind):
        row, created = await crud.insert_idempotent(session, OntologyType, actor, values)
    if row.persona_id != persona_id or row.kind != kind:
        raise Conflict(f"the id {row.id} is already used by another type; pick a new id")
    return row, created


async def update(
    session: AsyncSession,
    actor: Actor,
    persona_id: uuid.UUID,
    kind: TypeKind,
    type_id: uuid.UUID,
    data: TypeUpdate,
) -> OntologyType:
    """Apply the fields ``data`` sets, if ``data.version`` is still the stored version."""
    await get(session, actor, persona_id, kind, type_id)
    values = _values(data, exclude_unset=True)
    for field in sorted(REQUIRED_ON_UPDATE & values.keys()):
        if values[field] is None:
            raise InvalidInput(f"{field} cannot be null", details={"field": field})
    await _check(session, actor, persona_id, type_id, data)
    async with _refusing_duplicates(session, kind):
        return await crud.update_versioned(
            session, OntologyType, actor, type_id, data.version, values
        )


async def _forget_in_event_types(session: AsyncSession, actor: Actor, row: OntologyType) -> None:
    """Drop a role type from event role slots, or an event type from its children's parent."""
    mine = (OntologyType.owner_id == actor.id, OntologyType.persona_id == row.persona_id)
    if row.kind == TypeKind.ROLE:
        slot = [{"role_type_id": str(row.id)}]
        stmt = select(OntologyType).where(*mine, OntologyType.roles.contains(slot))
        for event in await session.scalars(stmt.execution_options(populate_existing=True)):
            event.roles = [s for s in event.roles or [] if s["role_type_id"] != str(row.id)]
            event.version = event.version + 1
    if row.kind == TypeKind.EVENT:
        stmt = select(OntologyType).where(*mine, OntologyType.parent_id == row.id)
        for child in await session.scalars(stmt.execution_options(populate_existing=True)):
            child.parent_id = None
            child.version = child.version + 1
    await session.flush()


async def delete(
    session: AsyncSession, actor: Actor, persona_id: uuid.UUID, kind: TypeKind, type_id: uuid.UUID
) -> None:
    """Delete a type and every reference to it; a type an annotation uses is a 409."""
    from fovea.world import service as world_service  # the world validates against types

    row = await get(session, actor, persona_id, kind, type_id)
    async with session.begin_nested():  # a refused delete undoes the cleanup too
        await gloss_service.detach_references(session, actor, row.id, row.name)
        await _forget_in_event_types(session, actor, row)
        await world_service.forget_type(session, actor, row.id)
        await crud.delete_owned(session, OntologyType, actor, row.id)


async def copy_ontology(
    session: AsyncSession, actor: Actor, source_persona_id: uuid.UUID, target_persona_id: uuid.UUID
) -> None:
    """Copy every type of one persona to another, remapping references between them.

    The copies get new ids; role slots, parents and gloss references that pointed at a type of
    the source now point at its copy. References to anything else are kept as they are.
    """
    await persona_service.get(session, actor, source_persona_id)
    await persona_service.get(session, actor, target_persona_id)
    stmt = select(OntologyType).where(
        OntologyType.owner_id == actor.id, OntologyType.persona_id == source_persona_id
    )
    sources = list(await session.scalars(stmt.order_by(OntologyType.created_at, OntologyType.id)))
    copies, parents = copied_types(sources, target_persona_id)
    async with _refusing_duplicates(session, "copied"):
        session.add_all(copies)
        await session.flush()
        for copy in copies:  # after the inserts, so a parent always exists first
            copy.parent_id = parents.get(copy.id)
        await session.flush()
