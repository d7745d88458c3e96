"""Ontology types over time: deleting one cleans up references; copying a persona copies them."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from tests.api.test_ontology import new_persona, new_type, referencing_table, type_ref, types_path


def test_deleting_a_type_turns_gloss_references_into_its_name(client: TestClient) -> None:
    persona_id = new_persona(client)
    ship = new_type(client, persona_id, name="Ship")
    gloss = [{"kind": "text", "text": "A big "}, type_ref(ship)]
    tanker = new_type(client, persona_id, name="Tanker", gloss=gloss)
    entity = client.post("/api/world/entities", json={"name": "MV X", "description": gloss}).json()
    assert client.delete(types_path(persona_id, "entity", ship["id"])).status_code == 204
    assert client.get(types_path(persona_id, "entity", ship["id"])).status_code == 404
    as_text = [{"kind": "text", "text": "A big "}, {"kind": "text", "text": "Ship"}]
    after = client.get(types_path(persona_id, "entity", tanker["id"])).json()
    assert after["gloss"] == as_text and after["version"] == 2
    assert client.get(f"/api/world/entities/{entity['id']}").json()["description"] == as_text


def test_deleting_a_role_type_removes_it_from_event_role_slots(client: TestClient) -> None:
    persona_id = new_persona(client)
    crew, cargo = (
        new_type(client, persona_id, "role", name="Crew"),
        new_type(client, persona_id, "role", name="Cargo"),
    )
    slots = [{"role_type_id": crew["id"]}, {"role_type_id": cargo["id"]}]
    event = new_type(client, persona_id, "event", roles=slots)
    assert client.delete(types_path(persona_id, "role", crew["id"])).status_code == 204
    after = client.get(types_path(persona_id, "event", event["id"])).json()
    assert [slot["role_type_id"] for slot in after["roles"]] == [cargo["id"]]
    assert after["version"] == 2


def test_deleting_an_event_type_clears_the_parent_of_its_children(client: TestClient) -> None:
    persona_id = new_persona(client)
    movement = new_type(client, persona_id, "event", name="Movement")
    voyage = new_type(client, persona_id, "event", name="Voyage", parent_id=movement["id"])
    assert client.delete(types_path(persona_id, "event", movement["id"])).status_code == 204
    after = client.get(types_path(persona_id, "event", voyage["id"])).json()
    assert after["parent_id"] is None and after["version"] == 2


def test_a_type_still_referenced_elsewhere_is_409_and_nothing_changes(
    client: TestClient, sync_engine: Engine
) -> None:
    persona_id = new_persona(client)
    ship = new_type(client, persona_id, name="Ship")
    tanker = new_type(client, persona_id, name="Tanker", gloss=[type_ref(ship)])
    with referencing_table(sync_engine, "ontology_types") as table:
        with sync_engine.begin() as connection:
            connection.execute(text(f"INSERT INTO {table} VALUES (:id)"), {"id": ship["id"]})
        response = client.delete(types_path(persona_id, "entity", ship["id"]))
        assert response.status_code == 409, response.text
        assert table in response.json()["message"]
    assert client.get(types_path(persona_id, "entity", ship["id"])).status_code == 200
    assert client.get(types_path(persona_id, "entity", tanker["id"])).json() == tanker


def test_copying_a_persona_copies_its_types_and_remaps_references(client: TestClient) -> None:
    persona_id = new_persona(client)
    role = new_type(client, persona_id, "role", name="Crew")
    parent = new_type(client, persona_id, "event", name="Movement")
    event = new_type(
        client, persona_id, "event", name="Voyage", parent_id=parent["id"],
        roles=[{"role_type_id": role["id"], "max_occurrences": 9}],
        gloss=[{"kind": "text", "text": "Moved by "}, type_ref(role)],
    )  # fmt: skip
    copy = client.post(f"/api/personas/{persona_id}/copy", json={}).json()
    copied = {
        item["name"]: item for kind in ("role", "event")
        for item in client.get(types_path(copy["id"], kind)).json()["items"]
    }  # fmt: skip
    assert set(copied) == {"Crew", "Movement", "Voyage"}
    voyage, crew = copied["Voyage"], copied["Crew"]
    assert {voyage["id"], crew["id"]}.isdisjoint({event["id"], role["id"]})
    assert voyage["persona_id"] == copy["id"]
    assert voyage["roles"] == [{**event["roles"][0], "role_type_id": crew["id"]}]
    assert voyage["parent_id"] == copied["Movement"]["id"]
    assert voyage["gloss"][1] == {"kind": "type", "id": crew["id"], "type_kind": "role"}
    assert client.get(types_path(persona_id, "event", event["id"])).json() == event


def test_the_persona_deletion_preview_counts_its_types_per_kind(client: TestClient) -> None:
    persona_id = new_persona(client)
    for name in ("Ship", "Port"):
        new_type(client, persona_id, name=name)
    new_type(client, persona_id, "role")
    removes = client.get(f"/api/personas/{persona_id}/deletion-preview").json()["removes"]
    assert removes["entity ontology_types"] == 2
    assert removes["role ontology_types"] == 1
    assert "event ontology_types" not in removes
    assert client.delete(f"/api/personas/{persona_id}").status_code == 204
    assert client.get(types_path(persona_id, "entity")).status_code == 404
