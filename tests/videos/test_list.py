"""Browsing the library: search, filters, sort and pagination, owner-scoped."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.conftest import Users
from tests.factories import actor_of, box, make_persona, make_type, sequence

from fovea.summaries.models import VideoSummary
from fovea.videos.models import Video

ROWS: list[dict[str, Any]] = [
    {"title": "Harbour at dawn", "description": "Ships leave the port", "uploader": "Coast Guard",
     "tags": ["harbour", "ships"], "upload_date": date(2021, 5, 1), "duration_s": 30.0,
     "state": "ready", "info": {"like_count": 7, "webpage_url": "https://example.org/h"}},
    {"title": "border crossing", "description": "Trucks queue", "uploader": "Customs",
     "tags": ["trucks"], "upload_date": date(2019, 1, 2), "duration_s": 120.0, "state": "ready"},
    {"title": "Aerial survey", "description": None, "uploader": "Drone team",
     "tags": ["aerial", "ships"], "upload_date": None, "duration_s": 5.5, "state": "missing"},
    {"title": "Car park", "description": "Night shift", "uploader": None, "tags": [],
     "upload_date": date(2023, 12, 24), "duration_s": None, "state": "failed"},
]  # fmt: skip


def insert(http: TestClient, rows: list[dict[str, Any]]) -> dict[str, str]:
    """Insert library rows directly (no files); title -> id."""
    actor = actor_of(http)
    factory = http.app.state.session_factory  # type: ignore[attr-defined]

    async def _insert() -> dict[str, str]:
        async with factory() as session, session.begin():
            videos = [
                Video(owner_id=actor.id, storage_uri=f"library:{row['title']}.mp4", **row)
                for row in rows
            ]
            session.add_all(videos)
            await session.flush()
            return {video.title: str(video.id) for video in videos}

    assert http.portal is not None
    return http.portal.call(_insert)


def add_summary(http: TestClient, video_id: str, persona_id: str) -> None:
    actor = actor_of(http)
    factory = http.app.state.session_factory  # type: ignore[attr-defined]

    async def _add() -> None:
        async with factory() as session, session.begin():
            session.add(VideoSummary(owner_id=actor.id, video_id=uuid.UUID(video_id),
                                     persona_id=uuid.UUID(persona_id)))  # fmt: skip

    assert http.portal is not None
    http.portal.call(_add)


def titles(client: TestClient, **params: Any) -> list[str]:
    response = client.get("/api/videos", params=params)
    assert response.status_code == 200, response.text
    return [item["title"] for item in response.json()["items"]]


@pytest.fixture
def ids(client: TestClient) -> dict[str, str]:
    return insert(client, ROWS)


A, B, C, H = "Aerial survey", "border crossing", "Car park", "Harbour at dawn"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [A, B, C, H]),
        ({"sort": "title"}, [A, B, C, H]),
        ({"sort": "-title"}, [H, C, B, A]),
        ({"sort": "duration"}, [A, H, B, C]),
        ({"sort": "-duration"}, [B, H, A, C]),
        ({"sort": "upload_date"}, [B, H, C, A]),
        ({"sort": "-upload_date"}, [C, H, B, A]),
        ({"q": "ships"}, [A, H]),
        ({"q": "SHIPS port"}, [H]),
        ({"q": "customs"}, [B]),
        ({"q": "night"}, [C]),
        ({"q": "100%"}, []),
        ({"q": "_"}, []),
        ({"tag": "ships"}, [A, H]),
        ({"tag": "ship"}, []),
        ({"state": "missing"}, [A]),
        ({"state": "ready", "q": "harbour"}, [H]),
        ({"has_annotations": False}, [A, B, C, H]),
    ],
)
def test_search_filters_and_sort(
    client: TestClient, ids: dict[str, str], params: dict[str, Any], expected: list[str]
) -> None:
    assert titles(client, **params) == expected


def test_created_at_sort_follows_insertion(client: TestClient) -> None:
    for row in ROWS:
        insert(client, [row])
    assert titles(client, sort="created_at") == [row["title"] for row in ROWS]
    assert titles(client, sort="-created_at") == [row["title"] for row in reversed(ROWS)]


def test_annotation_and_summary_filters_and_counts(client: TestClient, ids: dict[str, str]) -> None:
    persona_id = make_persona(client)
    type_id = make_type(client, persona_id)
    body = {"kind": "type", "persona_id": persona_id, "type_id": type_id,
            "sequence": sequence(box(0))}  # fmt: skip
    for _ in range(2):
        response = client.post(f"/api/videos/{ids['Car park']}/annotations", json=body)
        assert response.status_code == 201, response.text
    add_summary(client, ids["Harbour at dawn"], persona_id)
    assert titles(client, has_annotations=True) == ["Car park"]
    assert titles(client, has_annotations=False) == ["Aerial survey", "border crossing",
                                                     "Harbour at dawn"]  # fmt: skip
    assert titles(client, has_summary=True) == ["Harbour at dawn"]
    items = {item["title"]: item for item in client.get("/api/videos").json()["items"]}
    assert items["Car park"]["annotation_count"] == 2
    assert items["Harbour at dawn"]["summary_count"] == 1


def test_items_carry_flattened_metadata_without_the_frame_table(
    client: TestClient, ids: dict[str, str]
) -> None:
    item = client.get("/api/videos", params={"q": "harbour"}).json()["items"][0]
    assert item["like_count"] == 7 and item["webpage_url"] == "https://example.org/h"
    assert item["uploader"] == "Coast Guard" and item["upload_date"] == "2021-05-01"
    assert "frame_times_s" not in item and "times_s" not in item and "info" not in item
    detail = client.get(f"/api/videos/{ids['Harbour at dawn']}").json()
    assert detail["info"] == {"like_count": 7, "webpage_url": "https://example.org/h"}


def test_pagination_counts_every_match(client: TestClient, ids: dict[str, str]) -> None:
    page = client.get("/api/videos", params={"page": 2, "page_size": 3}).json()
    assert page["total"] == 4 and [i["title"] for i in page["items"]] == ["Harbour at dawn"]
    filtered = client.get("/api/videos", params={"tag": "ships", "page_size": 1}).json()
    assert filtered["total"] == 2 and len(filtered["items"]) == 1


@pytest.mark.parametrize(
    "params", [{"sort": "size"}, {"state": "gone"}, {"page_size": 0}, {"has_summary": "maybe"}]
)
def test_bad_list_parameters_are_422(client: TestClient, params: dict[str, Any]) -> None:
    assert client.get("/api/videos", params=params).status_code == 422


def test_lists_are_owner_scoped(users: Users) -> None:
    alice, bob = users.create("alice"), users.create("bob")
    insert(alice.http, ROWS[:2])
    assert titles(bob.http) == []
    assert titles(alice.http, q="trucks") == ["border crossing"]
