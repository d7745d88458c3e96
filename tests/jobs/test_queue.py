"""The queue and the worker side without the API: brokers, attempts, errors, backoff."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from taskiq.brokers.inmemory_broker import InmemoryResultBackend

from fovea.config import Settings
from fovea.errors import InvalidInput, Unavailable
from fovea.jobs.broker import MemoryCancelFlags, make_queue
from fovea.jobs.execution import JobExecutor
from fovea.jobs.protocol import JobOutcome, OutcomeStatus
from fovea.jobs.registry import kind_of
from fovea.jobs.specs import DiagnosticSpec, JobSpec
from fovea.jobs.watcher import retry_delay_s


def _envelope(
    payload: dict[str, Any], kind: str = "diagnostic", attempt: int = 1
) -> dict[str, Any]:
    return {"job_id": str(uuid.uuid4()), "kind": kind, "attempt": attempt, "payload": payload}


def _execute(envelope: dict[str, Any], flags: MemoryCancelFlags | None = None) -> JobOutcome:
    executor = JobExecutor(flags or MemoryCancelFlags(), heartbeat_s=0.05)
    backend: InmemoryResultBackend[Any] = InmemoryResultBackend()
    return asyncio.run(executor.execute(envelope, "task-1", backend))


@pytest.mark.parametrize(("failed_attempt", "delay_s"), [(1, 2.0), (2, 4.0), (3, 8.0), (5, 32.0)])
def test_retry_delay_doubles_with_each_attempt(failed_attempt: int, delay_s: float) -> None:
    assert retry_delay_s(2.0, failed_attempt) == delay_s


def test_an_attempt_returns_the_typed_result() -> None:
    outcome = _execute(_envelope({"steps": 2, "step_s": 0}, attempt=3))
    assert outcome.status is OutcomeStatus.SUCCEEDED
    assert outcome.result == {"steps": 2, "attempt": 3}


@pytest.mark.parametrize(
    ("payload", "transient", "message"),
    [
        ({"steps": 1, "step_s": 0, "fail_permanently": True}, False, "fail permanently"),
        ({"steps": 1, "step_s": 0, "fail_transiently_on_attempts": [1]}, True, "on attempt 1"),
        ({"steps": "many"}, False, "invalid diagnostic job: steps:"),
        ({"steps": 1, "colour": "red"}, False, "invalid diagnostic job: colour:"),
    ],
)
def test_handler_errors_become_typed_failures(
    payload: dict[str, Any], transient: bool, message: str
) -> None:
    outcome = _execute(_envelope(payload))
    assert outcome.status is OutcomeStatus.FAILED and outcome.error is not None
    assert outcome.error.transient is transient
    assert message in outcome.error.message


def test_an_unknown_kind_fails_permanently() -> None:
    outcome = _execute(_envelope({}, kind="teleportation"))
    assert outcome.error is not None and not outcome.error.transient
    assert "teleportation" in outcome.error.message


def test_a_flagged_attempt_stops_before_its_handler_runs() -> None:
    flags = MemoryCancelFlags()
    asyncio.run(flags.request("task-1"))
    assert _execute(_envelope({"steps": 1}), flags).status is OutcomeStatus.CANCELLED


def test_a_spec_without_a_handler_cannot_be_submitted() -> None:
    class Teleport(JobSpec):
        kind = "teleportation"

    with pytest.raises(InvalidInput):
        kind_of(Teleport())
    assert kind_of(DiagnosticSpec()).result.__name__ == "DiagnosticResult"


def test_an_unreachable_redis_makes_ping_raise(tmp_path: Any) -> None:
    queue = make_queue(Settings(redis_url="redis://127.0.0.1:1/0", data_dir=tmp_path))

    async def ping_then_close() -> None:
        try:
            await queue.ping()
        finally:
            await queue.shutdown()

    with pytest.raises(Unavailable, match="Redis is unreachable"):
        asyncio.run(ping_then_close())
