"""A real `fovea worker` process killed mid-job: the job is retried or failed, never lost."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Callable

import pytest

from tests.jobs.conftest import JobsApp, WorkerProcess
from tests.jobs.helpers import submit_diagnostic, wait_for, wait_until_finished

pytestmark = pytest.mark.redis


def _kill_mid_job(app: JobsApp, worker: WorkerProcess, job_id: str) -> None:
    try:
        wait_for(app.http, job_id, lambda j: j["progress"] >= 10, 30, "the worker's progress")
    except AssertionError:
        print(worker.log())
        raise
    worker.process.send_signal(signal.SIGKILL)
    assert _exit_status(worker) == -signal.SIGKILL


def _exit_status(worker: WorkerProcess, timeout_s: float = 20) -> int:
    try:
        return worker.process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"the worker did not exit:\n{worker.log()}") from None


def _wait_for_log(worker: WorkerProcess, text: str, timeout_s: float = 20) -> None:
    deadline = time.monotonic() + timeout_s
    while text not in worker.log():
        assert time.monotonic() < deadline, worker.log()
        time.sleep(0.02)


def test_job_of_a_killed_worker_is_retried_on_another_worker(
    start_app: Callable[..., JobsApp],
    redis_url: str,
    queue_prefix: str,
    start_worker: Callable[[], WorkerProcess],
) -> None:
    app = start_app(redis_url=redis_url, job_queue_prefix=queue_prefix, job_max_attempts=2)
    first = start_worker()
    job = submit_diagnostic(app.http, steps=20, step_s=0.1)
    _kill_mid_job(app, first, job["id"])
    second = start_worker()
    retried = wait_for(app.http, job["id"], lambda j: j["attempts"] == 2, 15, "a second attempt")
    assert retried["error"] == "the worker stopped responding (attempt 1 of 2)"
    done = wait_until_finished(app.http, job["id"], timeout_s=30)
    assert done["state"] == "completed", (done, second.log())
    assert done["result"] == {"steps": 20, "attempt": 2} and done["error"] is None


def test_job_of_a_killed_worker_without_attempts_left_fails_naming_the_reason(
    start_app: Callable[..., JobsApp],
    redis_url: str,
    queue_prefix: str,
    start_worker: Callable[[], WorkerProcess],
) -> None:
    app = start_app(redis_url=redis_url, job_queue_prefix=queue_prefix, job_max_attempts=1)
    worker = start_worker()
    job = submit_diagnostic(app.http, steps=50, step_s=0.1)
    _kill_mid_job(app, worker, job["id"])
    done = wait_until_finished(app.http, job["id"], timeout_s=10)
    assert done["state"] == "failed"
    assert done["error"] == "the worker stopped responding (attempt 1 of 1)"
    assert done["attempts"] == 1 and done["finished_at"] is not None


def test_a_stopped_worker_hands_its_running_job_back_for_a_retry(
    start_app: Callable[..., JobsApp],
    redis_url: str,
    queue_prefix: str,
    start_worker: Callable[[], WorkerProcess],
) -> None:
    app = start_app(redis_url=redis_url, job_queue_prefix=queue_prefix, job_max_attempts=2)
    worker = start_worker()
    job = submit_diagnostic(app.http, steps=400, step_s=0.1)
    wait_for(app.http, job["id"], lambda j: j["progress"] >= 1, 30, "the worker's progress")
    worker.process.send_signal(signal.SIGTERM)
    _wait_for_log(worker, "stopping: no new jobs")
    worker.process.send_signal(signal.SIGTERM)  # a second signal: stop the running job now
    assert _exit_status(worker) == 0, worker.log()
    retried = wait_for(app.http, job["id"], lambda j: j["attempts"] == 2, 15, "a second attempt")
    assert retried["error"] == "the worker shut down during the attempt (attempt 1 of 2)"
