"""Ontology types over the real API: four kinds, referential rules, deletion cleanup, copying."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from tests.conftest import Users

KIND_FIELDS: dict[str, dict[str, Any]] = {
    "entity": {},
    "event": {},
    "role": {"allowed_fillers": ["entity"]},
    "relation": {"source_kinds": ["entity"], "target_kinds": ["entity", "claim"]},
}


def new_persona(client: TestClient, name: str = "Maritime analyst") -> str:
    body = {"name": name, "role": "Analyst", "information_need": "Ship movements"}
    response = client.post("/api/personas", json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def types_path(persona_id: str, kind: str, type_id: str | None = None) -> str:
    path = f"/api/personas/{persona_id}/{kind}-types"
    return f"{path}/{type_id}" if type_id else path


def new_type(
    client: TestClient, persona_id: str, kind: str = "entity", **body: Any
) -> dict[str, Any]:
    payload = {"name": f"{kind} type", "gloss": f"A {kind}.", **KIND_FIELDS[kind], **body}
    response = client.post(types_path(persona_id, kind), json=payload)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def type_ref(row: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "type", "id": row["id"], "type_kind": row["kind"]}


@contextmanager
def referencing_table(engine: Engine, target: str) -> Iterator[str]:
    """A throwaway table with a NO ACTION foreign key to ``target``, like annotations have."""
    name = f"test_refs_{uuid.uuid4().hex[:8]}"
    with engine.begin() as connection:
        connection.execute(text(f"CREATE TABLE {name} (ref uuid REFERENCES {target}(id))"))
    try:
        yield name
    finally:
        with engine.begin() as connection:
            connection.execute(text(f"DROP TABLE {name}"))


@pytest.mark.parametrize("kind", list(KIND_FIELDS))
def test_create_then_get_returns_the_stored_type_of_each_kind(
    client: TestClient, kind: str
) -> None:
    persona_id = new_persona(client)
    created = new_type(
        client, persona_id, kind, name="Vessel", examples=["MV Example"], wikidata_id="Q11446",
        wikidata_url="https://www.wikidata.org/wiki/Q11446",
    )  # fmt: skip
    fetched = client.get(types_path(persona_id, kind, created["id"])).json()
    assert fetched == created
    assert fetched["kind"] == kind and fetched["persona_id"] == persona_id
    assert fetched["examples"] == ["MV Example"] and fetched["wikidata_id"] == "Q11446"
    assert fetched["version"] == 1


def test_kind_fields_are_stored_and_returned(client: TestClient) -> None:
    persona_id = new_persona(client)
    role = new_type(client, persona_id, "role", allowed_fillers=["entity", "event", "entity"])
    assert role["allowed_fillers"] == ["entity", "event"]
    slot = {
        "role_type_id": role["id"],
        "optional": True,
        "min_occurrences": 0,
        "max_occurrences": 2,
    }
    event = new_type(client, persona_id, "event", roles=[slot])
    assert event["roles"] == [slot] and event["parent_id"] is None
    relation = new_type(client, persona_id, "relation", symmetric=True)
    assert relation["symmetric"] is True and relation["transitive"] is False
    assert relation["target_kinds"] == ["entity", "claim"]


def test_a_plain_string_gloss_is_stored_as_one_text_part(client: TestClient) -> None:
    persona_id = new_persona(client)
    created = new_type(client, persona_id, gloss="A vessel at sea.")
    assert created["gloss"] == [{"kind": "text", "text": "A vessel at sea."}]
    parts = [{"kind": "text", "text": "Like "}, type_ref(created)]
    assert new_type(client, persona_id, name="Boat", gloss=parts)["gloss"] == parts


def test_list_searches_names_in_any_case_within_one_kind_and_paginates(client: TestClient) -> None:
    persona_id = new_persona(client)
    for name in ("Cargo ship", "Tanker", "Fishing SHIP"):
        new_type(client, persona_id, name=name)
    new_type(client, persona_id, "event", name="Ship arrival")
    found = client.get(types_path(persona_id, "entity"), params={"q": "ship"}).json()
    assert [item["name"] for item in found["items"]] == ["Cargo ship", "Fishing SHIP"]
    page = client.get(types_path(persona_id, "entity"), params={"page": 2, "page_size": 2}).json()
    assert page["total"] == 3 and [item["name"] for item in page["items"]] == ["Tanker"]
    assert client.get(types_path(persona_id, "event")).json()["total"] == 1


def test_an_unknown_persona_or_type_is_404(client: TestClient) -> None:
    missing = str(uuid.uuid4())
    assert client.get(types_path(missing, "entity")).status_code == 404
    assert (
        client.post(types_path(missing, "entity"), json={"name": "x", "gloss": ""}).status_code
        == 404
    )
    persona_id = new_persona(client)
    response = client.get(types_path(persona_id, "role", missing))
    assert response.status_code == 404 and response.json()["error"] == "NOT_FOUND"
    assert client.delete(types_path(persona_id, "role", missing)).status_code == 404


def test_a_type_at_the_path_of_another_kind_or_persona_is_404(client: TestClient) -> None:
    persona_id, other = new_persona(client), new_persona(client, "Other")
    entity = new_type(client, persona_id)
    assert client.get(types_path(persona_id, "event", entity["id"])).status_code == 404
    assert client.get(types_path(other, "entity", entity["id"])).status_code == 404
    stale = {"version": 1, "name": "x"}
    assert client.patch(types_path(other, "entity", entity["id"]), json=stale).status_code == 404
    assert client.delete(types_path(persona_id, "role", entity["id"])).status_code == 404
    assert (
        client.get(types_path(persona_id, "entity", entity["id"])).json()["name"] == "entity type"
    )


@pytest.mark.parametrize(
    ("kind", "change", "expected"),
    [
        ("entity", {"name": None}, "name"),
        ("entity", {"name": "  "}, "name"),
        ("entity", {"gloss": 5}, "gloss"),
        ("entity", {"gloss": [{"kind": "bold", "text": "x"}]}, "gloss"),
        ("entity", {"gloss": [{"kind": "type", "id": str(uuid.uuid4())}]}, "type_kind"),
        ("entity", {"wikidata_id": "Z42"}, "wikidata_id"),
        ("entity", {"wikidata_url": "not a url"}, "wikidata_url"),
        ("entity", {"examples": "one"}, "examples"),
        ("entity", {"colour": "red"}, "colour"),
        ("role", {"allowed_fillers": []}, "allowed_fillers"),
        ("role", {"allowed_fillers": ["time"]}, "allowed_fillers"),
        ("relation", {"source_kinds": ["place"]}, "source_kinds"),
        ("relation", {"target_kinds": []}, "target_kinds"),
        ("relation", {"symmetric": "often"}, "symmetric"),
        ("event", {"roles": [{"role_type_id": "nope"}]}, "role_type_id"),
        ("event", {"roles": [{"role_type_id": str(uuid.uuid4()), "min_occurrences": -1}]}, "min"),
        ("entity", {"roles": []}, "roles"),  # a kind field of another kind
    ],
)
def test_bad_input_is_422_naming_the_field(
    client: TestClient, kind: str, change: dict[str, Any], expected: str
) -> None:
    persona_id = new_persona(client)
    body = {"name": "Vessel", "gloss": "", **KIND_FIELDS[kind], **change}
    response = client.post(types_path(persona_id, kind), json=body)
    assert response.status_code == 422, response.text
    assert response.json()["error"] == "INVALID_INPUT"
    assert expected in response.json()["message"]


def test_missing_required_fields_are_422(client: TestClient) -> None:
    persona_id = new_persona(client)
    assert client.post(types_path(persona_id, "entity"), json={"gloss": ""}).status_code == 422
    assert client.post(types_path(persona_id, "entity"), json={"name": "x"}).status_code == 422
    missing_fillers = client.post(types_path(persona_id, "role"), json={"name": "x", "gloss": ""})
    assert "allowed_fillers" in missing_fillers.json()["message"]


def test_role_slot_bounds_must_be_ordered(client: TestClient) -> None:
    persona_id = new_persona(client)
    role = new_type(client, persona_id, "role")
    slot = {"role_type_id": role["id"], "min_occurrences": 3, "max_occurrences": 1}
    response = client.post(
        types_path(persona_id, "event"), json={"name": "e", "gloss": "", "roles": [slot]}
    )
    assert response.status_code == 422 and "min_occurrences" in response.json()["message"]


def test_role_slots_must_name_role_types_of_this_persona(client: TestClient) -> None:
    persona_id, other = new_persona(client), new_persona(client, "Other")
    candidates = [
        str(uuid.uuid4()),
        new_type(client, persona_id, "entity")["id"],
        new_type(client, other, "role")["id"],
    ]
    role = new_type(client, persona_id, "role")
    for wrong in candidates:
        slots = [{"role_type_id": role["id"]}, {"role_type_id": wrong}]
        body = {"name": "Boarding", "gloss": "", "roles": slots}
        response = client.post(types_path(persona_id, "event"), json=body)
        assert response.status_code == 422, response.text
        assert "roles[1].role_type_id" in response.json()["message"]
    repeated = {"name": "Boarding", "gloss": "", "roles": [{"role_type_id": role["id"]}] * 2}
    assert client.post(types_path(persona_id, "event"), json=repeated).status_code == 422


def test_an_event_parent_is_an_event_type_of_this_persona_without_cycles(
    client: TestClient,
) -> None:
    persona_id, other = new_persona(client), new_persona(client, "Other")
    movement = new_type(client, persona_id, "event", name="Movement")
    voyage = new_type(client, persona_id, "event", name="Voyage", parent_id=movement["id"])
    assert voyage["parent_id"] == movement["id"]
    for wrong in (new_type(client, persona_id)["id"], new_type(client, other, "event")["id"]):
        body = {"name": "Transit", "gloss": "", "parent_id": wrong}
        response = client.post(types_path(persona_id, "event"), json=body)
        assert response.status_code == 422 and "parent_id" in response.json()["message"]
    cycle = {"version": 1, "parent_id": voyage["id"]}
    response = client.patch(types_path(persona_id, "event", movement["id"]), json=cycle)
    assert response.status_code == 422 and "cycle" in response.json()["message"]
    itself = {"version": 1, "parent_id": movement["id"]}
    assert (
        client.patch(types_path(persona_id, "event", movement["id"]), json=itself).status_code
        == 422
    )


def test_create_with_a_client_id_is_idempotent(client: TestClient) -> None:
    persona_id = new_persona(client)
    type_id = str(uuid.uuid4())
    body = {"id": type_id, "name": "Vessel", "gloss": ""}
    first = client.post(types_path(persona_id, "entity"), json=body)
    again = client.post(types_path(persona_id, "entity"), json={**body, "name": "Other"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert client.get(types_path(persona_id, "entity")).json()["total"] == 1
    elsewhere = client.post(types_path(persona_id, "event"), json=body)
    assert elsewhere.status_code == 409


def test_a_duplicate_name_in_one_kind_of_one_persona_is_409(client: TestClient) -> None:
    persona_id, other = new_persona(client), new_persona(client, "Other")
    new_type(client, persona_id, name="Vessel")
    response = client.post(types_path(persona_id, "entity"), json={"name": "Vessel", "gloss": ""})
    assert response.status_code == 409 and "name" in response.json()["message"]
    new_type(client, persona_id, "event", name="Vessel")
    new_type(client, other, name="Vessel")
    assert client.get(types_path(persona_id, "entity")).json()["total"] == 1


def test_the_same_wikidata_id_twice_in_one_ontology_is_409(client: TestClient) -> None:
    persona_id, other = new_persona(client), new_persona(client, "Other")
    new_type(client, persona_id, name="Ship", wikidata_id="Q11446")
    body = {"name": "Shipping", "gloss": "", "wikidata_id": "Q11446"}
    response = client.post(types_path(persona_id, "event"), json=body)
    assert response.status_code == 409 and "wikidata_id" in response.json()["message"]
    new_type(client, other, name="Ship", wikidata_id="Q11446")
    new_type(client, persona_id, name="Boat")
    new_type(client, persona_id, name="Raft")


def test_patch_edits_and_a_stale_version_is_409_that_changes_nothing(client: TestClient) -> None:
    persona_id = new_persona(client)
    created = new_type(client, persona_id, "relation", wikidata_id="P127")
    path = types_path(persona_id, "relation", created["id"])
    edit = {
        "version": 1,
        "name": "owned by",
        "symmetric": True,
        "wikidata_id": None,
        "gloss": "Owns.",
    }
    ok = client.patch(path, json=edit)
    assert ok.status_code == 200, ok.text
    assert ok.json()["version"] == 2 and ok.json()["wikidata_id"] is None
    assert ok.json()["gloss"] == [{"kind": "text", "text": "Owns."}]
    assert ok.json()["source_kinds"] == ["entity"]
    stale = client.patch(path, json={"version": 1, "name": "Lost"})
    assert stale.status_code == 409 and stale.json()["details"] == {"current_version": 2}
    assert client.get(path).json() == ok.json()


def test_patch_cannot_null_a_required_field_or_reuse_a_name(client: TestClient) -> None:
    persona_id = new_persona(client)
    new_type(client, persona_id, name="Ship")
    boat = new_type(client, persona_id, name="Boat")
    path = types_path(persona_id, "entity", boat["id"])
    assert client.patch(path, json={"version": 1, "name": None}).status_code == 422
    assert client.patch(path, json={"version": 1, "gloss": None}).status_code == 422
    assert client.patch(path, json={"name": "no version"}).status_code == 422
    assert client.patch(path, json={"version": 1, "name": "Ship"}).status_code == 409
    assert client.get(path).json()["version"] == 1


def test_another_users_types_are_404_and_unusable(users: Users) -> None:
    alice, bob = users.create("alice"), users.create("bob")
    persona_id = new_persona(alice.http)
    role = new_type(alice.http, persona_id, "role")
    path = types_path(persona_id, "role", role["id"])
    assert bob.http.get(path).status_code == 404
    assert bob.http.patch(path, json={"version": 1, "name": "x"}).status_code == 404
    assert bob.http.delete(path).status_code == 404
    assert bob.http.get(types_path(persona_id, "role")).status_code == 404
    body = {"name": "x", "gloss": "", "allowed_fillers": ["entity"]}
    assert bob.http.post(types_path(persona_id, "role"), json=body).status_code == 404
    bobs = new_persona(bob.http)
    slot = {"name": "Boarding", "gloss": "", "roles": [{"role_type_id": role["id"]}]}
    assert bob.http.post(types_path(bobs, "event"), json=slot).status_code == 422
    gloss = {"name": "Boarding", "gloss": [type_ref(role)]}
    assert bob.http.post(types_path(bobs, "entity"), json=gloss).status_code == 422
    assert alice.http.get(path).json()["version"] == 1


def test_the_openapi_schema_documents_each_kind_with_its_own_schemas(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for kind, title in (
        ("entity", "Entity"),
        ("event", "Event"),
        ("role", "Role"),
        ("relation", "Relation"),
    ):
        items, item = (
            f"/api/personas/{{persona_id}}/{kind}-types",
            f"/api/personas/{{persona_id}}/{kind}-types/{{type_id}}",
        )
        create = paths[items]["post"]["requestBody"]["content"]["application/json"]["schema"]
        update = paths[item]["patch"]["requestBody"]["content"]["application/json"]["schema"]
        read = paths[item]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert create["$ref"].endswith(f"{title}TypeCreate")
        assert update["$ref"].endswith(f"{title}TypeUpdate")
        assert read["$ref"].endswith(f"{title}TypeRead")
        assert set(paths[item]) == {"get", "patch", "delete"}
