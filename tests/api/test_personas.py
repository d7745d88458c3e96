"""Personas over the real API and the embedded PostgreSQL."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from tests.conftest import Users

ANALYST = {"name": "Maritime analyst", "role": "Analyst", "information_need": "Ship movements"}


def create_persona(client: TestClient, **overrides: object) -> dict[str, object]:
    response = client.post("/api/personas", json={**ANALYST, **overrides})
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def test_create_then_get_returns_the_stored_persona(client: TestClient) -> None:
    created = create_persona(client, details="Baltic only")
    fetched = client.get(f"/api/personas/{created['id']}").json()
    assert fetched["name"] == "Maritime analyst"
    assert fetched["details"] == "Baltic only"
    assert fetched["version"] == 1


def test_list_is_paginated_with_total(client: TestClient) -> None:
    for index in range(3):
        create_persona(client, name=f"Persona {index}")
    body = client.get("/api/personas", params={"page": 2, "page_size": 2}).json()
    assert body["total"] == 3
    assert body["page"] == 2
    assert [item["name"] for item in body["items"]] == ["Persona 2"]


def test_missing_field_is_422_naming_the_field(client: TestClient) -> None:
    response = client.post("/api/personas", json={"name": "x", "role": "y"})
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "INVALID_INPUT"
    assert "information_need" in body["message"]


def test_wrong_type_and_blank_name_are_422(client: TestClient) -> None:
    assert client.post("/api/personas", json={**ANALYST, "name": 5}).status_code == 422
    assert client.post("/api/personas", json={**ANALYST, "name": "   "}).status_code == 422


def test_unknown_persona_is_404_with_error_shape(client: TestClient) -> None:
    response = client.get(f"/api/personas/{uuid.uuid4()}")
    assert response.status_code == 404
    assert response.json()["error"] == "NOT_FOUND"


def test_create_with_client_id_is_idempotent(client: TestClient) -> None:
    persona_id = str(uuid.uuid4())
    first = client.post("/api/personas", json={**ANALYST, "id": persona_id})
    again = client.post("/api/personas", json={**ANALYST, "id": persona_id, "name": "Other"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["name"] == "Maritime analyst"
    assert client.get("/api/personas").json()["total"] == 1


def test_patch_with_stale_version_is_409_and_changes_nothing(client: TestClient) -> None:
    persona = create_persona(client)
    ok = client.patch(f"/api/personas/{persona['id']}", json={"version": 1, "name": "Renamed"})
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.patch(f"/api/personas/{persona['id']}", json={"version": 1, "name": "Lost"})
    assert stale.status_code == 409
    assert stale.json()["details"] == {"current_version": 2}
    assert client.get(f"/api/personas/{persona['id']}").json()["name"] == "Renamed"


def test_patch_cannot_blank_a_required_field(client: TestClient) -> None:
    persona = create_persona(client)
    response = client.patch(f"/api/personas/{persona['id']}", json={"version": 1, "role": None})
    assert response.status_code == 422


def test_delete_removes_the_persona(client: TestClient) -> None:
    persona = create_persona(client)
    assert client.delete(f"/api/personas/{persona['id']}").status_code == 204
    assert client.get(f"/api/personas/{persona['id']}").status_code == 404
    assert client.delete(f"/api/personas/{persona['id']}").status_code == 404


def test_copy_creates_a_new_persona_with_the_same_fields(client: TestClient) -> None:
    persona = create_persona(client)
    copy = client.post(f"/api/personas/{persona['id']}/copy", json={})
    assert copy.status_code == 201
    assert copy.json()["id"] != persona["id"]
    assert copy.json()["name"] == "Maritime analyst (copy)"
    assert copy.json()["information_need"] == "Ship movements"


def test_another_users_persona_is_404_everywhere(users: Users) -> None:
    alice, bob = users.create("alice"), users.create("bob")
    persona = create_persona(alice.http)
    path = f"/api/personas/{persona['id']}"
    assert bob.http.get(path).status_code == 404
    assert bob.http.patch(path, json={"version": 1, "name": "x"}).status_code == 404
    assert bob.http.delete(path).status_code == 404
    assert bob.http.post(f"{path}/copy", json={}).status_code == 404
    assert bob.http.get(f"{path}/deletion-preview").status_code == 404
    assert bob.http.get("/api/personas").json()["total"] == 0
    assert alice.http.get(path).status_code == 200


def test_reusing_another_users_id_is_a_conflict_not_a_takeover(users: Users) -> None:
    alice, bob = users.create("alice"), users.create("bob")
    persona = create_persona(alice.http)
    response = bob.http.post("/api/personas", json={**ANALYST, "id": persona["id"]})
    assert response.status_code == 409
    assert alice.http.get(f"/api/personas/{persona['id']}").json()["name"] == ANALYST["name"]


def test_without_a_token_multi_user_mode_answers_401(users: Users) -> None:
    response = users.anonymous.get("/api/personas")
    assert response.status_code == 401
    assert response.json()["error"] == "UNAUTHENTICATED"
