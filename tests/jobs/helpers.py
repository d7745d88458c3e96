"""Driving jobs through the HTTP API: submit, poll with a deadline, read the SSE stream."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

TERMINAL = {"completed", "failed", "cancelled"}
Job = dict[str, Any]


def submit_diagnostic(http: TestClient, **spec: Any) -> Job:
    response = http.post("/api/jobs/diagnostic", json=spec)
    assert response.status_code == 201, response.text
    job: Job = response.json()
    assert job["state"] == "queued" and job["progress"] == 0
    return job


def get_job(http: TestClient, job_id: str) -> Job:
    response = http.get(f"/api/jobs/{job_id}")
    assert response.status_code == 200, response.text
    job: Job = response.json()
    return job


def wait_for(
    http: TestClient,
    job_id: str,
    condition: Callable[[Job], bool],
    timeout_s: float = 20.0,
    what: str = "the condition",
) -> Job:
    """Poll the job every 20 ms until ``condition`` holds; fail with the last state seen."""
    deadline = time.monotonic() + timeout_s
    while True:
        job = get_job(http, job_id)
        if condition(job):
            return job
        assert time.monotonic() < deadline, (
            f"timed out after {timeout_s} s waiting for {what}: {job}"
        )
        time.sleep(0.02)


def wait_until_finished(http: TestClient, job_id: str, timeout_s: float = 20.0) -> Job:
    return wait_for(http, job_id, lambda job: job["state"] in TERMINAL, timeout_s, "the end")


def read_events(http: TestClient, job_id: str) -> list[tuple[str, Job]]:
    """Every event of ``GET /api/jobs/{id}/events`` as (event name, job JSON) until it closes."""
    events: list[tuple[str, Job]] = []
    with http.stream("GET", f"/api/jobs/{job_id}/events") as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        name, data = "message", []
        for line in response.iter_lines():
            if line == "":
                if data:
                    events.append((name, json.loads("\n".join(data))))
                name, data = "message", []
            elif not line.startswith(":"):
                field, _, value = line.partition(":")
                value = value.removeprefix(" ")
                if field == "event":
                    name = value
                elif field == "data":
                    data.append(value)
    return events
