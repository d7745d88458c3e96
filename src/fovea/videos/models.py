"""Videos. A rescan never deletes a row: a vanished file marks its video ``missing``.

Library files have ``storage_uri = "library:<path inside the video dir>"`` (POSIX separators);
the id of a scanned or uploaded video is derived from its owner and content fingerprint, so a
renamed file keeps it (see ``docs/videos.md``). Probe facts, the frame-time table and the names
of the thumbnail files come from the ``video-ingest`` job.
"""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Date,
    Float,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, DOUBLE_PRECISION
from sqlalchemy.orm import Mapped, mapped_column

from fovea.db.base import Base, IdMixin, OwnedMixin, TimestampMixin


class VideoState(StrEnum):
    PENDING = "pending"  # found, waiting for (or in) its ingest job
    READY = "ready"
    MISSING = "missing"  # the file vanished; annotations and thumbnails are kept
    FAILED = "failed"  # not a readable video; `error` says why


class Video(IdMixin, TimestampMixin, OwnedMixin, Base):
    __tablename__ = "videos"
    __table_args__ = (
        UniqueConstraint("owner_id", "content_hash"),
        # The orders GET /api/videos pages through most: by title, newest upload, newest added.
        Index("ix_videos_owner_id_lower_title", "owner_id", func.lower(text("title")), "id"),
        Index(
            "ix_videos_owner_id_upload_date", "owner_id", text("upload_date DESC NULLS LAST"), "id"
        ),
        Index(
            "ix_videos_owner_id_created_at", "owner_id", text("created_at DESC NULLS LAST"), "id"
        ),
        Index("ix_videos_tags", "tags", postgresql_using="gin"),
    )

    storage_uri: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(String(128))  # fovea.media.fingerprint
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(20), default=VideoState.PENDING)
    error: Mapped[str | None] = mapped_column(Text)
    # The latest video-ingest job (no foreign key: the jobs table is a log that may be purged).
    ingest_job_id: Mapped[uuid.UUID | None]

    # From the `.info.json` sidecar (yt-dlp format); `info` keeps the whole sidecar.
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    uploader: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list, server_default="{}")
    upload_date: Mapped[date | None] = mapped_column(Date)
    info: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")

    # Probe facts (fovea.media.probe).
    container: Mapped[str | None] = mapped_column(String(100))
    codec: Mapped[str | None] = mapped_column(String(50))
    duration_s: Mapped[float | None] = mapped_column(Float)
    fps: Mapped[float | None] = mapped_column(Float)  # average frame rate
    real_fps: Mapped[float | None] = mapped_column(Float)  # the stream's base frame rate
    frame_count: Mapped[int | None] = mapped_column(Integer)
    keyframe_count: Mapped[int | None] = mapped_column(Integer)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    rotation_deg: Mapped[int | None] = mapped_column(Integer)
    is_vfr: Mapped[bool | None]
    time_base: Mapped[str | None] = mapped_column(String(40))  # e.g. "1/12800"
    audio_streams: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    # Presentation time of every frame in seconds; large, so never loaded unless asked for.
    frame_times_s: Mapped[list[float] | None] = mapped_column(
        ARRAY(DOUBLE_PRECISION), deferred=True, deferred_raiseload=True
    )
    # File names inside <FOVEA_DATA_DIR>/media/<id>/: "small", "medium", "large", "sprite",
    # "sprite_index".
    media_files: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
