"""API shapes of summaries and transcripts.

``SummaryRead.summary`` is the summary as plain text (the text parts of its gloss, in order);
``summary_parts`` is the gloss itself, where an analyst's edits may add references. Key frames,
shots and transcript segments have the model service's wire shapes
(``fovea.inference.contract``): frames are indices in presentation order, times seconds.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from fovea.glosses.schemas import Gloss
from fovea.inference.contract import KeyFrame, Shot, TranscriptSegment

Language = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[A-Za-z]{2,3}$"),
    Field(description="An ISO 639-1 language code such as 'en'; unset: detected."),
]


class SummaryCreate(BaseModel):
    """What to summarize a video for, and how."""

    model_config = ConfigDict(extra="forbid")

    persona_id: uuid.UUID = Field(description="The persona the summary is written for.")
    max_key_frames: int = Field(8, ge=1, le=64, description="Key frames to describe, at most.")
    transcribe: bool = Field(True, description="Transcribe the audio and use the transcript.")
    detect: bool = Field(True, description="Detect objects on the key frames.")
    language: Language | None = None


class TranscriptCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: Language | None = None


class TranscriptRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    video_id: uuid.UUID
    has_audio: bool = Field(description="False when the video has no audio stream.")
    language: str | None
    duration_s: float | None = Field(description="Length of the audio, in seconds.")
    segments: list[TranscriptSegment]
    speakers: list[str]
    model: str | None = Field(description="The transcription model that ran.")
    timings_s: dict[str, float] = Field(description="Seconds spent per stage.")
    job_id: uuid.UUID | None = Field(description="The job that wrote it.")
    created_at: datetime
    updated_at: datetime


class SummaryRead(BaseModel):
    id: uuid.UUID
    video_id: uuid.UUID
    persona_id: uuid.UUID
    summary: str = Field(description="The summary as plain text.")
    summary_parts: Gloss = Field(description="The summary as a gloss (rich text).")
    key_frames: list[KeyFrame]
    visual_analysis: str | None
    shots: list[Shot]
    transcript: TranscriptRead | None = Field(description="The video's transcript, if any.")
    models: dict[str, str] = Field(description="Task -> the model that ran it.")
    timings: dict[str, float] = Field(description="Seconds spent per stage.")
    confidence: float | None
    language: str | None
    searchable: bool = Field(description="Whether the summary has an embedding for search.")
    job_id: uuid.UUID | None = Field(description="The job that wrote it.")
    version: int
    created_at: datetime
    updated_at: datetime
