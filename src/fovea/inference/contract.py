"""The model service's wire contract: one spec and one result model per AI task.

The same models are the bodies of the model service's HTTP endpoints (``POST /api/detect``...)
and the payloads and results of the queued jobs (``object-detection``...), so both paths run
the same code under the same contract. Everything is JSON; boxes are in video pixels of the
coded frame (the space annotations are drawn in), frames are indices in presentation order
(``fovea.media``), times are seconds on the stream's timeline.

A spec carries everything a worker needs: a video URI it can read (an absolute path on
storage the worker shares, a ``file://`` URL, or an ``http(s)://`` URL), the persona's
context for prompts, and options. The model service never opens the database.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt, PositiveFloat

TypeKind = Literal["entity", "event", "role", "relation"]

MAX_FRAMES_PER_JOB = 100_000
EMBEDDING_BATCH_MAX = 256


class Progress(Protocol):
    """Where a task reports progress; a job's ``JobContext`` is one (it raises on cancel)."""

    async def progress(self, stage: str, percent: float) -> None: ...


class NoProgress:
    """A progress sink that drops every report: for the synchronous HTTP endpoints."""

    async def progress(self, stage: str, percent: float) -> None:
        return None


class WireModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TaskSpec(WireModel):
    """Base of every job spec; ``kind`` names the job kind and its queue."""

    kind: ClassVar[str]


class TaskResult(WireModel):
    """Base of every job result."""


# --- shared pieces -------------------------------------------------------------------------


class VideoRef(WireModel):
    """Where the worker reads the video."""

    uri: str = Field(
        min_length=1,
        description="Absolute path on shared storage, a file:// URL or an http(s):// URL.",
    )


class BoxPx(WireModel):
    """An axis-aligned box in video pixels: top-left corner, width and height."""

    x: float
    y: float
    w: PositiveFloat
    h: PositiveFloat


class SeedBox(BoxPx):
    """A box the analyst drew at one frame, to start a single-object tracker from."""

    frame: NonNegativeInt


class OntologyTypeInfo(WireModel):
    """One type of the persona's ontology, as prompts and detectors see it."""

    id: uuid.UUID | None = None
    name: str = Field(min_length=1, max_length=200)
    kind: TypeKind
    description: str = ""


class PersonaContext(WireModel):
    """Who the analysis is for: carried into every prompt and ranking."""

    id: uuid.UUID | None = None
    name: str = ""
    role: str = ""
    information_need: str = ""
    domain: str = ""
    types: list[OntologyTypeInfo] = Field(default_factory=list)


# --- detection -----------------------------------------------------------------------------


class DetectionSpec(TaskSpec):
    kind: ClassVar[str] = "object-detection"

    video_id: uuid.UUID
    video: VideoRef
    frames: list[NonNegativeInt] = Field(
        min_length=1, max_length=MAX_FRAMES_PER_JOB, description="Frames to detect on."
    )
    detector: str | None = Field(
        None,
        description="'motion', 'people', or a detection option of the model config; "
        "unset: the option selected for detection.",
    )
    query: list[str] = Field(
        default_factory=list,
        description="Labels wanted (class names or free text); empty: every label.",
    )
    threshold: float = Field(0.3, ge=0, le=1, description="Lowest confidence kept.")


class DetectedBox(BoxPx):
    frame: NonNegativeInt
    label: str
    confidence: float = Field(ge=0, le=1)


class DetectionResult(TaskResult):
    video_id: uuid.UUID
    detector: str = Field(description="The detection option that ran.")
    model: str = Field(description="What that option is, e.g. 'opencv-hog-people'.")
    frame_count: int = Field(description="Frames in the video.")
    width: int
    height: int
    frames_processed: int
    boxes: list[DetectedBox]
    timings_s: dict[str, float] = Field(default_factory=dict)


# --- tracking ------------------------------------------------------------------------------


class TrackingSpec(TaskSpec):
    kind: ClassVar[str] = "object-tracking"

    video_id: uuid.UUID
    video: VideoRef
    start_frame: NonNegativeInt
    end_frame: NonNegativeInt = Field(description="Last frame tracked, inclusive.")
    box: SeedBox | None = Field(
        None, description="Track this box with a single-object tracker; unset: detect first."
    )
    detector: str | None = Field(
        None, description="Detection option for tracking-by-detection; unset: 'motion'."
    )
    tracker: str | None = Field(None, description="Tracking option; unset: the selected one.")
    query: list[str] = Field(default_factory=list)
    threshold: float = Field(0.3, ge=0, le=1)
    label: str | None = Field(None, description="Label of a seeded track; unset: 'object'.")


class TrackBox(BoxPx):
    frame: NonNegativeInt
    confidence: float = Field(ge=0, le=1)


class TrackOut(WireModel):
    """One object's track: a box on each frame where it was seen, in frame order."""

    track_id: int
    label: str
    confidence: float = Field(ge=0, le=1, description="Mean confidence over its boxes.")
    boxes: list[TrackBox] = Field(min_length=1)


class TrackingResult(TaskResult):
    video_id: uuid.UUID
    tracker: str
    detector: str | None
    frame_count: int
    width: int
    height: int
    start_frame: int
    end_frame: int
    frames_processed: int
    tracks: list[TrackOut]
    timings_s: dict[str, float] = Field(default_factory=dict)


# --- transcription -------------------------------------------------------------------------


class TranscriptWord(WireModel):
    start_s: float
    end_s: float
    text: str
    probability: float | None = None


class TranscriptSegment(WireModel):
    start_s: float
    end_s: float
    text: str
    speaker: str | None = None
    confidence: float | None = Field(None, ge=0, le=1)
    words: list[TranscriptWord] = Field(default_factory=list)


class TranscriptionSpec(TaskSpec):
    kind: ClassVar[str] = "audio-transcription"

    video_id: uuid.UUID
    video: VideoRef
    language: str | None = Field(None, description="ISO 639-1 code; unset: detected.")
    transcriber: str | None = Field(None, description="Transcription option; unset: selected.")


class TranscriptionResult(TaskResult):
    video_id: uuid.UUID
    has_audio: bool
    language: str | None
    duration_s: float
    segments: list[TranscriptSegment]
    speakers: list[str]
    model: str
    timings_s: dict[str, float] = Field(default_factory=dict)


# --- summarization -------------------------------------------------------------------------


class SummarizationSpec(TaskSpec):
    kind: ClassVar[str] = "video-summarization"

    video_id: uuid.UUID
    video: VideoRef
    persona: PersonaContext
    max_key_frames: int = Field(8, ge=1, le=64)
    transcribe: bool = Field(True, description="Transcribe the audio and use the transcript.")
    detect: bool = Field(True, description="Detect objects on the key frames.")
    language: str | None = None
    summarizer: str | None = Field(None, description="Summarization option; unset: selected.")


class KeyFrame(WireModel):
    frame: NonNegativeInt
    time_s: float
    description: str


class Shot(WireModel):
    start_frame: NonNegativeInt
    end_frame: NonNegativeInt
    start_s: float
    end_s: float


class SummarizationResult(TaskResult):
    video_id: uuid.UUID
    persona_id: uuid.UUID | None
    summary: str
    key_frames: list[KeyFrame]
    visual_analysis: str
    shots: list[Shot]
    transcript: TranscriptionResult | None
    language: str | None
    confidence: float | None = Field(None, ge=0, le=1)
    embedding: list[float] = Field(description="Embedding of the summary text.")
    models: dict[str, str] = Field(description="Task -> model that ran it.")
    timings_s: dict[str, float]


# --- ontology augmentation -----------------------------------------------------------------


class AugmentationSpec(TaskSpec):
    kind: ClassVar[str] = "ontology-augmentation"

    persona: PersonaContext
    domain: str = Field("", max_length=4000, description="Free text about the domain.")
    target_kind: TypeKind | None = Field(None, description="Suggest only this kind.")
    max_suggestions: int = Field(10, ge=1, le=50)
    suggester: str | None = Field(None, description="Augmentation option; unset: selected.")


class TypeSuggestion(WireModel):
    name: str
    kind: TypeKind
    description: str
    parent: str | None = None
    examples: list[str] = Field(default_factory=list)
    confidence: float = Field(ge=0, le=1)
    source: str = Field("", description="Where it comes from, e.g. 'catalogue:coco'.")


class AugmentationResult(TaskResult):
    persona_id: uuid.UUID | None
    suggestions: list[TypeSuggestion]
    reasoning: str
    model: str


# --- embeddings ----------------------------------------------------------------------------


class EmbeddingSpec(TaskSpec):
    kind: ClassVar[str] = "text-embedding"

    texts: list[str] = Field(min_length=1, max_length=EMBEDDING_BATCH_MAX)
    embedder: str | None = Field(None, description="Embedding option; unset: selected.")


class EmbeddingResult(TaskResult):
    model: str
    dimensions: int
    vectors: list[list[float]] = Field(description="One unit-length vector per text.")


# --- the model registry's view -------------------------------------------------------------


class ModelOptionInfo(WireModel):
    name: str
    backend: str
    selected: bool
    loaded: bool
    memory_bytes: int | None
    load_count: int
    available: bool
    unavailable_reason: str | None
    parameters: dict[str, Any]


class TaskSlotInfo(WireModel):
    task: str
    selected: str
    options: list[ModelOptionInfo]


class ModelSelection(WireModel):
    task: str
    option: str


AI_TASK_KINDS: tuple[str, ...] = (
    DetectionSpec.kind,
    TrackingSpec.kind,
    TranscriptionSpec.kind,
    SummarizationSpec.kind,
    AugmentationSpec.kind,
    EmbeddingSpec.kind,
)
