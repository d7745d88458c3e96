"""Summary and transcript tables.

A summary is written by the ``video-summarization`` job's completion hook, one per (video,
persona): a rerun updates the same row (same id, so claims extracted from it stay attached).
A transcript is one per video (of its owner), written by ``audio-transcription`` jobs and by
summaries that transcribed the audio. ``job_id`` names the job that wrote a row, so the same
result delivered twice changes nothing the second time.
"""

from __future__ import annotations

import uuid
from typing import Any

from pgvector.sqlalchemy import Vector
from sqlalchemy import Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fovea.db.base import Base, IdMixin, OwnedMixin, TimestampMixin, VersionedMixin
from fovea.glosses.registry import register_gloss_column

EMBEDDING_DIMENSIONS = 384  # all-MiniLM-L6-v2, the model that ships offline


class VideoSummary(IdMixin, TimestampMixin, OwnedMixin, VersionedMixin, Base):
    """One summary per (video, persona); ``embedding`` makes videos searchable by meaning."""

    __tablename__ = "video_summaries"
    __table_args__ = (
        UniqueConstraint("video_id", "persona_id"),
        Index(
            "ix_video_summaries_embedding_hnsw",
            "embedding",
            postgresql_using="hnsw",
            postgresql_ops={"embedding": "vector_cosine_ops"},
        ),
    )

    video_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("videos.id", ondelete="CASCADE"))
    persona_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("personas.id", ondelete="CASCADE"), index=True
    )
    summary: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    visual_analysis: Mapped[str | None] = mapped_column(Text)
    # [{frame, time_s, description}] and [{start_frame, end_frame, start_s, end_s}]
    key_frames: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    shots: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    confidence: Mapped[float | None] = mapped_column(Float)
    language: Mapped[str | None] = mapped_column(String(20))
    models_used: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    timings_s: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    embedding: Mapped[list[float] | None] = mapped_column(Vector(EMBEDDING_DIMENSIONS))
    # The job that wrote the row (no foreign key: the jobs table is a log that may be purged).
    job_id: Mapped[uuid.UUID | None]


register_gloss_column(VideoSummary.summary)


class Transcript(IdMixin, TimestampMixin, OwnedMixin, Base):
    """Timed speech of a video: segments with start/end seconds, text and speaker."""

    __tablename__ = "transcripts"
    __table_args__ = (UniqueConstraint("owner_id", "video_id"),)

    video_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("videos.id", ondelete="CASCADE"), index=True
    )
    has_audio: Mapped[bool] = mapped_column(default=False, server_default="false")
    duration_s: Mapped[float | None] = mapped_column(Float)
    language: Mapped[str | None] = mapped_column(String(20))
    # [{start_s, end_s, text, speaker, confidence, words}] (fovea.inference.contract)
    segments: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    speakers: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    model: Mapped[str | None] = mapped_column(String(200))
    timings_s: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    job_id: Mapped[uuid.UUID | None]  # the job that wrote it, as on summaries
