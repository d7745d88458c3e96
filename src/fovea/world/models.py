"""World-object tables: the objects, per-persona type assignments, event interpretations.

``world_objects`` holds every kind (entity, location, event, time, collection) in one table so
glosses, annotations and claims have one foreign-key target; what is particular to a kind lives
in ``attributes`` (JSONB), validated by ``fovea.world.attributes`` on every write.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fovea.db.base import Base, IdMixin, OwnedMixin, TimestampMixin, VersionedMixin
from fovea.glosses.registry import register_gloss_column


class ObjectKind(StrEnum):
    ENTITY = "entity"
    LOCATION = "location"
    EVENT = "event"
    TIME = "time"
    COLLECTION = "collection"


class WorldObject(IdMixin, TimestampMixin, OwnedMixin, VersionedMixin, Base):
    """One object of a user's world; its type assignments and interpretations point here."""

    __tablename__ = "world_objects"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('entity', 'location', 'event', 'time', 'collection')", name="kind"
        ),
        Index("ix_world_objects_owner_kind_name", "owner_id", "kind", "name"),
    )

    kind: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(500))
    description: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    alternate_names: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    wikidata_id: Mapped[str | None] = mapped_column(String(20))
    wikidata_url: Mapped[str | None] = mapped_column(Text)
    attributes: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")


class TypeAssignment(IdMixin, TimestampMixin, OwnedMixin, Base):
    """A persona's reading of an object as one of its types (edited with the object)."""

    __tablename__ = "world_type_assignments"
    __table_args__ = (UniqueConstraint("object_id", "persona_id", "type_id"),)

    object_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("world_objects.id", ondelete="CASCADE"), index=True
    )
    persona_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("personas.id", ondelete="CASCADE"), index=True
    )
    type_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("ontology_types.id", ondelete="CASCADE"), index=True
    )
    confidence: Mapped[float | None] = mapped_column(Float)
    justification: Mapped[str | None] = mapped_column(Text)


class EventInterpretation(IdMixin, TimestampMixin, OwnedMixin, Base):
    """A persona's reading of an event: its event type and who filled which role."""

    __tablename__ = "event_interpretations"
    __table_args__ = (UniqueConstraint("event_id", "persona_id"),)

    event_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("world_objects.id", ondelete="CASCADE"), index=True
    )
    persona_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("personas.id", ondelete="CASCADE"), index=True
    )
    event_type_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("ontology_types.id", ondelete="CASCADE"), index=True
    )
    participants: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    confidence: Mapped[float | None] = mapped_column(Float)
    justification: Mapped[str | None] = mapped_column(Text)


register_gloss_column(WorldObject.description)
