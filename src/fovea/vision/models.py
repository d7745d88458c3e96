"""What detection and tracking jobs found, waiting for the analyst's review.

A ``detection_candidates`` row is one box a detector saw on one frame; a ``tracks`` row is one
object followed over frames, stored as the wire form of a ``fovea.domain`` sequence. Both are
``pending`` until the analyst accepts (an annotation is created and linked) or rejects them.
``(job_id, result_index)`` is unique: storing the same job's result twice adds nothing.
Boxes are in video pixels.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fovea.db.base import Base, IdMixin, OwnedMixin, TimestampMixin


class ReviewState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


_STATE_CHECK = "state IN ('pending', 'accepted', 'rejected')"


class DetectionCandidate(IdMixin, TimestampMixin, OwnedMixin, Base):
    """One detected box on one frame."""

    __tablename__ = "detection_candidates"
    __table_args__ = (
        CheckConstraint(_STATE_CHECK, name="state"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_range"),
        UniqueConstraint("job_id", "result_index"),
        Index("ix_detection_candidates_video_id_frame", "video_id", "frame"),
    )

    video_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("videos.id", ondelete="CASCADE"))
    # The job that found it (no foreign key: the jobs table is a log that may be purged).
    job_id: Mapped[uuid.UUID]
    result_index: Mapped[int] = mapped_column(Integer)  # position in the job's result
    frame: Mapped[int] = mapped_column(Integer)
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    w: Mapped[float] = mapped_column(Float)
    h: Mapped[float] = mapped_column(Float)
    label: Mapped[str] = mapped_column(String(200))
    confidence: Mapped[float] = mapped_column(Float)
    detector: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(
        String(10), default=ReviewState.PENDING, server_default=ReviewState.PENDING.value
    )
    annotation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("annotations.id", ondelete="SET NULL"), index=True
    )


class Track(IdMixin, TimestampMixin, OwnedMixin, Base):
    """One object followed over a frame range, as a bounding-box sequence."""

    __tablename__ = "tracks"
    __table_args__ = (
        CheckConstraint(_STATE_CHECK, name="state"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_range"),
        UniqueConstraint("job_id", "result_index"),
        Index("ix_tracks_video_id_first_frame", "video_id", "first_frame"),
    )

    video_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("videos.id", ondelete="CASCADE"))
    job_id: Mapped[uuid.UUID]
    result_index: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200))
    confidence: Mapped[float] = mapped_column(Float)  # mean over the observed boxes
    state: Mapped[str] = mapped_column(
        String(10), default=ReviewState.PENDING, server_default=ReviewState.PENDING.value
    )
    sequence: Mapped[dict[str, Any]]  # fovea.domain wire form
    first_frame: Mapped[int] = mapped_column(Integer)
    last_frame: Mapped[int] = mapped_column(Integer)
    # [[frame, confidence], ...] of every observed box, in frame order.
    frame_confidences: Mapped[list[Any]]
    tracker: Mapped[str] = mapped_column(String(100))
    detector: Mapped[str | None] = mapped_column(String(100))
    annotation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("annotations.id", ondelete="SET NULL"), index=True
    )
