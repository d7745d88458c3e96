"""AI help with a persona's ontology: the persona as prompts see it, and type suggestions.

``persona_context`` is a persona with its ontology in the model service's wire shape
(``PersonaContext``); every AI job about a persona carries it (summaries too). The persona's
optional ``details`` stand in for its domain; a type's description is the text of its gloss,
with references to types of the same ontology written as their names.

``POST /api/personas/{persona_id}/suggest-types`` queues an ``ontology-augmentation`` job (202).
The suggestions are the job's result, read with ``GET /api/jobs/{id}``: ``result.suggestions``
(name, kind, description, parent, examples, confidence, source). Nothing is stored: the analyst
creates the types they pick through the ontology routes.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, cast

from fastapi import APIRouter, BackgroundTasks
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth.service import Actor
from fovea.glosses.schemas import TextPart, TypeRef
from fovea.glosses.service import parse_stored
from fovea.inference.contract import (
    AugmentationSpec,
    OntologyTypeInfo,
    PersonaContext,
    TypeKind,
)
from fovea.jobs import service as job_service
from fovea.jobs.models import Job
from fovea.jobs.schemas import JobRead
from fovea.ontology.models import OntologyType
from fovea.personas import service as persona_service
from fovea.web import CurrentActor, DbSession, JobsRuntime

MAX_CONTEXT_TYPES = 2_000  # an ontology larger than this is cut (by kind, then name) in prompts


def gloss_text(stored: Sequence[Any], type_names: Mapping[uuid.UUID, str]) -> str:
    """The plain text of a stored gloss: text parts, and type references as the type's name."""
    words = []
    for part in parse_stored(stored):
        if isinstance(part, TextPart):
            words.append(part.text)
        elif isinstance(part, TypeRef) and part.id in type_names:
            words.append(type_names[part.id])
    return "".join(words).strip()


async def persona_context(
    session: AsyncSession, actor: Actor, persona_id: uuid.UUID
) -> PersonaContext:
    """The actor's persona with its ontology types, as AI jobs carry it; NotFound otherwise."""
    persona = await persona_service.get(session, actor, persona_id)
    stmt = (
        select(OntologyType)
        .where(OntologyType.owner_id == actor.id, OntologyType.persona_id == persona.id)
        .order_by(OntologyType.kind, OntologyType.name)
        .limit(MAX_CONTEXT_TYPES)
    )
    rows = list(await session.scalars(stmt))
    names = {row.id: row.name for row in rows}
    types = [
        OntologyTypeInfo(
            id=row.id,
            name=row.name,
            kind=cast(TypeKind, row.kind),  # the check constraint keeps it one of the four
            description=gloss_text(row.gloss, names),
        )
        for row in rows
    ]
    return PersonaContext(
        id=persona.id,
        name=persona.name,
        role=persona.role,
        information_need=persona.information_need,
        domain=persona.details or "",
        types=types,
    )


class SuggestTypes(BaseModel):
    """What kind of types to suggest, how many, and for what domain."""

    model_config = ConfigDict(extra="forbid")

    domain: str = Field("", max_length=4000, description="Free text about the domain.")
    kind: TypeKind | None = Field(None, description="Suggest only this kind; unset: any kind.")
    count: int = Field(10, ge=1, le=50, description="Suggestions wanted, at most.")


async def submit_suggestions(
    session: AsyncSession, actor: Actor, persona_id: uuid.UUID, data: SuggestTypes
) -> Job:
    """Queue an ``ontology-augmentation`` job for the persona; NotFound for another's persona."""
    spec = AugmentationSpec(
        persona=await persona_context(session, actor, persona_id),
        domain=data.domain,
        target_kind=data.kind,
        max_suggestions=data.count,
    )
    return await job_service.submit(session, actor, spec)


router = APIRouter(prefix="/api/personas/{persona_id}", tags=["ontology"])


@router.post(
    "/suggest-types",
    response_model=JobRead,
    status_code=202,
    summary="Suggest new types for the persona's ontology (a job; see result.suggestions)",
)
async def suggest_types(
    persona_id: uuid.UUID,
    session: DbSession,
    actor: CurrentActor,
    jobs: JobsRuntime,
    background: BackgroundTasks,
    data: SuggestTypes | None = None,
) -> Any:
    job = await submit_suggestions(session, actor, persona_id, data or SuggestTypes())
    background.add_task(jobs.nudge)
    return job
