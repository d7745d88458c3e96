"""Job routes: owner scoping, listing with filters, readiness of the queue."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Users
from tests.jobs.conftest import JobsApp
from tests.jobs.helpers import submit_diagnostic, wait_until_finished


def test_another_users_job_is_404_on_every_route(users: Users) -> None:
    alice, bob = users.create("alice"), users.create("bob")
    job = submit_diagnostic(alice.http, steps=1, step_s=0, fail_permanently=True)
    path = f"/api/jobs/{job['id']}"
    assert bob.http.get(path).status_code == 404
    assert bob.http.get(f"{path}/events").status_code == 404
    assert bob.http.post(f"{path}/cancel").status_code == 404
    wait_until_finished(alice.http, job["id"])
    assert bob.http.post(f"{path}/retry").status_code == 404
    assert bob.http.get("/api/jobs").json()["total"] == 0
    assert alice.http.get(path).status_code == 200
    assert alice.http.get("/api/jobs").json()["total"] == 1


def test_unknown_job_is_404(client: TestClient) -> None:
    missing = uuid.uuid4()
    assert client.get(f"/api/jobs/{missing}").status_code == 404
    assert client.post(f"/api/jobs/{missing}/cancel").json()["error"] == "NOT_FOUND"


def test_list_filters_by_kind_and_state_newest_first(client: TestClient) -> None:
    first = submit_diagnostic(client, steps=1, step_s=0)
    second = submit_diagnostic(client, steps=1, step_s=0, fail_permanently=True)
    wait_until_finished(client, first["id"])
    wait_until_finished(client, second["id"])
    everything = client.get("/api/jobs").json()
    assert [job["id"] for job in everything["items"]] == [second["id"], first["id"]]
    assert set(everything) == {"items", "total", "page", "page_size"}
    failed = client.get("/api/jobs", params={"state": "failed"}).json()
    assert [job["id"] for job in failed["items"]] == [second["id"]]
    other_kind = client.get("/api/jobs", params={"kind": "annotation-validation"}).json()
    assert other_kind["total"] == 0
    page = client.get("/api/jobs", params={"kind": "diagnostic", "page": 2, "page_size": 1})
    assert page.json()["total"] == 2
    assert [job["id"] for job in page.json()["items"]] == [first["id"]]
    assert client.get("/api/jobs", params={"state": "stuck"}).status_code == 422


def test_job_json_has_the_core_fields(client: TestClient) -> None:
    job = submit_diagnostic(client, steps=1, step_s=0)
    core = {"id", "kind", "state", "progress", "stage", "result", "error", "attempts"}
    core |= {"created_at", "started_at", "finished_at"}
    assert core <= set(job)
    assert job["kind"] == "diagnostic"


def test_invalid_diagnostic_request_is_422(client: TestClient) -> None:
    response = client.post("/api/jobs/diagnostic", json={"steps": 0})
    assert response.status_code == 422
    assert "steps" in response.json()["message"]


def test_readiness_reports_the_in_memory_queue_ok(client: TestClient) -> None:
    body = client.get("/health/ready").json()
    assert body["checks"]["queue"] == "ok"


@pytest.mark.redis
def test_readiness_reports_the_redis_queue_ok(
    start_app: Callable[..., JobsApp], redis_url: str, queue_prefix: str
) -> None:
    app = start_app(redis_url=redis_url, job_queue_prefix=queue_prefix)
    response = app.http.get("/health/ready")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "queue": "ok"}
