"""World objects over the real API: five kinds, their attributes, search, edits, ownership."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_ontology import new_persona, new_type
from tests.conftest import Users
from tests.factories import make_video

PATHS = {
    "entity": "entities",
    "location": "locations",
    "event": "events",
    "time": "times",
    "collection": "collections",
}
POINT = {"location_type": "point", "coordinates": {"lat": 54.3, "lon": 10.1}}
INSTANT = {"time_type": "instant", "timestamp": "2024-05-01T10:00:00Z"}


def path(kind: str, object_id: str | None = None) -> str:
    base = f"/api/world/{PATHS[kind]}"
    return f"{base}/{object_id}" if object_id else base


def new_object(client: TestClient, kind: str = "entity", **body: Any) -> dict[str, Any]:
    defaults: dict[str, Any] = {"name": f"A {kind}"}
    if kind == "location":
        defaults["attributes"] = POINT
    if kind == "time":
        defaults["attributes"] = INSTANT
    if kind == "collection":
        defaults["attributes"] = {"collection_kind": "entity"}
    response = client.post(path(kind), json={**defaults, **body})
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def object_ref(row: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "object", "id": row["id"], "object_kind": row["kind"]}


@pytest.mark.parametrize(
    ("kind", "attributes"),
    [
        ("entity", None),
        ("location", POINT),
        (
            "location",
            {
                "location_type": "point",
                "coordinate_system": "cartesian",
                "coordinates": {"x": 1, "y": 2, "z": 3},
            },
        ),
        (
            "location",
            {
                "location_type": "extent",
                "boundary": [{"lat": 0, "lon": 0}, {"lat": 1, "lon": 0}, {"lat": 0, "lon": 1}],
            },
        ),
        ("event", {"certainty": 0.5}),
        ("time", INSTANT),
        (
            "time",
            {
                "time_type": "interval",
                "start": "2024-05-01T10:00:00+02:00",
                "end": "2024-05-02T00:00:00Z",
                "granularity": "hour",
                "vagueness": {"type": "approximate", "description": "around noon"},
            },
        ),
        ("collection", {"collection_kind": "event", "collection_type": "sequence"}),
    ],
)
def test_create_then_get_returns_the_stored_object(
    client: TestClient, kind: str, attributes: dict[str, Any] | None
) -> None:
    extra = {"attributes": attributes} if attributes else {}
    created = new_object(
        client, kind, name="Kiel", alternate_names=["Kiel harbour"], wikidata_id="Q1707",
        description="A port city.", **extra,
    )  # fmt: skip
    fetched = client.get(path(kind, created["id"])).json()
    assert fetched == created
    assert fetched["kind"] == kind and fetched["version"] == 1
    assert fetched["description"] == [{"kind": "text", "text": "A port city."}]
    assert fetched["alternate_names"] == ["Kiel harbour"]
    scalars = {k: v for k, v in (attributes or {}).items() if not isinstance(v, dict | list)}
    assert {k: fetched["attributes"][k] for k in scalars} == scalars


def test_an_entity_needs_only_a_name(client: TestClient) -> None:
    created = new_object(client)
    assert created["description"] == [] and created["type_assignments"] == []
    assert "attributes" not in created and "interpretations" not in created


@pytest.mark.parametrize(
    ("kind", "body", "expected"),
    [
        ("entity", {}, "name"),
        ("entity", {"name": 3}, "name"),
        ("entity", {"name": "x", "attributes": {}}, "attributes"),
        ("entity", {"name": "x", "alternate_names": "Kiel"}, "alternate_names"),
        ("entity", {"name": "x", "wikidata_id": "Kiel"}, "wikidata_id"),
        ("location", {"name": "x"}, "attributes"),
        ("location", {"name": "x", "attributes": {"location_type": "point"}}, "coordinates"),
        (
            "location",
            {"name": "x", "attributes": {**POINT, "coordinates": {"lat": 91, "lon": 0}}},
            "lat",
        ),
        (
            "location",
            {"name": "x", "attributes": {**POINT, "coordinates": {"lat": 0, "lon": 181}}},
            "lon",
        ),
        (
            "location",
            {"name": "x", "attributes": {**POINT, "coordinates": {"x": 1, "y": 2}}},
            "lat/lon",
        ),
        (
            "location",
            {
                "name": "x",
                "attributes": {"location_type": "extent", "boundary": [{"lat": 0, "lon": 0}] * 2},
            },
            "boundary",
        ),
        (
            "location",
            {"name": "x", "attributes": {**POINT, "location_type": "area"}},
            "location_type",
        ),
        ("event", {"name": "x", "attributes": {"certainty": 1.5}}, "certainty"),
        ("event", {"name": "x", "attributes": {"time_id": "soon"}}, "time_id"),
        ("time", {"name": "x", "attributes": {"time_type": "instant"}}, "timestamp"),
        (
            "time",
            {
                "name": "x",
                "attributes": {"time_type": "instant", "timestamp": "2024-05-01T10:00:00"},
            },
            "timestamp",
        ),
        (
            "time",
            {
                "name": "x",
                "attributes": {
                    "time_type": "interval",
                    "start": "2024-05-02T00:00:00Z",
                    "end": "2024-05-01T00:00:00Z",
                },
            },
            "start",
        ),
        (
            "time",
            {"name": "x", "attributes": {**INSTANT, "granularity": "fortnight"}},
            "granularity",
        ),
        (
            "time",
            {
                "name": "x",
                "attributes": {
                    **INSTANT,
                    "vagueness": {
                        "type": "fuzzy",
                        "earliest": "2024-05-02T00:00:00Z",
                        "latest": "2024-05-01T00:00:00Z",
                    },
                },
            },
            "earliest",
        ),
        (
            "time",
            {
                "name": "x",
                "attributes": {
                    **INSTANT,
                    "video_references": [{"video_id": str(uuid.uuid4()), "frame": -1}],
                },
            },
            "frame",
        ),
        (
            "time",
            {
                "name": "x",
                "attributes": {
                    **INSTANT,
                    "video_references": [
                        {"video_id": str(uuid.uuid4()), "start_frame": 9, "end_frame": 2}
                    ],
                },
            },
            "start_frame",
        ),
        ("time", {"name": "x", "attributes": INSTANT, "type_assignments": []}, "type_assignments"),
        (
            "collection",
            {"name": "x", "attributes": {"collection_kind": "place"}},
            "collection_kind",
        ),
        (
            "collection",
            {"name": "x", "attributes": {"collection_kind": "entity", "member_ids": ["a"]}},
            "member_ids",
        ),
    ],
)
def test_bad_input_is_422_naming_the_problem(
    client: TestClient, kind: str, body: dict[str, Any], expected: str
) -> None:
    response = client.post(path(kind), json=body)
    assert response.status_code == 422, response.text
    assert response.json()["error"] == "INVALID_INPUT"
    assert expected in response.json()["message"]


def test_event_time_and_location_must_be_your_objects_of_that_kind(client: TestClient) -> None:
    time, place, entity = (
        new_object(client, "time"),
        new_object(client, "location"),
        new_object(client),
    )
    event = new_object(
        client, "event", attributes={"time_id": time["id"], "location_id": place["id"]}
    )
    assert event["attributes"]["time_id"] == time["id"]
    for field, wrong in (
        ("time_id", entity["id"]),
        ("location_id", str(uuid.uuid4())),
        ("location_id", time["id"]),
    ):
        response = client.post(path("event"), json={"name": "x", "attributes": {field: wrong}})
        assert response.status_code == 422, response.text
        assert f"attributes.{field}" in response.json()["message"]


def test_collection_members_are_your_objects_of_the_collection_kind(client: TestClient) -> None:
    ship, port, event = (
        new_object(client),
        new_object(client, "location"),
        new_object(client, "event"),
    )
    members = [ship["id"], port["id"], ship["id"]]
    fleet = new_object(
        client, "collection", attributes={"collection_kind": "entity", "member_ids": members}
    )
    assert fleet["attributes"]["member_ids"] == [ship["id"], port["id"]]
    for kind, wrong in (
        ("entity", event["id"]),
        ("event", ship["id"]),
        ("time", str(uuid.uuid4())),
    ):
        body = {"name": "x", "attributes": {"collection_kind": kind, "member_ids": [wrong]}}
        response = client.post(path("collection"), json=body)
        assert response.status_code == 422 and "member_ids[0]" in response.json()["message"]


def test_time_video_references_name_your_videos(client: TestClient) -> None:
    video_id = make_video(client)
    refs = [
        {"video_id": video_id, "frame": 12},
        {"video_id": video_id, "start_frame": 3, "end_frame": 9},
    ]
    time = new_object(client, "time", attributes={**INSTANT, "video_references": refs})
    assert [ref["frame"] for ref in time["attributes"]["video_references"]] == [12, None]
    unknown = {**INSTANT, "video_references": [{"video_id": str(uuid.uuid4())}]}
    response = client.post(path("time"), json={"name": "x", "attributes": unknown})
    assert response.status_code == 422
    assert "attributes.video_references[0].video_id" in response.json()["message"]


def test_list_searches_names_and_alternate_names_and_paginates(client: TestClient) -> None:
    new_object(client, name="Kiel", alternate_names=["Chil"])
    new_object(client, name="Lübeck", alternate_names=["Hanseatic KIEL-rival"])
    new_object(client, name="Rostock")
    new_object(client, "location", name="Kiel Canal")
    found = client.get(path("entity"), params={"q": "kiel"}).json()
    assert [item["name"] for item in found["items"]] == ["Kiel", "Lübeck"]
    assert client.get(path("entity"), params={"q": "%"}).json()["total"] == 0
    page = client.get(path("entity"), params={"page": 2, "page_size": 2}).json()
    assert page["total"] == 3 and [item["name"] for item in page["items"]] == ["Rostock"]


def test_an_unknown_object_or_one_of_another_kind_is_404(client: TestClient) -> None:
    entity = new_object(client)
    missing = str(uuid.uuid4())
    for kind in PATHS:
        assert client.get(path(kind, missing)).status_code == 404
    assert client.get(path("event", entity["id"])).status_code == 404
    assert (
        client.patch(path("location", entity["id"]), json={"version": 1, "name": "x"}).status_code
        == 404
    )
    assert client.delete(path("time", entity["id"])).status_code == 404
    assert client.get(path("entity", entity["id"])).json() == entity


def test_create_with_a_client_id_is_idempotent(client: TestClient) -> None:
    object_id = str(uuid.uuid4())
    first = client.post(path("entity"), json={"id": object_id, "name": "Kiel"})
    again = client.post(path("entity"), json={"id": object_id, "name": "Other"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert client.get(path("entity")).json()["total"] == 1
    elsewhere = client.post(
        path("time"), json={"id": object_id, "name": "t", "attributes": INSTANT}
    )
    assert elsewhere.status_code == 409


def test_patch_edits_replaces_readings_and_a_stale_version_is_409(client: TestClient) -> None:
    persona_id = new_persona(client)
    ship, port = (
        new_type(client, persona_id, name="Ship"),
        new_type(client, persona_id, name="Port"),
    )
    created = new_object(
        client, type_assignments=[{"persona_id": persona_id, "type_id": ship["id"]}]
    )
    edit = {
        "version": 1,
        "name": "Renamed",
        "type_assignments": [{"persona_id": persona_id, "type_id": port["id"]}],
    }
    ok = client.patch(path("entity", created["id"]), json=edit)
    assert ok.status_code == 200, ok.text
    assert ok.json()["version"] == 2 and ok.json()["name"] == "Renamed"
    assert [a["type_id"] for a in ok.json()["type_assignments"]] == [port["id"]]
    only_name = client.patch(path("entity", created["id"]), json={"version": 2, "name": "Again"})
    assert only_name.json()["type_assignments"] == ok.json()["type_assignments"]
    stale = client.patch(
        path("entity", created["id"]), json={**edit, "name": "Lost", "type_assignments": []}
    )
    assert stale.status_code == 409 and stale.json()["details"] == {"current_version": 3}
    assert client.get(path("entity", created["id"])).json() == only_name.json()


def test_patch_replaces_attributes_and_rechecks_them(client: TestClient) -> None:
    place = new_object(client, "location")
    extent = {
        "location_type": "extent",
        "coordinate_system": "relative",
        "boundary": [{"x": 0, "y": 0}, {"x": 1, "y": 0}, {"x": 0, "y": 1}],
    }
    ok = client.patch(path("location", place["id"]), json={"version": 1, "attributes": extent})
    assert ok.status_code == 200 and ok.json()["attributes"]["coordinates"] is None
    event = new_object(client, "event")
    bad = {"version": 1, "attributes": {"time_id": place["id"]}}
    assert client.patch(path("event", event["id"]), json=bad).status_code == 422
    assert (
        client.patch(path("location", place["id"]), json={"version": 2, "name": None}).status_code
        == 422
    )
    assert (
        client.patch(
            path("location", place["id"]), json={"version": 2, "attributes": None}
        ).status_code
        == 422
    )


def test_another_users_objects_are_404_and_unusable(users: Users) -> None:
    alice, bob = users.create("alice"), users.create("bob")
    kiel = new_object(alice.http, name="Kiel")
    item = path("entity", kiel["id"])
    assert bob.http.get(item).status_code == 404
    assert bob.http.patch(item, json={"version": 1, "name": "x"}).status_code == 404
    assert bob.http.delete(item).status_code == 404
    assert bob.http.get(path("entity")).json()["total"] == 0
    assert bob.http.post(path("entity"), json={"id": kiel["id"], "name": "x"}).status_code == 409
    fleet = {"name": "x", "attributes": {"collection_kind": "entity", "member_ids": [kiel["id"]]}}
    assert bob.http.post(path("collection"), json=fleet).status_code == 422
    described = {"name": "x", "description": [object_ref(kiel)]}
    assert bob.http.post(path("entity"), json=described).status_code == 422
    alices_persona = new_persona(alice.http)
    ship = new_type(alice.http, alices_persona, name="Ship")
    assigned = {
        "name": "x",
        "type_assignments": [{"persona_id": alices_persona, "type_id": ship["id"]}],
    }
    response = bob.http.post(path("entity"), json=assigned)
    assert response.status_code == 422 and "persona_id" in response.json()["message"]
    assert alice.http.get(item).json() == kiel


def test_the_openapi_schema_documents_each_kind_with_its_own_schemas(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for kind, plural in PATHS.items():
        title = kind.capitalize()
        create = paths[f"/api/world/{plural}"]["post"]["requestBody"]["content"]["application/json"]
        update = paths[f"/api/world/{plural}/{{object_id}}"]["patch"]["requestBody"]["content"][
            "application/json"
        ]
        assert create["schema"]["$ref"].endswith(f"{title}Create")
        assert update["schema"]["$ref"].endswith(f"{title}Update")
