"""The video library's read routes (scanning and upload build on them)."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from tests.conftest import Users
from tests.factories import make_video


def test_list_is_paginated_and_sorted_by_title(client: TestClient) -> None:
    for title in ("b-roll", "approach", "cargo"):
        make_video(client, title=title)
    page = client.get("/api/videos", params={"page": 1, "page_size": 2}).json()
    assert page["total"] == 3
    assert [video["title"] for video in page["items"]] == ["approach", "b-roll"]


def test_get_returns_probe_facts(client: TestClient) -> None:
    video_id = make_video(client, width=640, height=360, frame_count=75)
    video = client.get(f"/api/videos/{video_id}").json()
    assert (video["width"], video["height"], video["frame_count"]) == (640, 360, 75)
    assert video["state"] == "ready"


def test_unknown_and_malformed_ids(client: TestClient) -> None:
    assert client.get(f"/api/videos/{uuid.uuid4()}").status_code == 404
    assert client.get("/api/videos/not-a-uuid").status_code == 422


def test_another_users_video_is_invisible(users: Users) -> None:
    alice, bob = users.create("alice"), users.create("bob")
    video_id = make_video(alice.http)
    assert bob.http.get(f"/api/videos/{video_id}").status_code == 404
    assert bob.http.get("/api/videos").json()["total"] == 0
    assert alice.http.get("/api/videos").json()["total"] == 1


def test_me_names_the_acting_user(users: Users, client: TestClient) -> None:
    alice = users.create("alice")
    assert alice.http.get("/api/me").json()["username"] == "alice"
    assert client.get("/api/me").json()["username"] == "default"
