"""Jobs end to end through the API: progress over SSE, retries, failures, cancel and retry."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy import select

from fovea.jobs.broker import stream_name
from fovea.jobs.models import Job
from fovea.jobs.protocol import JobOutcome
from tests.jobs.conftest import JobsApp, WorkerProcess
from tests.jobs.helpers import (
    get_job,
    read_events,
    submit_diagnostic,
    wait_for,
    wait_until_finished,
)


def _assert_completed_with_progress_events(http: TestClient, job_id: str) -> None:
    events = read_events(http, job_id)
    names = [name for name, _ in events]
    assert names[-1] == "completed" and set(names[:-1]) == {"progress"}, names
    percents = [body["progress"] for name, body in events if name == "progress"]
    rising = [p for p in percents if 0 < p < 100]
    assert len(set(rising)) >= 2, percents
    assert percents == sorted(percents)
    final = events[-1][1]
    assert final["state"] == "completed" and final["progress"] == 100
    assert final["result"] == {"steps": 8, "attempt": 1}
    assert final["attempts"] == 1 and final["error"] is None
    assert final["started_at"] is not None and final["finished_at"] is not None


def test_in_memory_job_completes_with_progress_events(client: TestClient) -> None:
    job = submit_diagnostic(client, steps=8, step_s=0.25)
    _assert_completed_with_progress_events(client, job["id"])


@pytest.mark.redis
def test_redis_job_completes_with_progress_events(
    start_app: Callable[..., JobsApp], redis_url: str, queue_prefix: str
) -> None:
    app = start_app(redis_url=redis_url, job_queue_prefix=queue_prefix, run_worker=True)
    job = submit_diagnostic(app.http, steps=8, step_s=0.25)
    _assert_completed_with_progress_events(app.http, job["id"])


def test_transient_failure_is_retried_after_a_backoff_then_completes(
    start_app: Callable[..., JobsApp],
) -> None:
    app = start_app(job_retry_base_delay_s=1.0)
    job = submit_diagnostic(app.http, steps=2, step_s=0.05, fail_transiently_on_attempts=[1])
    waiting = wait_for(
        app.http, job["id"], lambda j: j["next_attempt_at"] is not None, what="the retry wait"
    )
    assert waiting["state"] == "queued" and waiting["attempts"] == 1
    assert "fail on attempt 1 (attempt 1 of 3)" in waiting["error"]
    done = wait_until_finished(app.http, job["id"])
    assert done["state"] == "completed", done
    assert done["attempts"] == 2 and done["result"] == {"steps": 2, "attempt": 2}
    assert done["error"] is None
    waited_s = (_time(done["finished_at"]) - _time(done["created_at"])).total_seconds()
    assert waited_s >= 1.0


def test_permanent_failure_fails_at_once_with_the_message(
    start_app: Callable[..., JobsApp],
) -> None:
    app = start_app()
    job = submit_diagnostic(app.http, steps=3, step_s=0.05, fail_permanently=True)
    done = wait_until_finished(app.http, job["id"])
    assert done["state"] == "failed" and done["attempts"] == 1
    assert done["error"] == "the diagnostic job was told to fail permanently"
    assert done["result"] is None


def test_exhausting_the_attempts_fails_naming_them(start_app: Callable[..., JobsApp]) -> None:
    app = start_app()
    job = submit_diagnostic(
        app.http, steps=1, step_s=0.01, fail_transiently_on_attempts=[1, 2], max_attempts=2
    )
    done = wait_until_finished(app.http, job["id"])
    assert done["state"] == "failed" and done["attempts"] == 2
    assert done["error"] == "the diagnostic job was told to fail on attempt 2 (attempt 2 of 2)"


def test_cancelling_a_running_job_stops_its_handler(start_app: Callable[..., JobsApp]) -> None:
    app = start_app()
    job = submit_diagnostic(app.http, steps=100, step_s=0.05)
    wait_for(app.http, job["id"], lambda j: j["progress"] >= 5, what="progress")
    response = app.http.post(f"/api/jobs/{job['id']}/cancel")
    assert response.status_code == 200, response.text
    assert response.json()["cancel_requested"] is True
    done = wait_for(app.http, job["id"], lambda j: j["state"] == "cancelled", 5, "cancelled")
    assert done["result"] is None and done["progress"] < 100
    assert done["finished_at"] is not None

    task_id = _task_id(app, job["id"])
    stopped = wait_for_outcome(app, task_id)
    assert stopped.outcome.status == "cancelled"
    percent = stopped.progress_percent
    later = wait_for_outcome(app, task_id, settle_s=0.3)
    assert later.progress_percent == percent
    assert get_job(app.http, job["id"])["state"] == "cancelled"


@pytest.mark.redis
def test_cancelling_a_queued_job_cancels_it_at_once_and_its_message_is_dropped(
    start_app: Callable[..., JobsApp],
    redis_url: str,
    queue_prefix: str,
    start_worker: Callable[[], WorkerProcess],
) -> None:
    app = start_app(redis_url=redis_url, job_queue_prefix=queue_prefix)  # no worker yet
    job = submit_diagnostic(app.http, steps=2, step_s=0.05)
    wait_for(app.http, job["id"], lambda j: j["attempts"] == 1, what="the enqueue")
    response = app.http.post(f"/api/jobs/{job['id']}/cancel")
    assert response.status_code == 200
    assert response.json()["state"] == "cancelled"
    start_worker()
    outcome = wait_for_outcome(app, _task_id(app, job["id"]), timeout_s=30)
    assert outcome.outcome.status == "cancelled"
    assert outcome.progress_percent is None  # the handler never ran
    assert get_job(app.http, job["id"])["state"] == "cancelled"


def test_cancelling_or_retrying_a_finished_job_is_409(start_app: Callable[..., JobsApp]) -> None:
    app = start_app()
    job = submit_diagnostic(app.http, steps=1, step_s=0)
    assert wait_until_finished(app.http, job["id"])["state"] == "completed"
    for action in ("cancel", "retry"):
        response = app.http.post(f"/api/jobs/{job['id']}/{action}")
        assert response.status_code == 409, action
        assert response.json()["error"] == "CONFLICT"
    assert get_job(app.http, job["id"])["state"] == "completed"


def test_retrying_a_failed_job_runs_a_new_attempt_to_completion(
    start_app: Callable[..., JobsApp],
) -> None:
    app = start_app()
    job = submit_diagnostic(
        app.http, steps=1, step_s=0.01, fail_transiently_on_attempts=[1], max_attempts=1
    )
    failed = wait_until_finished(app.http, job["id"])
    assert failed["state"] == "failed" and "(attempt 1 of 1)" in failed["error"]
    response = app.http.post(f"/api/jobs/{job['id']}/retry")
    assert response.status_code == 200
    assert response.json()["state"] == "queued" and response.json()["error"] is None
    done = wait_until_finished(app.http, job["id"])
    assert done["state"] == "completed", done
    assert done["attempts"] == 2 and done["result"] == {"steps": 1, "attempt": 2}


def test_cancelled_job_can_be_retried(start_app: Callable[..., JobsApp]) -> None:
    app = start_app()
    job = submit_diagnostic(app.http, steps=100, step_s=0.05)
    wait_for(app.http, job["id"], lambda j: j["state"] == "running", what="running")
    assert app.http.post(f"/api/jobs/{job['id']}/cancel").status_code == 200
    wait_for(app.http, job["id"], lambda j: j["state"] == "cancelled", 5, "cancelled")
    assert app.http.post(f"/api/jobs/{job['id']}/retry").status_code == 200
    running = wait_for(app.http, job["id"], lambda j: j["state"] == "running", what="running")
    assert running["attempts"] == 2 and running["cancel_requested"] is False


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _task_id(app: JobsApp, job_id: str) -> str:
    async def read() -> str | None:
        async with app.state.session_factory() as session:
            return await session.scalar(select(Job.task_id).where(Job.id == job_id))

    task_id = app.call(read)
    assert task_id is not None
    return str(task_id)


@dataclass
class _Seen:
    outcome: JobOutcome
    progress_percent: float | None


def wait_for_outcome(
    app: JobsApp, task_id: str, timeout_s: float = 5.0, settle_s: float = 0.0
) -> _Seen:
    """The attempt's outcome and last progress as the result backend holds them."""
    if settle_s:
        time.sleep(settle_s)
    backend = app.state.jobs.queue.broker.result_backend
    deadline = time.monotonic() + timeout_s
    while True:
        seen = app.call(app.state.jobs.queue.observe, task_id)
        if seen.outcome is not None:
            progress = app.call(backend.get_progress, task_id)
            percent = None if progress is None else progress.meta["percent"]
            return _Seen(seen.outcome, percent)
        assert time.monotonic() < deadline, f"no outcome for task {task_id}"
        time.sleep(0.02)


@pytest.mark.redis
def test_two_api_replicas_enqueue_and_finish_each_job_once(
    start_app: Callable[..., JobsApp], redis_url: str, queue_prefix: str
) -> None:
    shared = {"redis_url": redis_url, "job_queue_prefix": queue_prefix}
    one, two = start_app(**shared, run_worker=True), start_app(**shared)
    jobs = [submit_diagnostic((one, two)[i % 2].http, steps=1, step_s=0) for i in range(20)]
    for job in jobs:
        done = wait_until_finished(one.http, job["id"])
        assert (done["state"], done["attempts"]) == ("completed", 1), done
    client = redis.Redis.from_url(redis_url)
    try:
        assert client.xlen(stream_name(queue_prefix, "diagnostic")) == 20
    finally:
        client.close()
