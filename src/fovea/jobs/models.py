"""The ``jobs`` table: the one truth about every job, whatever the queue says.

The queue (taskiq) only carries attempts; this row says what the job is, how far it got and how
it ended. Only the API side writes it: ``service`` (submit, cancel, retry) and the watcher.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fovea.db.base import Base, IdMixin, OwnedMixin, TimestampMixin


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"


ACTIVE_STATES = (JobState.QUEUED, JobState.RUNNING)
TERMINAL_STATES = (JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED)
_STATE_LIST = ", ".join(f"'{state.value}'" for state in JobState)


class Job(IdMixin, TimestampMixin, OwnedMixin, Base):
    """One job of one kind; ``attempts`` counts the attempts started so far."""

    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint(f"state IN ({_STATE_LIST})", name="state"),
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress_range"),
        Index("ix_jobs_state_next_attempt_at", "state", "next_attempt_at"),
        Index("ix_jobs_owner_id_created_at", "owner_id", "created_at"),
    )

    kind: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(
        String(20), default=JobState.QUEUED, server_default=JobState.QUEUED.value
    )
    progress: Mapped[float] = mapped_column(
        Float, default=0.0, server_default="0"
    )  # percent, 0-100
    stage: Mapped[str | None] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]]  # the kind's spec as JSON
    result: Mapped[dict[str, Any] | None]  # the kind's result model as JSON
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Null: a fresh budget of FOVEA_JOB_MAX_ATTEMPTS, fixed when the next attempt is enqueued.
    max_attempts: Mapped[int | None] = mapped_column(Integer)
    task_id: Mapped[str | None] = mapped_column(String(64))  # taskiq id of the current attempt
    # Which queue carries the current attempt: "redis:<prefix>" or "memory:<process runtime id>";
    # only a watcher of that queue can read its progress.
    runner: Mapped[str | None] = mapped_column(String(200))
    next_attempt_at: Mapped[datetime | None]  # backoff: not enqueued before this
    heartbeat_at: Mapped[datetime | None]  # database time the watcher last saw the worker alive
    worker_beat: Mapped[int | None] = mapped_column(Integer)  # the worker's heartbeat counter
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
