"""Annotation API schemas. The sequence models document the wire shape of ``fovea.domain``.

Shapes and types are checked here (strict: no strings for numbers, no fractional frames);
the rules between values (ordering, coverage, frame bounds) are checked by ``fovea.domain``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from fovea.annotations.models import AnnotationSource

Frame = Annotated[int, Field(strict=True, ge=0, description="0-based frame index.")]
Pixels = Annotated[float, Field(strict=True, allow_inf_nan=False)]
ObjectKind = Literal["entity", "location", "event", "time", "collection"]
Mode = Literal["linear", "ease-in", "ease-out", "ease-in-out", "hold", "bezier"]


class KeyframeModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    frame: Frame
    x: Pixels
    y: Pixels
    w: Pixels
    h: Pixels
    confidence: float | None = Field(None, ge=0, le=1)


class SegmentModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start_frame: Frame
    end_frame: Frame
    mode: Mode = "linear"
    bezier: list[float] | None = Field(
        None, min_length=4, max_length=4, description="CSS cubic-bezier [x1, y1, x2, y2]."
    )


class VisibleModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start_frame: Frame
    end_frame: Frame


class SequenceModel(BaseModel):
    """Keyframes, interpolation segments between them, and the ranges where the box is visible.

    Without ``visible`` the box is visible from the first to the last keyframe.
    """

    model_config = ConfigDict(extra="forbid")

    keyframes: list[KeyframeModel] = Field(min_length=1)
    segments: list[SegmentModel] = Field(default_factory=list)
    visible: list[VisibleModel] | None = None


class ObjectLink(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ObjectKind
    id: uuid.UUID


class AnnotationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID | None = Field(None, description="Client-chosen id; a repeat returns the row.")
    kind: Literal["type", "object"]
    persona_id: uuid.UUID | None = None
    type_id: uuid.UUID | None = None
    object: ObjectLink | None = None
    sequence: SequenceModel
    notes: str | None = Field(None, max_length=20_000)
    source: AnnotationSource = AnnotationSource.MANUAL


class AnnotationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(description="The version this edit is based on.")
    persona_id: uuid.UUID | None = None
    type_id: uuid.UUID | None = None
    object: ObjectLink | None = None
    sequence: SequenceModel | None = None
    notes: str | None = Field(None, max_length=20_000)


class AnnotationRead(BaseModel):
    id: uuid.UUID
    video_id: uuid.UUID
    kind: str
    persona_id: uuid.UUID | None
    type_id: uuid.UUID | None
    object: ObjectLink | None
    sequence: dict[str, Any]
    first_frame: int
    last_frame: int
    notes: str | None
    source: str
    version: int
    created_at: datetime
    updated_at: datetime


class BoxRead(BaseModel):
    """The box shown on one visible frame; ``keyframe`` is false for interpolated boxes."""

    frame: int
    x: float
    y: float
    w: float
    h: float
    keyframe: bool
