"""Video API schemas: list items carry their sidecar metadata flattened for display."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from fovea.videos.models import VideoState

SortKey = Literal[
    "title", "-title", "created_at", "-created_at", "duration", "-duration",
    "upload_date", "-upload_date",
]  # fmt: skip
ThumbnailSize = Literal["small", "medium", "large"]
ImageFormat = Literal["jpeg", "png"]


class VideoQuery(BaseModel):
    """Search, filters and order of ``GET /api/videos``."""

    model_config = ConfigDict(frozen=True)

    q: str | None = Field(None, description="Words to find in title, description, uploader, tags.")
    tag: str | None = Field(None, description="Only videos with exactly this tag.")
    has_annotations: bool | None = None
    has_summary: bool | None = None
    state: VideoState | None = None
    sort: SortKey = "title"


class AudioStreamRead(BaseModel):
    codec: str
    channels: int
    sample_rate_hz: int
    language: str | None


class MediaLinks(BaseModel):
    """URLs of the ingest's images; empty until the video was ingested."""

    thumbnails: dict[str, str] = Field(description="Size (small, medium, large) -> URL.")
    sprite: str | None = Field(description="The timeline sprite sheet (JPEG).")
    sprite_index: str | None = Field(description="Where each frame's tile is in the sheet.")


class VideoRead(BaseModel):
    id: uuid.UUID
    title: str
    description: str | None
    uploader: str | None
    uploader_id: str | None
    tags: list[str]
    upload_date: date | None
    webpage_url: str | None
    view_count: int | None
    like_count: int | None
    repost_count: int | None
    comment_count: int | None
    path: str | None = Field(description="Path inside the video folder (library videos).")
    size_bytes: int | None
    state: VideoState
    error: str | None = Field(description="Why the video failed, or what is wrong with it.")
    ingest_job_id: uuid.UUID | None
    container: str | None
    codec: str | None
    duration_s: float | None
    fps: float | None = Field(description="Average frame rate (frames / duration).")
    real_fps: float | None = Field(description="The stream's base frame rate.")
    frame_count: int | None = Field(description="Exact, counted from the packets at ingest.")
    keyframe_count: int | None
    width: int | None
    height: int | None
    rotation_deg: int | None = Field(description="Display rotation, clockwise.")
    is_vfr: bool | None = Field(description="Whether frame durations vary.")
    time_base: str | None
    audio_streams: list[AudioStreamRead]
    media: MediaLinks
    annotation_count: int
    summary_count: int
    created_at: datetime
    updated_at: datetime


class VideoDetail(VideoRead):
    info: dict[str, Any] = Field(description="The whole `.info.json` sidecar.")


class FrameTimes(BaseModel):
    """The frame-time table: frame n is shown from ``times_s[n]`` on (microseconds)."""

    frame_count: int
    fps: float | None
    is_vfr: bool
    times_s: list[float]
