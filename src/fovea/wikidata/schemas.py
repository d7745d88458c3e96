"""API schemas of Wikidata search and import."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from fovea.ontology.schemas import (
    EntityTypeRead,
    EventTypeRead,
    Name,
    RelationTypeRead,
    RoleTypeRead,
)

ItemId = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^Q[1-9][0-9]{0,11}$"),
    Field(description="A Wikidata item id: Q followed by digits, e.g. Q42."),
]
Language = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2,3}(-[a-z0-9]{1,8})*$"),
    Field(description="A language code of Wikidata labels, e.g. en, de, pt-br."),
]
ImportKind = Literal["entity", "event", "role", "relation"]


class WikidataHit(BaseModel):
    """One search result."""

    id: str = Field(description="The item id, e.g. Q42.")
    label: str = Field(description="The label in the asked language; empty when it has none.")
    description: str = Field(description="The description; empty when it has none.")
    url: str = Field(description="The item's Wikidata page.")


class WikidataItem(WikidataHit):
    """An item's details, for a preview before importing it."""

    aliases: list[str]


class WikidataTypeImport(BaseModel):
    """Import one item as a type of the persona's ontology."""

    model_config = ConfigDict(extra="forbid")

    wikidata_id: ItemId
    kind: ImportKind
    name: Name | None = Field(None, description="The type's name; default: the item's label.")
    language: Language = "en"


ImportedType = Annotated[
    EntityTypeRead | EventTypeRead | RoleTypeRead | RelationTypeRead,
    Field(discriminator="kind"),
]
