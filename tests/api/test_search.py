"""Semantic search over summaries and annotation notes, with the offline embedding model.

Notes are embedded by the first search after they are written or edited; summaries come with
their embedding (stored here through the summary hook, with a vector of the same model).
"""

from __future__ import annotations

import asyncio
import json
import socket
import uuid
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pytest_httpserver import HTTPServer
from sqlalchemy import Engine, text
from werkzeug import Request, Response

from fovea.config import Settings
from fovea.errors import ModelFailed, Unavailable
from fovea.inference.contract import EmbeddingSpec
from fovea.search.embedding import embed_texts
from fovea.server import create_app
from tests.api.test_summaries import store, summary_job, summary_result
from tests.conftest import Users, make_settings
from tests.factories import box, make_persona, make_type, make_video, sequence

TRUCK = "a red truck turns left at the crossing"
NOTES = (
    TRUCK,
    "two people talk near the door",
    "a dog sleeps under the table",
    "rain starts falling on the empty parking lot",
)
MEADOW = "A rabbit wakes up in a sunny meadow, stretches and hops past a large tree."


def annotate(client: TestClient, video_id: str, notes: str) -> dict[str, Any]:
    persona_id = make_persona(client, f"Analyst {uuid.uuid4().hex[:6]}")
    body = {
        "kind": "type",
        "persona_id": persona_id,
        "type_id": make_type(client, persona_id),
        "sequence": sequence(box(0)),
        "notes": notes,
    }
    response = client.post(f"/api/videos/{video_id}/annotations", json=body)
    assert response.status_code == 201, response.text
    annotation: dict[str, Any] = response.json()
    return annotation


def search(client: TestClient, q: str, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/api/search", params={"q": q, **params})
    assert response.status_code == 200, response.text
    hits: list[dict[str, Any]] = response.json()
    return hits


def embed(settings: Settings, texts: list[str]) -> list[list[float]]:
    return asyncio.run(embed_texts(settings, texts))


def test_notes_and_summaries_are_ranked_by_meaning(client: TestClient) -> None:
    video_id = make_video(client)
    annotations = {notes: annotate(client, video_id, notes) for notes in NOTES}
    persona_id = make_persona(client, "Wildlife analyst")
    settings = client.app.state.settings  # type: ignore[attr-defined]
    (vector,) = embed(settings, [MEADOW])
    store(client, summary_job(client, video_id, persona_id), summary_result(
        video_id, MEADOW, embedding=vector
    ))  # fmt: skip

    hits = search(client, "vehicle turning")
    assert (hits[0]["kind"], hits[0]["id"]) == ("annotation", annotations[TRUCK]["id"])
    assert hits[0]["snippet"] == TRUCK and hits[0]["video_id"] == video_id
    assert [hit["score"] for hit in hits] == sorted((hit["score"] for hit in hits), reverse=True)
    assert all(-1 <= hit["score"] <= 1 for hit in hits)
    assert len(hits) == len(NOTES) + 1

    (best, *_) = search(client, "bunny in a field of grass")
    assert (best["kind"], best["persona_id"], best["snippet"]) == ("summary", persona_id, MEADOW)

    only_notes = search(client, "bunny in a field of grass", kind="annotation", limit=2)
    assert [hit["kind"] for hit in only_notes] == ["annotation", "annotation"]
    assert {hit["kind"] for hit in search(client, "truck", kind="summary")} == {"summary"}


def test_editing_a_note_clears_its_embedding_and_the_next_search_embeds_the_new_text(
    client: TestClient, sync_engine: Engine
) -> None:
    video_id = make_video(client)
    edited = annotate(client, video_id, TRUCK)
    annotate(client, video_id, "two people talk near the door")

    def stored() -> tuple[Any, ...]:
        with sync_engine.connect() as connection:
            return tuple(
                connection.execute(
                    text(
                        "SELECT note_embedding IS NULL, version, updated_at "
                        "FROM annotations WHERE id = :id"
                    ),
                    {"id": edited["id"]},
                ).one()
            )

    written = stored()
    assert written[0] is True
    assert search(client, "vehicle turning")[0]["id"] == edited["id"]
    assert stored() == (False, *written[1:])  # embedding a note is not an edit of it
    patch = {"version": 1, "notes": "a cat sleeps on the windowsill"}
    assert client.patch(f"/api/annotations/{edited['id']}", json=patch).status_code == 200
    assert stored()[0] is True

    (best, *_) = search(client, "sleeping cat")
    assert (best["id"], best["snippet"]) == (edited["id"], "a cat sleeps on the windowsill")
    old_text_hits = search(client, "vehicle turning left at the crossing")
    assert all("truck" not in hit["snippet"] for hit in old_text_hits)
    assert stored()[0] is False


def test_another_users_notes_and_summaries_never_appear(users: Users) -> None:
    alice, bob = users.create("alice"), users.create("bob")
    annotate(alice.http, make_video(alice.http), TRUCK)
    annotate(bob.http, make_video(bob.http), "a bicycle leans against a wall")
    alice_hits = search(alice.http, "vehicle turning")
    assert [hit["snippet"] for hit in alice_hits] == [TRUCK]
    bob_hits = search(bob.http, "vehicle turning")
    assert [hit["snippet"] for hit in bob_hits] == ["a bicycle leans against a wall"]


def test_a_search_without_anything_to_find_is_empty(users: Users) -> None:
    assert search(users.create("carol").http, "anything") == []


@pytest.mark.parametrize(
    "params",
    [{}, {"q": ""}, {"q": "   "}, {"q": "x", "limit": 0}, {"q": "x", "limit": 101},
     {"q": "x", "kind": "video"}, {"q": "x" * 1001}],
)  # fmt: skip
def test_bad_queries_are_refused(client: TestClient, params: dict[str, Any]) -> None:
    assert client.get("/api/search", params=params).status_code == 422


# --- the model service seam ---------------------------------------------------------------


def test_with_a_model_service_queries_are_embedded_there(httpserver: HTTPServer) -> None:
    seen: list[EmbeddingSpec] = []

    def answer(request: Request) -> Response:
        spec = EmbeddingSpec.model_validate_json(request.get_data())
        seen.append(spec)
        body = {"model": "fake", "dimensions": 2, "vectors": [[1.0, 0.0] for _ in spec.texts]}
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request("/api/embed", method="POST").respond_with_handler(answer)
    settings = Settings(model_service_url=httpserver.url_for("/"))
    texts = [f"note {i}" for i in range(300)]  # two batches
    assert embed(settings, texts) == [[1.0, 0.0]] * 300
    assert [len(spec.texts) for spec in seen] == [256, 44]


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [(503, {"error": "UNAVAILABLE", "message": "loading"}, Unavailable),
     (502, {"error": "MODEL_FAILED", "message": "no such model"}, ModelFailed),
     (200, {"model": "fake"}, ModelFailed)],
)  # fmt: skip
def test_model_service_failures_are_told_apart(
    httpserver: HTTPServer, status: int, body: dict[str, Any], error: type[Exception]
) -> None:
    httpserver.expect_request("/api/embed").respond_with_json(body, status=status)
    settings = Settings(model_service_url=httpserver.url_for("/"))
    with pytest.raises(error):
        embed(settings, ["query"])


def test_a_model_service_that_is_down_makes_search_503(database_url: str, tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = make_settings(database_url, tmp_path, model_service_url=f"http://127.0.0.1:{port}")
    with TestClient(create_app(settings)) as http:
        response = http.get("/api/search", params={"q": "vehicle turning"})
    assert response.status_code == 503
    assert response.json()["error"] == "UNAVAILABLE"
    assert "cannot be reached" in response.json()["message"]
