"""API schemas of detection and tracking: job requests, review rows, and accept bodies.

Frames are 0-based indices; boxes are in video pixels (``x``, ``y`` top-left, ``w``, ``h``).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from fovea.vision.models import ReviewState

Frame = Annotated[int, Field(strict=True, ge=0, description="0-based frame index.")]
Pixels = Annotated[float, Field(allow_inf_nan=False)]
Confidence = Annotated[float, Field(ge=0, le=1)]


class DetectRequest(BaseModel):
    """One frame (``frame``), or every ``step``-th frame of a range (default: the whole video)."""

    model_config = ConfigDict(extra="forbid")

    frame: Frame | None = None
    start_frame: Frame | None = None
    end_frame: Frame | None = Field(None, description="Last frame, inclusive.")
    step: int = Field(1, strict=True, ge=1, description="Detect on every step-th frame.")
    detector: str | None = Field(
        None, min_length=1, max_length=100, description="'motion', 'people' or an option name."
    )
    query: str | None = Field(
        None, max_length=4000, description="Labels wanted, separated by commas or semicolons."
    )
    persona_id: uuid.UUID | None = Field(
        None, description="Without a query: detect that persona's entity types."
    )
    threshold: Confidence = Field(0.3, description="Lowest confidence kept.")


class SeedBoxModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    frame: Frame
    x: Pixels
    y: Pixels
    w: Pixels = Field(gt=0)
    h: Pixels = Field(gt=0)


class TrackRequest(BaseModel):
    """Track over ``[start_frame, end_frame]``: the drawn ``box``, or what a detector finds."""

    model_config = ConfigDict(extra="forbid")

    start_frame: Frame
    end_frame: Frame = Field(description="Last frame, inclusive.")
    box: SeedBoxModel | None = None
    detector: str | None = Field(
        None, min_length=1, max_length=100, description="Without a box; unset: 'motion'."
    )
    tracker: str | None = Field(
        None, min_length=1, max_length=100, description="Tracking option; unset: the selected."
    )
    label: str | None = Field(None, min_length=1, max_length=200, description="Of a seeded track.")
    threshold: Confidence = 0.3


class LinkChoice(BaseModel):
    """What an accepted box becomes: a type (persona + type) or a world object."""

    model_config = ConfigDict(extra="forbid")

    type_id: uuid.UUID | None = None
    persona_id: uuid.UUID | None = None
    object_id: uuid.UUID | None = None


class TrackAccept(LinkChoice):
    label: str | None = Field(
        None, min_length=1, max_length=200, description="Rename the track; kept in the notes."
    )


class DetectionsAccept(LinkChoice):
    job_id: uuid.UUID | None = Field(None, description="Only candidates of this job.")
    min_confidence: Confidence


class AcceptedAnnotations(BaseModel):
    annotation_ids: list[uuid.UUID]


class DetectionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    video_id: uuid.UUID
    job_id: uuid.UUID
    frame: int
    x: float
    y: float
    w: float
    h: float
    label: str
    confidence: float
    detector: str
    state: ReviewState
    annotation_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime


class TrackRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    video_id: uuid.UUID
    job_id: uuid.UUID
    label: str
    confidence: float
    state: ReviewState
    sequence: dict[str, Any]
    first_frame: int
    last_frame: int
    frame_confidences: list[tuple[int, float]] = Field(
        description="[frame, confidence] of every observed box, in frame order."
    )
    tracker: str
    detector: str | None
    annotation_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime
