"""Per-persona readings of world objects: type assignments and event interpretations."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient

from tests.api.test_ontology import new_persona, new_type, types_path
from tests.api.test_world import new_object, path


def test_type_assignments_name_a_fitting_type_of_the_stated_persona(client: TestClient) -> None:
    persona_id, other = new_persona(client), new_persona(client, "Other")
    ship_type = new_type(client, persona_id, name="Ship")
    assignment = {
        "persona_id": persona_id,
        "type_id": ship_type["id"],
        "confidence": 0.9,
        "justification": "hull",
    }
    ship = new_object(client, type_assignments=[assignment])
    assert ship["type_assignments"] == [assignment]
    port = new_object(client, "location", type_assignments=[{**assignment, "confidence": None}])
    assert port["type_assignments"][0]["type_id"] == ship_type["id"]
    wrong = [
        ({"type_id": str(uuid.uuid4())}, "type_assignments[0].type_id"),
        ({"type_id": new_type(client, persona_id, "event")["id"]}, "type_assignments[0].type_id"),
        ({"persona_id": other}, "type_assignments[0].type_id"),
        ({"persona_id": str(uuid.uuid4())}, "type_assignments[0].persona_id"),
        ({"confidence": 1.5}, "confidence"),
    ]
    for change, expected in wrong:
        response = client.post(
            path("entity"), json={"name": "x", "type_assignments": [{**assignment, **change}]}
        )
        assert response.status_code == 422, response.text
        assert expected in response.json()["message"]
    twice = {"name": "x", "type_assignments": [assignment, assignment]}
    assert client.post(path("entity"), json=twice).status_code == 422


def test_events_take_event_types_and_time_collections_take_none(client: TestClient) -> None:
    persona_id = new_persona(client)
    voyage = new_type(client, persona_id, "event", name="Voyage")
    assigned = [{"persona_id": persona_id, "type_id": voyage["id"]}]
    assert (
        new_object(client, "event", type_assignments=assigned)["type_assignments"][0]["type_id"]
        == voyage["id"]
    )
    convoy = new_object(
        client, "collection", attributes={"collection_kind": "event"}, type_assignments=assigned
    )
    assert len(convoy["type_assignments"]) == 1
    body = {"name": "x", "attributes": {"collection_kind": "time"}, "type_assignments": assigned}
    response = client.post(path("collection"), json=body)
    assert response.status_code == 422 and "type_assignments" in response.json()["message"]
    entity_collection = {**body, "attributes": {"collection_kind": "entity"}}
    assert client.post(path("collection"), json=entity_collection).status_code == 422


def interpretation_setup(client: TestClient) -> dict[str, Any]:
    persona_id = new_persona(client)
    crew = new_type(client, persona_id, "role", name="Crew", allowed_fillers=["entity"])
    voyage = new_type(
        client, persona_id, "event", name="Voyage", roles=[{"role_type_id": crew["id"]}]
    )
    sailor = new_object(client, name="Sailor")
    participant = {"object_id": sailor["id"], "role_type_id": crew["id"]}
    reading = {
        "persona_id": persona_id, "event_type_id": voyage["id"], "confidence": 0.7,
        "justification": "seen", "participants": [participant],
    }  # fmt: skip
    return {
        "persona": persona_id,
        "crew": crew,
        "voyage": voyage,
        "sailor": sailor,
        "reading": reading,
    }


def test_an_event_keeps_its_interpretations_per_persona(client: TestClient) -> None:
    setup = interpretation_setup(client)
    event = new_object(client, "event", interpretations=[setup["reading"]])
    assert event["interpretations"] == [setup["reading"]]
    assert client.get(path("event", event["id"])).json()["interpretations"] == [setup["reading"]]


def test_interpretations_are_checked_against_the_personas_types(client: TestClient) -> None:
    setup = interpretation_setup(client)
    reading, crew, sailor = setup["reading"], setup["crew"], setup["sailor"]
    other_event = new_object(client, "event")
    wrong = [
        ({"event_type_id": crew["id"]}, "interpretations[0].event_type_id"),
        ({"persona_id": new_persona(client, "Other")}, "event_type_id"),
        (
            {"participants": [{"object_id": sailor["id"], "role_type_id": setup["voyage"]["id"]}]},
            "participants[0].role_type_id",
        ),
        (
            {"participants": [{"object_id": str(uuid.uuid4()), "role_type_id": crew["id"]}]},
            "participants[0].object_id",
        ),
        (
            {"participants": [{"object_id": other_event["id"], "role_type_id": crew["id"]}]},
            "cannot fill",
        ),
    ]
    for change, expected in wrong:
        body = {"name": "x", "interpretations": [{**reading, **change}]}
        response = client.post(path("event"), json=body)
        assert response.status_code == 422, response.text
        assert expected in response.json()["message"]
    twice = {"name": "x", "interpretations": [reading, reading]}
    assert client.post(path("event"), json=twice).status_code == 422
    entity = {"name": "x", "interpretations": [reading]}
    assert client.post(path("entity"), json=entity).status_code == 422


def test_list_filters_by_persona_and_type(client: TestClient) -> None:
    persona_id, other = new_persona(client), new_persona(client, "Other")
    ship, port = (
        new_type(client, persona_id, name="Ship"),
        new_type(client, persona_id, name="Port"),
    )
    other_ship = new_type(client, other, name="Ship")
    new_object(
        client, name="A", type_assignments=[{"persona_id": persona_id, "type_id": ship["id"]}]
    )
    new_object(
        client, name="B", type_assignments=[{"persona_id": persona_id, "type_id": port["id"]}]
    )
    new_object(
        client, name="C", type_assignments=[{"persona_id": other, "type_id": other_ship["id"]}]
    )
    new_object(client, name="D")

    def names(**params: str) -> list[str]:
        return [item["name"] for item in client.get(path("entity"), params=params).json()["items"]]

    assert names(persona_id=persona_id) == ["A", "B"]
    assert names(type_id=ship["id"]) == ["A"]
    assert names(persona_id=other, type_id=ship["id"]) == []
    setup = interpretation_setup(client)
    new_object(client, "event", name="E", interpretations=[setup["reading"]])
    assert [
        i["name"]
        for i in client.get(path("event"), params={"type_id": setup["voyage"]["id"]}).json()[
            "items"
        ]
    ] == ["E"]


def test_changing_a_collections_kind_rechecks_its_assignments(client: TestClient) -> None:
    persona_id = new_persona(client)
    fleet_type = new_type(client, persona_id, name="Fleet")
    fleet = new_object(
        client,
        "collection",
        type_assignments=[{"persona_id": persona_id, "type_id": fleet_type["id"]}],
    )
    to_events = {"version": 1, "attributes": {"collection_kind": "event"}}
    response = client.patch(path("collection", fleet["id"]), json=to_events)
    assert response.status_code == 422 and "type_assignments" in response.json()["message"]
    dropped = client.patch(
        path("collection", fleet["id"]), json={**to_events, "type_assignments": []}
    )
    assert dropped.status_code == 200 and dropped.json()["attributes"]["collection_kind"] == "event"


def test_deleting_a_type_removes_its_assignments_and_interpretations(client: TestClient) -> None:
    setup = interpretation_setup(client)
    persona_id, voyage, crew = setup["persona"], setup["voyage"], setup["crew"]
    event = new_object(
        client,
        "event",
        interpretations=[setup["reading"]],
        type_assignments=[{"persona_id": persona_id, "type_id": voyage["id"]}],
    )
    assert client.delete(types_path(persona_id, "role", crew["id"])).status_code == 204
    after = client.get(path("event", event["id"])).json()
    assert after["interpretations"][0]["participants"] == [] and after["version"] == 2
    assert client.delete(types_path(persona_id, "event", voyage["id"])).status_code == 204
    after = client.get(path("event", event["id"])).json()
    assert after["interpretations"] == [] and after["type_assignments"] == []
    assert after["version"] == 3


def test_deleting_the_persona_removes_its_readings(client: TestClient) -> None:
    setup = interpretation_setup(client)
    event = new_object(client, "event", interpretations=[setup["reading"]])
    removes = client.get(f"/api/personas/{setup['persona']}/deletion-preview").json()["removes"]
    assert removes["event_interpretations"] == 1
    assert client.delete(f"/api/personas/{setup['persona']}").status_code == 204
    assert client.get(path("event", event["id"])).json()["interpretations"] == []
