"""Deleting world objects leaves nothing dangling, or is refused and changes nothing."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from tests.api.test_ontology import new_persona, new_type, referencing_table, types_path
from tests.api.test_world import new_object, object_ref, path
from tests.api.test_world_readings import interpretation_setup


def test_deleting_an_object_turns_gloss_references_into_its_name(client: TestClient) -> None:
    kiel = new_object(client, name="Kiel")
    persona_id = new_persona(client)
    port_type = new_type(
        client, persona_id, name="Port", gloss=[{"kind": "text", "text": "Like "}, object_ref(kiel)]
    )
    ship = new_object(
        client, name="Ship", description=[object_ref(kiel), {"kind": "text", "text": " based"}]
    )
    assert client.delete(path("entity", kiel["id"])).status_code == 204
    assert client.get(path("entity", kiel["id"])).status_code == 404
    after_type = client.get(types_path(persona_id, "entity", port_type["id"])).json()
    assert after_type["gloss"] == [
        {"kind": "text", "text": "Like "},
        {"kind": "text", "text": "Kiel"},
    ]
    after_ship = client.get(path("entity", ship["id"])).json()
    assert after_ship["description"][0] == {"kind": "text", "text": "Kiel"}
    assert after_ship["version"] == 2


def test_deleting_an_object_removes_it_from_collections_events_and_interpretations(
    client: TestClient,
) -> None:
    setup = interpretation_setup(client)
    sailor, place, time = (
        setup["sailor"],
        new_object(client, "location"),
        new_object(client, "time"),
    )
    other = new_object(client, name="Other")
    crew = new_object(
        client,
        "collection",
        attributes={"collection_kind": "entity", "member_ids": [sailor["id"], other["id"]]},
    )
    event = new_object(
        client,
        "event",
        attributes={"time_id": time["id"], "location_id": place["id"]},
        interpretations=[setup["reading"]],
    )
    for kind, row in (("entity", sailor), ("location", place), ("time", time)):
        assert client.delete(path(kind, row["id"])).status_code == 204
    after_crew = client.get(path("collection", crew["id"])).json()
    assert after_crew["attributes"]["member_ids"] == [other["id"]] and after_crew["version"] == 2
    after_event = client.get(path("event", event["id"])).json()
    assert after_event["attributes"]["time_id"] is None
    assert after_event["attributes"]["location_id"] is None
    assert after_event["interpretations"][0]["participants"] == []
    assert after_event["version"] == 4


def test_an_object_still_referenced_elsewhere_is_409_and_nothing_changes(
    client: TestClient, sync_engine: Engine
) -> None:
    kiel = new_object(client, name="Kiel")
    ship = new_object(client, name="Ship", description=[object_ref(kiel)])
    fleet = new_object(
        client, "collection", attributes={"collection_kind": "entity", "member_ids": [kiel["id"]]}
    )
    with referencing_table(sync_engine, "world_objects") as table:
        with sync_engine.begin() as connection:
            connection.execute(text(f"INSERT INTO {table} VALUES (:id)"), {"id": kiel["id"]})
        response = client.delete(path("entity", kiel["id"]))
        assert response.status_code == 409 and table in response.json()["message"]
    assert client.get(path("entity", kiel["id"])).status_code == 200
    assert client.get(path("entity", ship["id"])).json() == ship
    assert client.get(path("collection", fleet["id"])).json() == fleet
