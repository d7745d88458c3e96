"""Ontology operations (placeholder until the types land)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth.service import Actor


async def copy_ontology(
    session: AsyncSession, actor: Actor, source_persona_id: uuid.UUID, target_persona_id: uuid.UUID
) -> None:
    """Copy every type of one persona to another, remapping references between them."""
