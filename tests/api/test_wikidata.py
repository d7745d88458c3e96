"""Wikidata search and import against a local server that speaks the Wikidata action API."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pytest_httpserver import HTTPServer
from sqlalchemy import Engine, text
from werkzeug import Request, Response

from fovea.errors import Unavailable
from fovea.server import create_app
from fovea.wikidata.client import WikidataClient
from tests.conftest import UserClient, Users, make_settings

API_PATH = "/w/api.php"
ITEMS: dict[str, dict[str, Any]] = {
    "Q146": {
        "label": "house cat",
        "description": "domesticated feline",
        "aliases": ["cat", "domestic cat", "Felis catus", "cat", "kitty", "puss", "moggy"],
    },
    "Q1420": {"label": "car", "description": "road vehicle", "aliases": []},
    "Q5": {"label": "human", "description": "", "aliases": ["person"]},
}


def _texts(value: str) -> dict[str, dict[str, str]]:
    return {"en": {"language": "en", "value": value}} if value else {}


def _entity(qid: str) -> dict[str, Any]:
    """One item as ``wbgetentities`` shapes it (``missing`` when unknown)."""
    item = ITEMS.get(qid)
    if item is None:
        return {"id": qid, "missing": ""}
    aliases = [{"language": "en", "value": alias} for alias in item["aliases"]]
    return {
        "type": "item", "id": qid, "labels": _texts(item["label"]),
        "descriptions": _texts(item["description"]), "aliases": {"en": aliases} if aliases else {},
    }  # fmt: skip


def _search_hit(qid: str) -> dict[str, Any]:
    item = ITEMS[qid]
    return {
        "id": qid, "title": qid, "pageid": 1, "repository": "wikidata",
        "concepturi": f"http://www.wikidata.org/entity/{qid}",
        "url": f"//www.wikidata.org/wiki/{qid}",
        "label": item["label"], "description": item["description"],
        "match": {"type": "label", "language": "en", "text": item["label"]},
    }  # fmt: skip


def wikidata_api(request: Request) -> Response:
    """The two actions fovea uses, checking the parameters the protocol requires."""
    args = request.args
    assert request.headers.get("User-Agent", "").startswith("fovea/")
    assert args["format"] == "json"
    if args["action"] == "wbsearchentities":
        assert args["type"] == "item" and args["language"] == "en"
        found = [qid for qid, item in ITEMS.items() if args["search"].lower() in item["label"]]
        body: dict[str, Any] = {
            "searchinfo": {"search": args["search"]},
            "search": [_search_hit(qid) for qid in found][: int(args["limit"])],
            "success": 1,
        }
    elif args["action"] == "wbgetentities":
        assert set(args["props"].split("|")) >= {"labels", "descriptions", "aliases"}
        assert args["languages"] == "en"
        body = {"entities": {qid: _entity(qid) for qid in args["ids"].split("|")}, "success": 1}
    else:
        body = {"error": {"code": "badvalue", "info": f"Unrecognized value {args['action']}"}}
    return Response(json.dumps(body), content_type="application/json")


@pytest.fixture(scope="module")
def _app(
    database_url: str, tmp_path_factory: pytest.TempPathFactory, make_httpserver: HTTPServer
) -> Iterator[TestClient]:
    settings = make_settings(
        database_url, tmp_path_factory.mktemp("wikidata"), mode="multi-user",
        wikidata_url=make_httpserver.url_for(API_PATH),
    )  # fmt: skip
    with TestClient(create_app(settings)) as http:
        yield http


@pytest.fixture
def wikidata(httpserver: HTTPServer) -> HTTPServer:
    """The local Wikidata (cleared per test); answers the action API unless told otherwise."""
    httpserver.expect_request(API_PATH, method="GET").respond_with_handler(wikidata_api)
    return httpserver


@pytest.fixture
def alice(_app: TestClient) -> UserClient:
    return Users(_app).create("alice")


def new_persona(user: UserClient) -> str:
    body = {"name": "Zoologist", "role": "Analyst", "information_need": "Animals"}
    response = user.http.post("/api/personas", json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def import_path(persona_id: str) -> str:
    return f"/api/personas/{persona_id}/types/wikidata"


# --- search -----------------------------------------------------------------------------------


def test_search_maps_results_to_id_label_description_url(
    wikidata: HTTPServer, alice: UserClient
) -> None:
    response = alice.http.get("/api/wikidata/search", params={"q": "cat", "limit": 5})
    assert response.status_code == 200, response.text
    assert response.json() == [
        {"id": "Q146", "label": "house cat", "description": "domesticated feline",
         "url": "https://www.wikidata.org/wiki/Q146"},
    ]  # fmt: skip
    (request, _), *_ = wikidata.log
    assert request.args["search"] == "cat" and request.args["limit"] == "5"


def test_item_preview_has_aliases(wikidata: HTTPServer, alice: UserClient) -> None:
    response = alice.http.get("/api/wikidata/items/Q1420")
    assert response.status_code == 200, response.text
    assert response.json() == {
        "id": "Q1420", "label": "car", "description": "road vehicle", "aliases": [],
        "url": "https://www.wikidata.org/wiki/Q1420",
    }  # fmt: skip


@pytest.mark.parametrize(
    "params",
    [{}, {"q": ""}, {"q": "cat", "limit": 0}, {"q": "cat", "limit": 51},
     {"q": "cat", "language": "EN; drop"}],
)  # fmt: skip
def test_bad_search_input_is_422(alice: UserClient, params: dict[str, Any]) -> None:
    assert alice.http.get("/api/wikidata/search", params=params).status_code == 422


# --- import -----------------------------------------------------------------------------------


def test_import_creates_a_type_with_the_items_fields(
    wikidata: HTTPServer, alice: UserClient
) -> None:
    persona_id = new_persona(alice)
    response = alice.http.post(
        import_path(persona_id), json={"wikidata_id": "Q146", "kind": "entity"}
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["kind"] == "entity" and created["name"] == "house cat"
    assert created["gloss"] == [{"kind": "text", "text": "domesticated feline"}]
    assert created["examples"] == ["cat", "domestic cat", "Felis catus", "kitty", "puss"]
    assert created["wikidata_id"] == "Q146"
    assert created["wikidata_url"] == "https://www.wikidata.org/wiki/Q146"
    stored = alice.http.get(f"/api/personas/{persona_id}/entity-types/{created['id']}")
    assert stored.json() == created


@pytest.mark.parametrize(
    ("kind", "extra"),
    [("event", {"roles": [], "parent_id": None}),
     ("role", {"allowed_fillers": ["entity"]}),
     ("relation", {"source_kinds": ["entity"], "target_kinds": ["entity"], "symmetric": False})],
)  # fmt: skip
def test_import_as_each_kind_uses_its_defaults(
    wikidata: HTTPServer, alice: UserClient, kind: str, extra: dict[str, Any]
) -> None:
    persona_id = new_persona(alice)
    body = {"wikidata_id": "Q5", "kind": kind, "name": "Person"}
    response = alice.http.post(import_path(persona_id), json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["kind"] == kind and created["name"] == "Person"
    assert created["gloss"] == []  # the item has no description
    assert created["examples"] == ["person"]
    assert extra.items() <= created.items()


def test_the_same_item_twice_is_409_and_one_row(
    wikidata: HTTPServer, alice: UserClient, sync_engine: Engine
) -> None:
    persona_id = new_persona(alice)
    first = alice.http.post(import_path(persona_id), json={"wikidata_id": "Q146", "kind": "entity"})
    assert first.status_code == 201
    again = alice.http.post(
        import_path(persona_id), json={"wikidata_id": "Q146", "kind": "event", "name": "Other"}
    )
    assert again.status_code == 409
    assert again.json()["error"] == "CONFLICT"
    assert "duplicate import" in again.json()["message"]
    assert again.json()["details"]["type_id"] == first.json()["id"]
    with sync_engine.connect() as connection:
        count = connection.scalar(
            text("SELECT count(*) FROM ontology_types WHERE wikidata_id = 'Q146'")
        )
    assert count == 1


def test_another_persona_may_import_the_same_item(wikidata: HTTPServer, alice: UserClient) -> None:
    for persona_id in (new_persona(alice), new_persona(alice)):
        body = {"wikidata_id": "Q146", "kind": "entity"}
        assert alice.http.post(import_path(persona_id), json=body).status_code == 201


def test_an_item_wikidata_does_not_know_is_404(wikidata: HTTPServer, alice: UserClient) -> None:
    persona_id = new_persona(alice)
    response = alice.http.post(
        import_path(persona_id), json={"wikidata_id": "Q999999", "kind": "entity"}
    )
    assert response.status_code == 404
    assert "Wikidata has no item Q999999" in response.json()["message"]


def test_another_users_persona_is_404(wikidata: HTTPServer, _app: TestClient) -> None:
    users = Users(_app)
    owner, other = users.create("owner"), users.create("other")
    persona_id = new_persona(owner)
    body = {"wikidata_id": "Q146", "kind": "entity"}
    assert other.http.post(import_path(persona_id), json=body).status_code == 404
    assert wikidata.log == []  # refused before asking Wikidata


@pytest.mark.parametrize(
    "body",
    [{"wikidata_id": "42", "kind": "entity"}, {"wikidata_id": "P31", "kind": "entity"},
     {"wikidata_id": "Q146", "kind": "time"}, {"kind": "entity"},
     {"wikidata_id": "Q146", "kind": "entity", "name": " "},
     {"wikidata_id": "Q146", "kind": "entity", "surprise": 1}],
)  # fmt: skip
def test_bad_import_input_is_422(alice: UserClient, body: dict[str, Any]) -> None:
    persona_id = new_persona(alice)
    assert alice.http.post(import_path(persona_id), json=body).status_code == 422


# --- when Wikidata fails ------------------------------------------------------------------------


def test_wikidata_answering_503_is_503(httpserver: HTTPServer, alice: UserClient) -> None:
    httpserver.expect_request(API_PATH).respond_with_data("down for maintenance", status=503)
    response = alice.http.get("/api/wikidata/search", params={"q": "cat"})
    assert response.status_code == 503
    assert response.json()["error"] == "UNAVAILABLE"
    assert "busy or down (HTTP 503)" in response.json()["message"]
    persona_id = new_persona(alice)
    body = {"wikidata_id": "Q146", "kind": "entity"}
    assert alice.http.post(import_path(persona_id), json=body).status_code == 503


def test_wikidata_that_cannot_be_reached_is_unavailable() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = WikidataClient(f"http://127.0.0.1:{port}{API_PATH}")
    with pytest.raises(Unavailable, match="cannot be reached"):
        asyncio.run(client.search("cat", language="en", limit=3))


@pytest.mark.parametrize(
    ("reply", "message"),
    [("<html>not json</html>", "did not answer JSON"),
     (json.dumps({"search": "nope"}), "malformed reply: search"),
     (json.dumps({"error": {"code": "badvalue", "info": "no"}}), "answered an error: badvalue")],
)  # fmt: skip
def test_a_malformed_reply_is_502_with_a_clear_message(
    httpserver: HTTPServer, alice: UserClient, reply: str, message: str
) -> None:
    httpserver.expect_request(API_PATH).respond_with_data(reply, content_type="application/json")
    response = alice.http.get("/api/wikidata/search", params={"q": "cat"})
    assert response.status_code == 502
    assert response.json()["error"] == "UPSTREAM_FAILED"
    assert message in response.json()["message"]


def test_wikidata_turned_off_is_503(database_url: str, tmp_path: Path) -> None:
    settings = make_settings(database_url, tmp_path, wikidata_url="")
    with TestClient(create_app(settings)) as http:
        response = http.get("/api/wikidata/search", params={"q": "cat"})
        assert http.get("/api/config").json()["wikidata_enabled"] is False
    assert response.status_code == 503
    assert "FOVEA_WIKIDATA_URL" in response.json()["message"]
