"""HTTP routes of Wikidata: search, item preview, and import as an ontology type."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from fovea.config import Settings
from fovea.web import CurrentActor, DbSession, get_settings
from fovea.wikidata import service
from fovea.wikidata.client import WikidataClient
from fovea.wikidata.schemas import (
    ImportedType,
    Language,
    WikidataHit,
    WikidataItem,
    WikidataTypeImport,
)

router = APIRouter(tags=["wikidata"])


def wikidata_client(settings: Annotated[Settings, Depends(get_settings)]) -> WikidataClient:
    return service.client_for(settings)


Wikidata = Annotated[WikidataClient, Depends(wikidata_client)]
_ITEM_ID = r"^Q[1-9][0-9]{0,11}$"


@router.get(
    "/api/wikidata/search", response_model=list[WikidataHit], summary="Search Wikidata items"
)
async def search_items(
    _: CurrentActor,
    client: Wikidata,
    q: Annotated[str, Query(min_length=1, max_length=250, description="Label or alias text.")],
    language: Annotated[Language, Query()] = "en",
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> list[WikidataHit]:
    return await service.search(client, q, language=language, limit=limit)


@router.get(
    "/api/wikidata/items/{wikidata_id}",
    response_model=WikidataItem,
    summary="A Wikidata item's label, description and aliases",
)
async def get_item(
    _: CurrentActor,
    client: Wikidata,
    wikidata_id: Annotated[str, Path(pattern=_ITEM_ID, description="e.g. Q42")],
    language: Annotated[Language, Query()] = "en",
) -> WikidataItem:
    return await service.item(client, wikidata_id, language=language)


@router.post(
    "/api/personas/{persona_id}/types/wikidata",
    response_model=ImportedType,
    status_code=201,
    summary="Import a Wikidata item as a type (409 when the persona already has it)",
)
async def import_type(
    persona_id: uuid.UUID,
    data: WikidataTypeImport,
    session: DbSession,
    actor: CurrentActor,
    client: Wikidata,
) -> Any:
    return await service.import_type(session, actor, client, persona_id, data)
