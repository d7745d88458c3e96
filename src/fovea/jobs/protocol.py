"""What travels between the API's watcher and a worker, all of it JSON.

- ``JobEnvelope``: the one argument of the one taskiq task, ``{job_id, kind, attempt, payload}``.
- ``ProgressMeta``: what the worker stores with taskiq's progress API (``set_progress``) while
  the handler runs; ``beat`` grows with every heartbeat, so the watcher sees the worker is alive
  without comparing clocks of different machines.
- ``JobOutcome``: the task's return value, stored by taskiq's result backend: the typed result,
  a typed error ``{message, transient}``, or ``cancelled``.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

TASK_NAME = "fovea.jobs.run"


class JobEnvelope(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    job_id: uuid.UUID
    kind: str
    attempt: int = Field(ge=1)
    payload: dict[str, Any]


class ProgressMeta(BaseModel):
    model_config = ConfigDict(frozen=True)

    stage: str | None = None
    percent: float = Field(0.0, ge=0, le=100)
    beat: int = Field(0, ge=0)
    attempt: int = Field(1, ge=1)


class OutcomeStatus(StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


class JobFailure(BaseModel):
    model_config = ConfigDict(frozen=True)

    message: str
    transient: bool


class JobOutcome(BaseModel):
    """How an attempt ended; ``result`` with ``succeeded``, ``error`` with ``failed``."""

    model_config = ConfigDict(frozen=True)

    status: OutcomeStatus
    result: dict[str, Any] | None = None
    error: JobFailure | None = None

    @classmethod
    def succeeded(cls, result: BaseModel) -> JobOutcome:
        return cls(status=OutcomeStatus.SUCCEEDED, result=result.model_dump(mode="json"))

    @classmethod
    def failed(cls, message: str, *, transient: bool) -> JobOutcome:
        error = JobFailure(message=message, transient=transient)
        return cls(status=OutcomeStatus.FAILED, error=error)

    @classmethod
    def cancelled(cls) -> JobOutcome:
        return cls(status=OutcomeStatus.CANCELLED)
