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
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, PositiveInt


class JobSpec(BaseModel):
    """Base of every spec; ``kind`` names the job kind (and its queue)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: ClassVar[str]


class JobResult(BaseModel):
    """Base of every result model."""

    model_config = ConfigDict(extra="forbid", frozen=True)


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
