"""The ontology table: every type of every persona, one row each, told apart by ``kind``.

One table for the four kinds (entity, event, role, relation) gives glosses, world type
assignments and annotations a single foreign-key target. Columns that belong to one kind are
NULL on the others: event ``roles`` and ``parent_id``; role ``allowed_fillers``; relation
``source_kinds``, ``target_kinds``, ``symmetric`` and ``transitive``.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from fovea.db.base import Base, IdMixin, OwnedMixin, TimestampMixin, VersionedMixin
from fovea.glosses.registry import register_gloss_column


class TypeKind(StrEnum):
    ENTITY = "entity"
    EVENT = "event"
    ROLE = "role"
    RELATION = "relation"


NAME_UNIQUE = "uq_ontology_types_persona_id_kind_name"
WIKIDATA_UNIQUE = "uq_ontology_types_persona_wikidata"


class OntologyType(IdMixin, TimestampMixin, OwnedMixin, VersionedMixin, Base):
    """One type of a persona's ontology."""

    __tablename__ = "ontology_types"
    __table_args__ = (
        CheckConstraint("kind IN ('entity', 'event', 'role', 'relation')", name="kind"),
        UniqueConstraint("persona_id", "kind", "name", name=NAME_UNIQUE),
        Index(
            WIKIDATA_UNIQUE,
            "persona_id",
            "wikidata_id",
            unique=True,
            postgresql_where=text("wikidata_id IS NOT NULL"),
        ),
        {"info": {"count_by": "kind"}},  # deletion previews count types per kind
    )

    persona_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("personas.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))
    gloss: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    examples: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    wikidata_id: Mapped[str | None] = mapped_column(String(20))
    wikidata_url: Mapped[str | None] = mapped_column(Text)
    # event types: role slots [{role_type_id, optional, min_occurrences, max_occurrences}]
    roles: Mapped[list[Any] | None]
    # SET NULL is a safety net; deleting a type clears its children's parent (with a version bump)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("ontology_types.id", ondelete="SET NULL"), index=True
    )
    allowed_fillers: Mapped[list[Any] | None]  # role types: ["entity", "event"]
    source_kinds: Mapped[list[Any] | None]  # relation types
    target_kinds: Mapped[list[Any] | None]
    symmetric: Mapped[bool | None]
    transitive: Mapped[bool | None]


register_gloss_column(OntologyType.gloss)
