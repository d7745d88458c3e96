"""Typed job specs and results: one Pydantic model per kind, enqueued as an object.

A spec carries everything a worker needs (ids, URIs, options), never database objects, because
workers never touch PostgreSQL. Kinds are named like their queues (``video-summarization``,
``object-detection``...); only kinds with a handler exist here:

- ``diagnostic``: an operator's self-test of the queue. It runs ``steps`` steps of ``step_s``
  seconds, reporting progress after each, can be told to fail transiently on chosen attempts or
  permanently, and returns ``{"steps", "attempt"}``. ``POST /api/jobs/diagnostic`` submits one, so
  an operator can check that workers pick up jobs, report progress, retry and cancel.
- ``annotation-validation``: re-validates the bounding-box sequences of one video's annotations
  with ``fovea.domain.validate`` and returns every problem found.
- ``video-scan``: walks a video folder, fingerprints every video file and reads its
  ``.info.json`` sidecar; the API reconciles the library with what it found.
- ``video-ingest``: probes one video file (facts and the frame-time table) and writes its
  thumbnails and timeline sprite sheet; the API stores them on the video row.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, PositiveInt

# The AI kinds' specs are the model service's contract (``fovea.inference.contract``), so
# every spec and result shares that contract's bases.
from fovea.inference.contract import TaskResult as JobResult
from fovea.inference.contract import TaskSpec as JobSpec

__all__ = [
    "AnnotationProblem",
    "AnnotationToValidate",
    "AnnotationValidationResult",
    "AnnotationValidationSpec",
    "AudioStreamFacts",
    "DiagnosticResult",
    "DiagnosticSpec",
    "JobResult",
    "JobSpec",
    "ScanProblem",
    "ScannedFile",
    "VideoIngestResult",
    "VideoIngestSpec",
    "VideoScanResult",
    "VideoScanSpec",
]


class DiagnosticSpec(JobSpec):
    kind: ClassVar[str] = "diagnostic"

    steps: int = Field(5, ge=1, le=1000, description="Steps to run.")
    step_s: float = Field(0.1, ge=0, le=60, description="Seconds each step takes.")
    fail_transiently_on_attempts: list[int] = Field(
        default_factory=list, description="Attempts (1-based) that fail with a transient error."
    )
    fail_permanently: bool = Field(False, description="Fail with a permanent error.")


class DiagnosticResult(JobResult):
    steps: int
    attempt: int


class AnnotationToValidate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: uuid.UUID
    sequence: dict[str, Any] = Field(description="The sequence in its wire form.")


class AnnotationValidationSpec(JobSpec):
    kind: ClassVar[str] = "annotation-validation"

    video_id: uuid.UUID
    resolution_wh: tuple[PositiveInt, PositiveInt] | None = Field(
        None, description="The video's (width, height) in pixels; boxes must lie inside it."
    )
    annotations: list[AnnotationToValidate]


class AnnotationProblem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    annotation_id: uuid.UUID
    path: str = Field(description="Where in the wire sequence, e.g. 'keyframes[2].frame'.")
    message: str


class AnnotationValidationResult(JobResult):
    checked: int
    problems: list[AnnotationProblem]


class VideoScanSpec(JobSpec):
    kind: ClassVar[str] = "video-scan"

    video_dir: str = Field(description="Absolute path of the video folder, as workers see it.")
    media_dir: str = Field(description="Absolute folder under which each video's media go.")


class ScannedFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    relative_path: str = Field(description="POSIX path inside the video folder.")
    fingerprint: str
    size_bytes: int = Field(ge=0)
    info: dict[str, Any] | None = Field(None, description="The `.info.json` sidecar, if any.")
    sidecar_error: str | None = Field(None, description="Why the sidecar could not be read.")


class ScanProblem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    relative_path: str
    message: str


class VideoScanResult(JobResult):
    folder_exists: bool
    files: list[ScannedFile]
    problems: list[ScanProblem] = Field(description="Files that could not be read at all.")


class VideoIngestSpec(JobSpec):
    kind: ClassVar[str] = "video-ingest"

    video_id: uuid.UUID
    path: str = Field(description="Absolute path of the video file, as workers see it.")
    media_dir: str = Field(description="Absolute folder for this video's thumbnails.")


class AudioStreamFacts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    codec: str
    channels: int
    sample_rate_hz: int
    language: str | None


class VideoIngestResult(JobResult):
    content_hash: str = Field(description="Fingerprint of the file that was probed.")
    container: str
    codec: str
    width: int
    height: int
    rotation_deg: int
    duration_s: float
    frame_count: int
    avg_fps: float | None
    real_fps: float | None
    is_vfr: bool
    time_base: str = Field(description="The video stream's time base, e.g. '1/12800'.")
    keyframe_count: int
    audio_streams: list[AudioStreamFacts]
    frame_times_s: list[float] = Field(description="Presentation time of every frame, in s.")
    media_files: dict[str, str] = Field(
        description="File names in media_dir: small, medium, large, sprite, sprite_index."
    )
