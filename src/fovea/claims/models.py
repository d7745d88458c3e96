"""Claim and claim-relation tables (behaviour comes with claim extraction)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fovea.db.base import Base, IdMixin, OwnedMixin, TimestampMixin, VersionedMixin
from fovea.glosses.registry import register_gloss_column


class Claim(IdMixin, TimestampMixin, OwnedMixin, VersionedMixin, Base):
    """A claim of a summary; subclaims point to their parent and go with it."""

    __tablename__ = "claims"

    summary_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("video_summaries.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    gloss: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    text_spans: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    time_spans: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    confidence: Mapped[float | None] = mapped_column(Float)
    strategy: Mapped[str | None] = mapped_column(String(50))
    model_used: Mapped[str | None] = mapped_column(String(200))
    claimer_kind: Mapped[str | None] = mapped_column(String(30))
    claimer_gloss: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    event_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("world_objects.id", ondelete="SET NULL")
    )
    time_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("world_objects.id", ondelete="SET NULL")
    )
    location_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("world_objects.id", ondelete="SET NULL")
    )


register_gloss_column(Claim.gloss)
register_gloss_column(Claim.claimer_gloss)


class ClaimRelation(IdMixin, TimestampMixin, OwnedMixin, Base):
    """A typed link between two claims; the type is a relation type allowing claims."""

    __tablename__ = "claim_relations"
    __table_args__ = (UniqueConstraint("source_claim_id", "target_claim_id", "relation_type_id"),)

    source_claim_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), index=True
    )
    target_claim_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), index=True
    )
    relation_type_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("ontology_types.id", ondelete="CASCADE")
    )
    confidence: Mapped[float | None] = mapped_column(Float)
    notes: Mapped[str | None] = mapped_column(Text)
    source_spans: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    target_spans: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
