"""API shapes of jobs. ``JobRead`` is the job JSON every client sees (also in SSE events)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from fovea.jobs.models import JobState
from fovea.jobs.specs import DiagnosticSpec


class JobRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    state: JobState
    progress: float = Field(description="Percent done, 0-100.")
    stage: str | None = Field(description="What the current attempt is doing.")
    result: dict[str, Any] | None = Field(description="The kind's result, once completed.")
    error: str | None = Field(description="Why the job failed (or why the last attempt did).")
    attempts: int = Field(description="Attempts started so far.")
    max_attempts: int | None = Field(
        description="Attempts allowed; null until the first attempt is enqueued."
    )
    cancel_requested: bool
    next_attempt_at: datetime | None = Field(description="When a retry is due, while waiting.")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class DiagnosticCreate(DiagnosticSpec):
    """A diagnostic job, and optionally how many attempts it may take."""

    max_attempts: int | None = Field(
        None, ge=1, le=20, description="Attempts allowed; default FOVEA_JOB_MAX_ATTEMPTS."
    )

    def spec(self) -> DiagnosticSpec:
        return DiagnosticSpec.model_validate(self.model_dump(exclude={"max_attempts"}))
