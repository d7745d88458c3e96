"""``JobContext``: what a handler gets besides its spec.

A handler reports progress with ``await ctx.progress(stage, percent)`` between units of work;
that call raises ``JobCancelled`` once cancel was requested, and ``ctx.cancelled`` says the same
without waiting. CPU work runs in a thread (``asyncio.to_thread``) between progress calls, so
the worker's heartbeat keeps beating while it runs.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from typing import Protocol

from fovea.jobs.errors import JobCancelled


class ProgressSink(Protocol):
    """Where progress goes: the queue's result backend on a worker, a list in tests."""

    async def report(self, stage: str, percent: float) -> None: ...

    async def cancel_requested(self) -> bool: ...


class JobContext:
    """The running attempt of one job, as its handler sees it."""

    def __init__(self, *, job_id: uuid.UUID, attempt: int, sink: ProgressSink) -> None:
        self.job_id = job_id
        self.attempt = attempt
        self._sink = sink
        self._cancelled = False

    @property
    def cancelled(self) -> bool:
        """Whether cancel was requested (as last seen by the heartbeat or ``progress``)."""
        return self._cancelled

    def mark_cancelled(self) -> None:
        self._cancelled = True

    async def progress(self, stage: str, percent: float) -> None:
        """Report ``percent`` (0-100, clamped) done in ``stage``; JobCancelled once cancelled."""
        if self._cancelled or await self._sink.cancel_requested():
            self._cancelled = True
            raise JobCancelled(f"job {self.job_id} was cancelled")
        value = 0.0 if math.isnan(percent) else min(100.0, max(0.0, float(percent)))
        await self._sink.report(stage, value)


@dataclass
class RecordingSink:
    """A sink that keeps every report in memory: for tests and for running a handler inline."""

    reports: list[tuple[str, float]] = field(default_factory=list)
    cancel: bool = False

    async def report(self, stage: str, percent: float) -> None:
        self.reports.append((stage, percent))

    async def cancel_requested(self) -> bool:
        return self.cancel
