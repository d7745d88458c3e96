"""Pure construction of the copies of a persona's types, for ``service.copy_ontology``."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from fovea.glosses.schemas import gloss_json
from fovea.glosses.service import parse_stored, remapped
from fovea.ontology.models import OntologyType
from fovea.ontology.schemas import RoleSlot


def _remapped_roles(
    roles: list[Any] | None, id_map: Mapping[uuid.UUID, uuid.UUID]
) -> list[Any] | None:
    if roles is None:
        return None
    slots = [RoleSlot.model_validate(slot) for slot in roles]
    return [
        slot.model_copy(
            update={"role_type_id": id_map.get(slot.role_type_id, slot.role_type_id)}
        ).model_dump(mode="json")
        for slot in slots
    ]


def _copy(
    source: OntologyType, id_map: Mapping[uuid.UUID, uuid.UUID], persona_id: uuid.UUID
) -> OntologyType:
    return OntologyType(
        id=id_map[source.id],
        owner_id=source.owner_id,
        persona_id=persona_id,
        kind=source.kind,
        name=source.name,
        gloss=gloss_json(remapped(parse_stored(source.gloss), id_map)),
        examples=list(source.examples),
        wikidata_id=source.wikidata_id,
        wikidata_url=source.wikidata_url,
        roles=_remapped_roles(source.roles, id_map),
        parent_id=None,
        allowed_fillers=source.allowed_fillers,
        source_kinds=source.source_kinds,
        target_kinds=source.target_kinds,
        symmetric=source.symmetric,
        transitive=source.transitive,
    )


def copied_types(
    sources: Sequence[OntologyType], persona_id: uuid.UUID
) -> tuple[list[OntologyType], dict[uuid.UUID, uuid.UUID]]:
    """New rows for ``persona_id`` copying ``sources``, and each copy's parent id.

    Parents are returned apart (copy id -> parent copy id) so the caller can set them once all
    copies exist; a parent outside ``sources`` cannot occur (parents share the persona).
    """
    id_map = {source.id: uuid.uuid4() for source in sources}
    copies = [_copy(source, id_map, persona_id) for source in sources]
    parents = {
        id_map[source.id]: id_map[source.parent_id]
        for source in sources
        if source.parent_id is not None and source.parent_id in id_map
    }
    return copies, parents
