"""Wikidata search, item preview, and import of an item as an ontology type.

An import creates the type through the ontology service: name = the item's label (or the name
given), gloss = its description as one text part, examples = its first aliases, and the item's
id and page. A Q-id the persona's ontology already has is refused (409) before Wikidata is
asked; the ontology's unique index on (persona, Wikidata id) refuses a racing second import.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth.service import Actor
from fovea.config import Settings
from fovea.errors import Conflict, Unavailable
from fovea.ontology import schemas as ontology_schemas
from fovea.ontology import service as ontology_service
from fovea.ontology.models import OntologyType, TypeKind
from fovea.personas import service as persona_service
from fovea.wikidata.client import Entity, Hit, WikidataClient, entity_url
from fovea.wikidata.schemas import WikidataHit, WikidataItem, WikidataTypeImport

MAX_EXAMPLES = 5
MAX_NAME_CHARS = 200


def client_for(settings: Settings) -> WikidataClient:
    """The client of ``FOVEA_WIKIDATA_URL``; Unavailable when Wikidata import is off."""
    if settings.wikidata_url is None:
        raise Unavailable("Wikidata is turned off on this server (FOVEA_WIKIDATA_URL is empty)")
    return WikidataClient(settings.wikidata_url)


def _hit(hit: Hit) -> WikidataHit:
    return WikidataHit(
        id=hit.id, label=hit.label, description=hit.description, url=entity_url(hit.id)
    )


async def search(
    client: WikidataClient, text: str, *, language: str, limit: int
) -> list[WikidataHit]:
    """Items whose label or alias matches ``text``, best first."""
    return [_hit(hit) for hit in await client.search(text, language=language, limit=limit)]


async def item(client: WikidataClient, wikidata_id: str, *, language: str) -> WikidataItem:
    """One item's label, description and aliases; NotFound when Wikidata does not know it."""
    entity = await client.entity(wikidata_id, language=language)
    return WikidataItem(
        id=entity.id, label=entity.label, description=entity.description,
        url=entity_url(entity.id), aliases=list(entity.aliases),
    )  # fmt: skip


def _type_create(entity: Entity, data: WikidataTypeImport) -> ontology_schemas.TypeCreate:
    """The ontology type an item becomes; roles take entities, relations link entities."""
    name = data.name or (entity.label or entity.id)[:MAX_NAME_CHARS].strip()
    examples = [alias for alias in dict.fromkeys(entity.aliases) if alias.strip()]
    fields = {
        "name": name,
        "gloss": [{"kind": "text", "text": entity.description}] if entity.description else [],
        "examples": examples[:MAX_EXAMPLES],
        "wikidata_id": entity.id,
        "wikidata_url": entity_url(entity.id),
    }
    if data.kind == "role":
        return ontology_schemas.RoleTypeCreate.model_validate(
            {**fields, "allowed_fillers": ["entity"]}
        )
    if data.kind == "relation":
        return ontology_schemas.RelationTypeCreate.model_validate(
            {**fields, "source_kinds": ["entity"], "target_kinds": ["entity"]}
        )
    if data.kind == "event":
        return ontology_schemas.EventTypeCreate.model_validate(fields)
    return ontology_schemas.EntityTypeCreate.model_validate(fields)


async def _refuse_known(
    session: AsyncSession, actor: Actor, persona_id: uuid.UUID, wikidata_id: str
) -> None:
    known = await ontology_service.find_by_wikidata_id(session, actor, persona_id, wikidata_id)
    if known is not None:
        raise Conflict(
            f"duplicate import: {wikidata_id} is already the {known.kind} type "
            f"'{known.name}' of this persona",
            details={"field": "wikidata_id", "type_id": str(known.id), "kind": known.kind},
        )


async def import_type(
    session: AsyncSession,
    actor: Actor,
    client: WikidataClient,
    persona_id: uuid.UUID,
    data: WikidataTypeImport,
) -> OntologyType:
    """Create a type of the persona from a Wikidata item (409 when the item is already in)."""
    await persona_service.get(session, actor, persona_id)
    await _refuse_known(session, actor, persona_id, data.wikidata_id)
    entity = await client.entity(data.wikidata_id, language=data.language)
    if entity.id != data.wikidata_id:  # a redirect: the target may be imported already
        await _refuse_known(session, actor, persona_id, entity.id)
    row, _ = await ontology_service.create(
        session, actor, persona_id, TypeKind(data.kind), _type_create(entity, data)
    )
    return row
