"""Gloss references over the real API: checked on every write, detached when the target goes."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_ontology import new_persona, new_type, type_ref, types_path
from tests.api.test_world import new_object, object_ref, path


def _post_entity_type(client: TestClient, persona_id: str, gloss: Any) -> Any:
    return client.post(types_path(persona_id, "entity"), json={"name": "Port", "gloss": gloss})


@pytest.mark.parametrize(
    "reference",
    [
        {"kind": "type", "id": str(uuid.uuid4()), "type_kind": "entity"},
        {"kind": "object", "id": str(uuid.uuid4()), "object_kind": "entity"},
        {"kind": "annotation", "id": str(uuid.uuid4())},
        {"kind": "claim", "id": str(uuid.uuid4())},
    ],
)
def test_a_reference_to_nothing_is_422_naming_the_part(
    client: TestClient, reference: dict[str, str]
) -> None:
    persona_id = new_persona(client)
    gloss = [{"kind": "text", "text": "Near "}, reference]
    response = _post_entity_type(client, persona_id, gloss)
    assert response.status_code == 422, response.text
    assert "gloss[1]" in response.json()["message"]
    assert response.json()["details"] == {"field": "gloss[1]"}
    described = client.post(path("entity"), json={"name": "x", "description": gloss})
    assert described.status_code == 422 and "description[1]" in described.json()["message"]


def test_a_reference_must_state_the_kind_of_its_target(client: TestClient) -> None:
    persona_id = new_persona(client)
    role = new_type(client, persona_id, "role")
    kiel = new_object(client, "location")
    as_entity_type = {"kind": "type", "id": role["id"], "type_kind": "entity"}
    response = _post_entity_type(client, persona_id, [as_entity_type])
    assert response.status_code == 422 and "role type" in response.json()["message"]
    as_entity = {"kind": "object", "id": kiel["id"], "object_kind": "entity"}
    response = _post_entity_type(client, persona_id, [as_entity])
    assert response.status_code == 422 and "location" in response.json()["message"]
    assert (
        _post_entity_type(client, persona_id, [type_ref(role), object_ref(kiel)]).status_code == 201
    )


def test_a_type_of_another_persona_of_yours_may_be_referenced(client: TestClient) -> None:
    other = new_type(client, new_persona(client, "Other"), name="Harbour")
    created = _post_entity_type(client, new_persona(client), [type_ref(other)])
    assert created.status_code == 201 and created.json()["gloss"] == [type_ref(other)]


def test_edits_are_checked_too(client: TestClient) -> None:
    persona_id = new_persona(client)
    port = new_type(client, persona_id, name="Port")
    bad = [{"kind": "object", "id": str(uuid.uuid4()), "object_kind": "time"}]
    response = client.patch(
        types_path(persona_id, "entity", port["id"]), json={"version": 1, "gloss": bad}
    )
    assert response.status_code == 422 and "gloss[0]" in response.json()["message"]
    kiel = new_object(client)
    response = client.patch(path("entity", kiel["id"]), json={"version": 1, "description": bad})
    assert response.status_code == 422 and "description[0]" in response.json()["message"]


def test_detaching_rewrites_every_reference_and_bumps_each_row_once(client: TestClient) -> None:
    persona_id = new_persona(client)
    kiel = new_object(client, name="Kiel")
    keep = new_object(client, name="Lübeck")
    gloss = [object_ref(kiel), {"kind": "text", "text": " or "}, object_ref(keep), object_ref(kiel)]
    port = new_type(client, persona_id, name="Port", gloss=gloss)
    assert client.delete(path("entity", kiel["id"])).status_code == 204
    after = client.get(types_path(persona_id, "entity", port["id"])).json()
    kiel_text = {"kind": "text", "text": "Kiel"}
    assert after["gloss"] == [kiel_text, gloss[1], object_ref(keep), kiel_text]
    assert after["version"] == 2


def test_the_openapi_schema_accepts_a_string_or_parts(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    gloss = schemas["EntityTypeCreate"]["properties"]["gloss"]
    variants = gloss["anyOf"]
    assert {"type": "string"} in variants
    assert any(variant.get("type") == "array" for variant in variants)
    assert set(schemas["EntityTypeRead"]["properties"]["gloss"]["items"]["oneOf"][0]) == {"$ref"}
