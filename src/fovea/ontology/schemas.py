"""API schemas of ontology types: one Create/Update/Read triple per kind.

Fields shared by every kind live in ``_TypeFields``; each kind adds its own. Updates carry the
``version`` they read; a field left out is unchanged, and ``null`` clears an optional field.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from fovea.glosses.schemas import Gloss, GlossIn

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Example = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2_000)]
WikidataId = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[QP][0-9]+$"),
    Field(description="A Wikidata item or property id: Q or P followed by digits, e.g. Q5."),
]
WikidataUrl = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=2_000, pattern=r"^https?://\S+$")
]
FillerKind = Literal["entity", "event"]
RelationEnd = Literal["entity", "role", "event", "time", "claim"]


def _distinct(values: list[str]) -> list[str]:
    """The values in their first order, each once (a set of kinds, sent as a list)."""
    return list(dict.fromkeys(values))


FillerKinds = Annotated[list[FillerKind], Field(min_length=1), AfterValidator(_distinct)]
RelationEnds = Annotated[list[RelationEnd], Field(min_length=1), AfterValidator(_distinct)]


class RoleSlot(BaseModel):
    """A role an event type expects, and how many fillers it takes."""

    model_config = ConfigDict(extra="forbid")

    role_type_id: uuid.UUID = Field(description="A role type of the same persona.")
    optional: bool = False
    min_occurrences: int | None = Field(None, ge=0)
    max_occurrences: int | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _min_not_above_max(self) -> RoleSlot:
        low, high = self.min_occurrences, self.max_occurrences
        if low is not None and high is not None and low > high:
            raise ValueError(f"min_occurrences ({low}) is above max_occurrences ({high})")
        return self


def _distinct_roles(slots: list[RoleSlot]) -> list[RoleSlot]:
    seen: set[uuid.UUID] = set()
    for index, slot in enumerate(slots):
        if slot.role_type_id in seen:
            raise ValueError(f"slot {index} repeats role type {slot.role_type_id}")
        seen.add(slot.role_type_id)
    return slots


RoleSlots = Annotated[list[RoleSlot], Field(max_length=200), AfterValidator(_distinct_roles)]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _TypeFields(_Input):
    name: Name
    gloss: GlossIn
    examples: list[Example] = Field(default_factory=list, max_length=200)
    wikidata_id: WikidataId | None = None
    wikidata_url: WikidataUrl | None = None


class _TypeCreate(_TypeFields):
    id: uuid.UUID | None = Field(None, description="Client-chosen id; a repeat returns the row.")


class EntityTypeCreate(_TypeCreate):
    pass


class EventTypeCreate(_TypeCreate):
    roles: RoleSlots = Field(default_factory=list)
    parent_id: uuid.UUID | None = Field(None, description="A more general event type.")


class RoleTypeCreate(_TypeCreate):
    allowed_fillers: FillerKinds


class RelationTypeCreate(_TypeCreate):
    source_kinds: RelationEnds
    target_kinds: RelationEnds
    symmetric: bool = False
    transitive: bool = False


class _TypeUpdate(_Input):
    version: int = Field(description="The version this edit is based on.")
    name: Name | None = None
    gloss: GlossIn | None = None
    examples: list[Example] | None = Field(None, max_length=200)
    wikidata_id: WikidataId | None = None
    wikidata_url: WikidataUrl | None = None


class EntityTypeUpdate(_TypeUpdate):
    pass


class EventTypeUpdate(_TypeUpdate):
    roles: RoleSlots | None = None
    parent_id: uuid.UUID | None = None


class RoleTypeUpdate(_TypeUpdate):
    allowed_fillers: FillerKinds | None = None


class RelationTypeUpdate(_TypeUpdate):
    source_kinds: RelationEnds | None = None
    target_kinds: RelationEnds | None = None
    symmetric: bool | None = None
    transitive: bool | None = None


REQUIRED_ON_UPDATE = frozenset(
    {"name", "gloss", "examples", "roles", "allowed_fillers", "source_kinds", "target_kinds",
     "symmetric", "transitive"}
)  # fmt: skip
"""Fields an update may leave out but not set to null."""


class _TypeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    persona_id: uuid.UUID
    name: str
    gloss: Gloss
    examples: list[str]
    wikidata_id: str | None
    wikidata_url: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class EntityTypeRead(_TypeRead):
    kind: Literal["entity"]


class EventTypeRead(_TypeRead):
    kind: Literal["event"]
    roles: list[RoleSlot]
    parent_id: uuid.UUID | None


class RoleTypeRead(_TypeRead):
    kind: Literal["role"]
    allowed_fillers: list[FillerKind]


class RelationTypeRead(_TypeRead):
    kind: Literal["relation"]
    source_kinds: list[RelationEnd]
    target_kinds: list[RelationEnd]
    symmetric: bool
    transitive: bool


TypeCreate = EntityTypeCreate | EventTypeCreate | RoleTypeCreate | RelationTypeCreate
TypeUpdate = EntityTypeUpdate | EventTypeUpdate | RoleTypeUpdate | RelationTypeUpdate
