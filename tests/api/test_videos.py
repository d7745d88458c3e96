"""The video library's routes as seen by different users (the library itself: tests/videos)."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from tests.conftest import Users
from tests.factories import make_video
from tests.jobs.helpers import wait_until_finished
from tests.media.synthetic import make_video as make_synthetic


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


MEDIA_ROUTES = ("stream", "thumbnail", "sprite", "sprite.json", "frame-times", "frames/0")


def test_another_users_video_media_are_invisible(users: Users) -> None:
    alice, bob = users.create("alice"), users.create("bob")
    video_id = make_video(alice.http)
    for route in MEDIA_ROUTES:
        assert bob.http.get(f"/api/videos/{video_id}/{route}").status_code == 404, route
    assert bob.http.post(f"/api/videos/{video_id}/ingest").status_code == 404


def test_a_video_without_a_library_file_has_no_stream(client: TestClient) -> None:
    video_id = make_video(client)
    response = client.get(f"/api/videos/{video_id}/stream")
    assert response.status_code == 409
    assert "no file in the video folder" in response.json()["message"]


def test_each_user_scans_into_a_library_of_their_own(users: Users) -> None:
    alice, bob = users.create("alice"), users.create("bob")
    video_dir = users.anonymous.app.state.settings.resolved_video_dir  # type: ignore[attr-defined]
    video_dir.mkdir(parents=True, exist_ok=True)
    clip = video_dir / "shared-clip.mp4"
    make_synthetic(clip, frame_count=12)
    try:
        for user in (alice, bob):
            job = user.http.post("/api/videos/scan").json()
            assert wait_until_finished(user.http, job["id"])["state"] == "completed"
        alice_items = alice.http.get("/api/videos").json()["items"]
        bob_items = bob.http.get("/api/videos").json()["items"]
        assert [v["path"] for v in alice_items] == [v["path"] for v in bob_items] == [clip.name]
        assert alice_items[0]["id"] != bob_items[0]["id"]
    finally:
        clip.unlink()
