"""Videos. Probe facts and the frame-time table come from ingest; a rescan never deletes a row."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Float, Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import ARRAY, DOUBLE_PRECISION
from sqlalchemy.orm import Mapped, mapped_column

from fovea.db.base import Base, IdMixin, OwnedMixin, TimestampMixin


class VideoState(StrEnum):
    PENDING = "pending"  # found, not yet probed
    READY = "ready"
    MISSING = "missing"  # the file vanished; annotations are kept
    FAILED = "failed"  # not a readable video; `error` says why


class Video(IdMixin, TimestampMixin, OwnedMixin, Base):
    __tablename__ = "videos"
    __table_args__ = (UniqueConstraint("owner_id", "content_hash"),)

    storage_uri: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(String(128))
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    title: Mapped[str] = mapped_column(Text)
    info: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    state: Mapped[str] = mapped_column(String(20), default=VideoState.PENDING)
    error: Mapped[str | None] = mapped_column(Text)
    duration_s: Mapped[float | None] = mapped_column(Float)
    fps: Mapped[float | None] = mapped_column(Float)
    frame_count: Mapped[int | None] = mapped_column(Integer)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    codec: Mapped[str | None] = mapped_column(String(50))
    is_vfr: Mapped[bool | None]
    frame_times_s: Mapped[list[float] | None] = mapped_column(ARRAY(DOUBLE_PRECISION))
