"""HTTP routes of personas: thin wrappers over ``fovea.personas.service``."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from fovea.personas import service
from fovea.personas.schemas import (
    DeletionPreview,
    PersonaCopy,
    PersonaCreate,
    PersonaRead,
    PersonaUpdate,
)
from fovea.web import CurrentActor, DbSession, Page, Paging, page_of

router = APIRouter(prefix="/api/personas", tags=["personas"])


@router.get("", response_model=Page[PersonaRead], summary="List personas")
async def list_personas(
    session: DbSession,
    actor: CurrentActor,
    paging: Paging,
    q: Annotated[str | None, Query(max_length=200, description="Name contains.")] = None,
) -> dict[str, Any]:
    rows, total = await service.list_page(
        session, actor, q=q, offset=paging.offset, limit=paging.page_size
    )
    return page_of(rows, total, paging)


@router.post("", response_model=PersonaRead, status_code=201, summary="Create a persona")
async def create_persona(
    data: PersonaCreate, session: DbSession, actor: CurrentActor, response: Response
) -> Any:
    persona, created = await service.create(session, actor, data)
    if not created:
        response.status_code = status.HTTP_200_OK
    return persona


@router.get("/{persona_id}", response_model=PersonaRead, summary="Get a persona")
async def get_persona(persona_id: uuid.UUID, session: DbSession, actor: CurrentActor) -> Any:
    return await service.get(session, actor, persona_id)


@router.patch("/{persona_id}", response_model=PersonaRead, summary="Edit a persona")
async def update_persona(
    persona_id: uuid.UUID, data: PersonaUpdate, session: DbSession, actor: CurrentActor
) -> Any:
    return await service.update(session, actor, persona_id, data)


@router.delete("/{persona_id}", status_code=204, summary="Delete a persona and its ontology")
async def delete_persona(persona_id: uuid.UUID, session: DbSession, actor: CurrentActor) -> None:
    await service.delete_persona(session, actor, persona_id)


@router.post(
    "/{persona_id}/copy", response_model=PersonaRead, status_code=201, summary="Copy a persona"
)
async def copy_persona(
    persona_id: uuid.UUID, session: DbSession, actor: CurrentActor, data: PersonaCopy | None = None
) -> Any:
    return await service.copy(session, actor, persona_id, data.name if data else None)


@router.get(
    "/{persona_id}/deletion-preview",
    response_model=DeletionPreview,
    summary="What deleting this persona would remove",
)
async def deletion_preview(persona_id: uuid.UUID, session: DbSession, actor: CurrentActor) -> Any:
    persona, removes = await service.deletion_preview(session, actor, persona_id)
    return {"persona": persona, "removes": removes}
