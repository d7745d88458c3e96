"""Gloss references: checked when written, turned into text when their target is deleted.

Every reference names an id the actor owns, of the stated kind: a type (``ontology_types``),
a world object (``world_objects``), an annotation or a claim. Deleting any of these calls
``detach_references``, so no gloss ever holds a dangling id.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth.service import Actor
from fovea.errors import InvalidInput
from fovea.glosses.lookup import owned_kinds
from fovea.glosses.registry import gloss_columns
from fovea.glosses.schemas import (
    Gloss,
    GlossPart,
    ObjectRef,
    Reference,
    TextPart,
    TypeRef,
    gloss_json,
)

TARGET_TABLES = {
    "type": "ontology_types",
    "object": "world_objects",
    "annotation": "annotations",
    "claim": "claims",
}
_TARGET_LABELS = {"object": "world object"}  # the others are labelled by their kind
_STORED = TypeAdapter(Gloss)


def parse_stored(stored: Sequence[Any]) -> list[GlossPart]:
    """The typed parts of a gloss as stored in a JSONB column."""
    return _STORED.validate_python(stored)


def _stated_kind(part: Reference) -> str | None:
    if isinstance(part, TypeRef):
        return part.type_kind
    if isinstance(part, ObjectRef):
        return part.object_kind
    return None


def _references(parts: Sequence[GlossPart]) -> list[tuple[int, Reference]]:
    return [(index, part) for index, part in enumerate(parts) if not isinstance(part, TextPart)]


async def _found_kinds(
    session: AsyncSession, actor: Actor, refs: list[tuple[int, Reference]]
) -> dict[str, dict[uuid.UUID, str | None]]:
    found: dict[str, dict[uuid.UUID, str | None]] = {}
    for target, table in TARGET_TABLES.items():
        ids = {part.id for _, part in refs if part.kind == target}
        found[target] = await owned_kinds(session, actor, table, ids)
    return found


async def validate_references(
    session: AsyncSession, actor: Actor, parts: Sequence[GlossPart], field_name: str
) -> None:
    """Refuse (422 naming ``field_name[index]``) a reference that is missing, foreign or of
    another kind than the part states."""
    refs = _references(parts)
    found = await _found_kinds(session, actor, refs)
    for index, part in refs:
        where, label = f"{field_name}[{index}]", _TARGET_LABELS.get(part.kind, part.kind)
        kinds = found[part.kind]
        if part.id not in kinds:
            raise InvalidInput(f"{where}: there is no {label} {part.id}", details={"field": where})
        stated, actual = _stated_kind(part), kinds[part.id]
        if stated is not None and actual != stated:
            raise InvalidInput(
                f"{where}: {label} {part.id} is a {actual} {label}, not a {stated} one",
                details={"field": where},
            )


def detached(parts: Sequence[GlossPart], ref_id: uuid.UUID, text: str) -> list[GlossPart]:
    """``parts`` with every reference to ``ref_id`` replaced by a text part ``text``."""
    return [
        TextPart(kind="text", text=text) if getattr(part, "id", None) == ref_id else part
        for part in parts
    ]


def remapped(parts: Sequence[GlossPart], id_map: Mapping[uuid.UUID, uuid.UUID]) -> list[GlossPart]:
    """``parts`` with each reference to a key of ``id_map`` pointing at its value instead."""
    return [
        part.model_copy(update={"id": id_map[part.id]})
        if not isinstance(part, TextPart) and part.id in id_map
        else part
        for part in parts
    ]


async def detach_references(
    session: AsyncSession, actor: Actor, ref_id: uuid.UUID, text: str
) -> int:
    """Turn every reference to ``ref_id`` in the actor's glosses into the text ``text``.

    Covers every registered gloss column; a row that changes gets a new ``version`` (once, even
    when several of its glosses changed). Returns the number of rows changed.
    """
    changed: dict[int, Any] = {}
    for column in gloss_columns():
        model: Any = column.class_
        stmt = (
            select(model)
            .where(model.owner_id == actor.id, column.contains([{"id": str(ref_id)}]))
            .execution_options(populate_existing=True)
        )
        for row in await session.scalars(stmt):
            parts = parse_stored(getattr(row, column.key))
            setattr(row, column.key, gloss_json(detached(parts, ref_id, text)))
            changed[id(row)] = row
    for row in changed.values():
        if hasattr(row, "version"):
            row.version = row.version + 1
    await session.flush()
    return len(changed)
