"""API schemas of world objects: one Create/Update/Read triple per kind.

Kind-specific fields travel in ``attributes`` (see ``fovea.world.attributes``); an update that
sends ``attributes``, ``type_assignments`` or ``interpretations`` replaces them as a whole.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from fovea.glosses.schemas import Gloss, GlossIn
from fovea.ontology.schemas import WikidataId, WikidataUrl
from fovea.world.attributes import (
    CollectionAttributes,
    EventAttributes,
    LocationAttributes,
    TimeAttributes,
    Unit,
)

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Justification = Annotated[str, StringConstraints(max_length=20_000)]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TypeAssignmentIn(_Input):
    """A persona's type for the object (see ``fovea.world.checks`` for which kinds fit)."""

    persona_id: uuid.UUID
    type_id: uuid.UUID
    confidence: Unit | None = None
    justification: Justification | None = None


class Participant(_Input):
    """A world object filling one of the persona's role types in an event."""

    object_id: uuid.UUID
    role_type_id: uuid.UUID


class InterpretationIn(_Input):
    """A persona's reading of an event: an event type and its participants."""

    persona_id: uuid.UUID
    event_type_id: uuid.UUID
    participants: list[Participant] = Field(default_factory=list, max_length=1_000)
    confidence: Unit | None = None
    justification: Justification | None = None


def _distinct_assignments(items: list[TypeAssignmentIn]) -> list[TypeAssignmentIn]:
    keys = [(item.persona_id, item.type_id) for item in items]
    if len(set(keys)) != len(keys):
        raise ValueError("the same persona and type are assigned twice")
    return items


def _one_per_persona(items: list[InterpretationIn]) -> list[InterpretationIn]:
    personas = [item.persona_id for item in items]
    if len(set(personas)) != len(personas):
        raise ValueError("a persona interprets an event once")
    return items


Assignments = Annotated[
    list[TypeAssignmentIn], Field(max_length=1_000), AfterValidator(_distinct_assignments)
]
Interpretations = Annotated[
    list[InterpretationIn], Field(max_length=1_000), AfterValidator(_one_per_persona)
]
AltNames = Annotated[
    list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]],
    Field(max_length=1_000),
]


class _ObjectCreate(_Input):
    id: uuid.UUID | None = Field(None, description="Client-chosen id; a repeat returns the row.")
    name: Name = Field(description="Name (for times: their label).")
    description: GlossIn = Field(default_factory=list)
    alternate_names: AltNames = Field(default_factory=list)
    wikidata_id: WikidataId | None = None
    wikidata_url: WikidataUrl | None = None


class EntityCreate(_ObjectCreate):
    type_assignments: Assignments = Field(default_factory=list)


class LocationCreate(_ObjectCreate):
    attributes: LocationAttributes
    type_assignments: Assignments = Field(default_factory=list)


class EventCreate(_ObjectCreate):
    attributes: EventAttributes = Field(default_factory=EventAttributes)
    type_assignments: Assignments = Field(default_factory=list)
    interpretations: Interpretations = Field(default_factory=list)


class TimeCreate(_ObjectCreate):
    attributes: TimeAttributes


class CollectionCreate(_ObjectCreate):
    attributes: CollectionAttributes
    type_assignments: Assignments = Field(default_factory=list)


class _ObjectUpdate(_Input):
    version: int = Field(description="The version this edit is based on.")
    name: Name | None = None
    description: GlossIn | None = None
    alternate_names: AltNames | None = None
    wikidata_id: WikidataId | None = None
    wikidata_url: WikidataUrl | None = None


class EntityUpdate(_ObjectUpdate):
    type_assignments: Assignments | None = None


class LocationUpdate(_ObjectUpdate):
    attributes: LocationAttributes | None = None
    type_assignments: Assignments | None = None


class EventUpdate(_ObjectUpdate):
    attributes: EventAttributes | None = None
    type_assignments: Assignments | None = None
    interpretations: Interpretations | None = None


class TimeUpdate(_ObjectUpdate):
    attributes: TimeAttributes | None = None


class CollectionUpdate(_ObjectUpdate):
    attributes: CollectionAttributes | None = None
    type_assignments: Assignments | None = None


REQUIRED_ON_UPDATE = frozenset(
    {"name", "description", "alternate_names", "attributes", "type_assignments", "interpretations"}
)
"""Fields an update may leave out but not set to null."""


class TypeAssignmentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    persona_id: uuid.UUID
    type_id: uuid.UUID
    confidence: float | None
    justification: str | None


class ParticipantRead(BaseModel):
    object_id: uuid.UUID
    role_type_id: uuid.UUID


class InterpretationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    persona_id: uuid.UUID
    event_type_id: uuid.UUID
    participants: list[ParticipantRead]
    confidence: float | None
    justification: str | None


class _ObjectRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    description: Gloss
    alternate_names: list[str]
    wikidata_id: str | None
    wikidata_url: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class EntityRead(_ObjectRead):
    kind: Literal["entity"]
    type_assignments: list[TypeAssignmentRead]


class LocationRead(_ObjectRead):
    kind: Literal["location"]
    attributes: LocationAttributes
    type_assignments: list[TypeAssignmentRead]


class EventRead(_ObjectRead):
    kind: Literal["event"]
    attributes: EventAttributes
    type_assignments: list[TypeAssignmentRead]
    interpretations: list[InterpretationRead]


class TimeRead(_ObjectRead):
    kind: Literal["time"]
    attributes: TimeAttributes


class CollectionRead(_ObjectRead):
    kind: Literal["collection"]
    attributes: CollectionAttributes
    type_assignments: list[TypeAssignmentRead]


ObjectCreate = EntityCreate | LocationCreate | EventCreate | TimeCreate | CollectionCreate
ObjectUpdate = EntityUpdate | LocationUpdate | EventUpdate | TimeUpdate | CollectionUpdate
ObjectRead = EntityRead | LocationRead | EventRead | TimeRead | CollectionRead
READS: dict[str, type[ObjectRead]] = {
    "entity": EntityRead,
    "location": LocationRead,
    "event": EventRead,
    "time": TimeRead,
    "collection": CollectionRead,
}
