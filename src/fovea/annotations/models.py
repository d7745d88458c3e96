"""The annotations table. ``sequence`` holds the wire shape that ``fovea.domain`` validates."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from pgvector.sqlalchemy import Vector
from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fovea.db.base import Base, IdMixin, OwnedMixin, TimestampMixin, VersionedMixin
from fovea.summaries.models import EMBEDDING_DIMENSIONS


class AnnotationKind(StrEnum):
    TYPE = "type"  # a persona's entity/event/role type
    OBJECT = "object"  # a world object (entity, location, event, time, collection)


class AnnotationSource(StrEnum):
    MANUAL = "manual"
    TRACKING = "tracking"
    DETECTION = "detection"
    IMPORT = "import"


class Annotation(IdMixin, TimestampMixin, OwnedMixin, VersionedMixin, Base):
    __tablename__ = "annotations"
    __table_args__ = (
        CheckConstraint(
            "(kind = 'type' AND type_id IS NOT NULL AND persona_id IS NOT NULL "
            "AND object_id IS NULL) OR "
            "(kind = 'object' AND object_id IS NOT NULL AND object_kind IS NOT NULL "
            "AND type_id IS NULL)",
            name="link_matches_kind",
        ),
        Index("ix_annotations_video_persona", "video_id", "persona_id"),
        Index(
            "ix_annotations_note_embedding_hnsw",
            "note_embedding",
            postgresql_using="hnsw",
            postgresql_ops={"note_embedding": "vector_cosine_ops"},
        ),
    )

    video_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("videos.id", ondelete="CASCADE"))
    persona_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("personas.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    # NO ACTION: deleting a type or object still in use is refused (409), never silent.
    type_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ontology_types.id"), index=True)
    object_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("world_objects.id"), index=True)
    object_kind: Mapped[str | None] = mapped_column(String(20))
    sequence: Mapped[dict[str, Any]]
    first_frame: Mapped[int] = mapped_column(Integer)
    last_frame: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    # The embedding of ``notes`` for semantic search (fovea.search): NULL until the next search
    # embeds it; every change of ``notes`` sets it back to NULL.
    note_embedding: Mapped[list[float] | None] = mapped_column(Vector(EMBEDDING_DIMENSIONS))
    source: Mapped[str] = mapped_column(String(20), default=AnnotationSource.MANUAL)
