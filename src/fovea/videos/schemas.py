from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class VideoRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    title: str
    storage_uri: str
    state: str
    error: str | None
    info: dict[str, Any]
    duration_s: float | None
    fps: float | None
    frame_count: int | None
    width: int | None
    height: int | None
    codec: str | None
    is_vfr: bool | None
    created_at: datetime
    updated_at: datetime
