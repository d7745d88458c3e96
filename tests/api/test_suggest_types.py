"""Type suggestions: a job per request; the suggestions are its result and nothing is stored."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.api.test_summaries import finished_job, job_payload
from tests.conftest import Users
from tests.factories import make_persona, make_type

ROAD_TRAFFIC = (
    "Road traffic at urban intersections: cars, trucks, buses, cyclists and pedestrians; "
    "vehicles turning, stopping at lights, overtaking, near misses and collisions."
)


def suggest(client: TestClient, persona_id: str, body: dict[str, Any] | None) -> dict[str, Any]:
    response = client.post(f"/api/personas/{persona_id}/suggest-types", json=body)
    assert response.status_code == 202, response.text
    assert response.json()["kind"] == "ontology-augmentation"
    return finished_job(client, response.json()["id"])


def type_names(client: TestClient, persona_id: str, kind: str) -> set[str]:
    page = client.get(f"/api/personas/{persona_id}/{kind}-types", params={"page_size": 500})
    return {item["name"] for item in page.json()["items"]}


def test_suggestions_fit_the_domain_kind_and_count_and_skip_existing_types(
    client: TestClient, sync_engine: Engine
) -> None:
    persona_id = make_persona(client, "Traffic analyst")
    for name in ("Car", "Pedestrian"):
        make_type(client, persona_id, "entity", name)
    body = {"domain": ROAD_TRAFFIC, "kind": "entity", "count": 4}
    job = suggest(client, persona_id, body)

    payload = job_payload(sync_engine, job["id"])
    assert (payload["target_kind"], payload["max_suggestions"]) == ("entity", 4)
    assert {t["name"] for t in payload["persona"]["types"]} == {"Car", "Pedestrian"}
    suggestions = job["result"]["suggestions"]
    assert 1 <= len(suggestions) <= 4
    names = [s["name"].casefold() for s in suggestions]
    assert len(set(names)) == len(names)
    assert not set(names) & {"car", "pedestrian"}
    for suggestion in suggestions:
        assert suggestion["kind"] == "entity"
        assert suggestion["description"] and 0 <= suggestion["confidence"] <= 1
    assert type_names(client, persona_id, "entity") == {"Car", "Pedestrian"}  # nothing stored


def test_without_a_body_any_kind_up_to_ten_is_suggested(client: TestClient) -> None:
    persona_id = make_persona(client, "Traffic analyst")
    job = suggest(client, persona_id, None)
    suggestions = job["result"]["suggestions"]
    assert 1 <= len(suggestions) <= 10
    assert {s["kind"] for s in suggestions} <= {"entity", "event", "role", "relation"}


def test_event_suggestions_for_road_traffic(client: TestClient) -> None:
    persona_id = make_persona(client, "Traffic analyst")
    job = suggest(client, persona_id, {"domain": ROAD_TRAFFIC, "kind": "event", "count": 3})
    suggestions = job["result"]["suggestions"]
    assert 1 <= len(suggestions) <= 3
    assert {s["kind"] for s in suggestions} == {"event"}


def test_bad_requests_are_refused(client: TestClient) -> None:
    persona_id = make_persona(client)
    url = f"/api/personas/{persona_id}/suggest-types"
    for bad in ({"count": 0}, {"count": 51}, {"kind": "thing"}, {"domain": "x" * 4001}, {"n": 1}):
        assert client.post(url, json=bad).status_code == 422, bad
    response = client.post(f"/api/personas/{uuid.uuid4()}/suggest-types", json={})
    assert response.status_code == 404
    assert client.get("/api/jobs", params={"kind": "ontology-augmentation"}).json()["total"] == 0


def test_another_users_persona_answers_404(users: Users) -> None:
    alice, bob = users.create("alice"), users.create("bob")
    persona_id = make_persona(alice.http)
    response = bob.http.post(f"/api/personas/{persona_id}/suggest-types", json={})
    assert response.status_code == 404
