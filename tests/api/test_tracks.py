"""Tracking over the real API: queueing jobs, tracks as sequences, reviewing and accepting."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from fovea.inference.contract import MAX_FRAMES_PER_JOB
from tests.api.vision_helpers import (
    Xywh,
    iou,
    library_app,
    listed,
    register_video,
    scan_library,
    store_tracks,
    track_out,
    xywh,
)
from tests.conftest import Users
from tests.factories import make_entity, make_persona, make_type
from tests.inference.scenes import MovingObject, make_scene
from tests.jobs.helpers import wait_until_finished


def path(first: int, last: int, skip: range = range(0)) -> dict[int, Xywh]:
    """A box moving 4 px right and 1 px down per frame, growing on the way, except ``skip``."""
    return {
        frame: (100.0 + 4 * frame, 50.0 + frame, 40.0 + (frame > 20) * (frame - 20), 30.0)
        for frame in range(first, last + 1)
        if frame not in skip
    }


@pytest.fixture
def setup(client: TestClient) -> dict[str, str]:
    persona_id = make_persona(client)
    return {
        "video": register_video(client),
        "persona": persona_id,
        "type": make_type(client, persona_id),
    }


def tracks(http: TestClient, video_id: str, **params: Any) -> list[dict[str, Any]]:
    return listed(http, f"/api/videos/{video_id}/tracks", **params)


def boxes_of(http: TestClient, kind: str, row_id: str, **params: Any) -> list[dict[str, Any]]:
    response = http.get(f"/api/{kind}/{row_id}/boxes", params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def typed(setup: dict[str, str]) -> dict[str, Any]:
    return {"persona_id": setup["persona"], "type_id": setup["type"]}


# --- the completion hook -------------------------------------------------------------------


def test_hook_stores_a_pending_track_as_a_sparse_sequence_with_hidden_gaps(
    client: TestClient, setup: dict[str, str]
) -> None:
    observed = path(5, 40, skip=range(12, 16))
    job_id = store_tracks(client, setup["video"], [track_out(7, observed, 0.8, "ship")])
    (track,) = tracks(client, setup["video"])
    assert (track["label"], track["confidence"], track["state"]) == ("ship", 0.8, "pending")
    assert (track["job_id"], track["tracker"], track["detector"]) == (job_id, "bytetrack", "motion")
    assert (track["first_frame"], track["last_frame"]) == (5, 40)
    assert track["frame_confidences"] == [[f, 0.5 + f / 1000] for f in sorted(observed)]
    sequence = track["sequence"]
    assert sequence["visible"] == [
        {"start_frame": 5, "end_frame": 11},
        {"start_frame": 16, "end_frame": 40},
    ]
    keyframes = [k["frame"] for k in sequence["keyframes"]]
    assert keyframes == [5, 11, 16, 20, 40]  # linear stretches need no keyframe in between
    assert [k["confidence"] for k in sequence["keyframes"]] == [0.5 + f / 1000 for f in keyframes]
    shown = boxes_of(client, "tracks", track["id"])
    assert [b["frame"] for b in shown] == sorted(observed)
    for box in shown:
        assert xywh(box) == pytest.approx(observed[box["frame"]], abs=1.0)
    assert client.get(f"/api/tracks/{track['id']}").json() == track


def test_hook_clips_boxes_and_drops_boxes_outside_the_frame(
    client: TestClient, setup: dict[str, str]
) -> None:
    observed = {0: (600.0, 10.0, 80.0, 20.0), 1: (700.0, 10.0, 80.0, 20.0), 2: (10.0, 10, 5, 5)}
    store_tracks(client, setup["video"], [track_out(1, observed), track_out(2, {3: observed[1]})])
    (track,) = tracks(client, setup["video"])  # the second track has nothing inside the frame
    shown = boxes_of(client, "tracks", track["id"])
    assert [(b["frame"], xywh(b)) for b in shown] == [
        (0, (600.0, 10.0, 40.0, 20.0)),
        (2, (10.0, 10.0, 5.0, 5.0)),
    ]


def test_hook_twice_for_one_job_adds_nothing_and_keeps_reviews(
    client: TestClient, setup: dict[str, str]
) -> None:
    found = [track_out(1, path(0, 10)), track_out(2, path(20, 30))]
    job_id = store_tracks(client, setup["video"], found)
    first = tracks(client, setup["video"])
    client.post(f"/api/tracks/{first[0]['id']}/reject")
    store_tracks(client, setup["video"], found, job_id=job_id)
    again = tracks(client, setup["video"])
    assert [t["id"] for t in again] == [t["id"] for t in first]
    assert [t["state"] for t in again] == ["rejected", "pending"]


def test_list_filters_by_job_and_state(client: TestClient, setup: dict[str, str]) -> None:
    video = setup["video"]
    first = store_tracks(client, video, [track_out(1, path(0, 5)), track_out(2, path(9, 12))])
    store_tracks(client, video, [track_out(1, path(3, 8))])
    assert [t["first_frame"] for t in tracks(client, video)] == [0, 3, 9]
    assert len(tracks(client, video, job_id=first)) == 2
    client.post(f"/api/tracks/{tracks(client, video)[0]['id']}/reject")
    assert len(tracks(client, video, state="pending")) == 2
    page = client.get(f"/api/videos/{video}/tracks", params={"page_size": 1}).json()
    assert (page["total"], len(page["items"])) == (3, 1)
    assert client.get(f"/api/videos/{video}/tracks", params={"state": "x"}).status_code == 422


def test_boxes_window_and_bad_window(client: TestClient, setup: dict[str, str]) -> None:
    store_tracks(client, setup["video"], [track_out(1, path(0, 30))])
    (track,) = tracks(client, setup["video"])
    window = boxes_of(client, "tracks", track["id"], start=10, end=12)
    assert [(b["frame"], b["keyframe"]) for b in window] == [(10, False), (11, False), (12, False)]
    backwards = client.get(f"/api/tracks/{track['id']}/boxes", params={"start": 9, "end": 3})
    assert backwards.status_code == 422


# --- accepting and rejecting ---------------------------------------------------------------


def test_accept_makes_an_annotation_whose_boxes_equal_the_tracks(
    client: TestClient, setup: dict[str, str]
) -> None:
    store_tracks(client, setup["video"], [track_out(1, path(0, 40, skip=range(25, 30)))])
    (track,) = tracks(client, setup["video"])
    response = client.post(f"/api/tracks/{track['id']}/accept", json=typed(setup) | {"label": "MV"})
    assert response.status_code == 200, response.text
    accepted = response.json()
    assert (accepted["state"], accepted["label"]) == ("accepted", "MV")
    annotation = client.get(f"/api/annotations/{accepted['annotation_id']}").json()
    assert (annotation["source"], annotation["type_id"], annotation["notes"]) == (
        "tracking",
        setup["type"],
        "MV",
    )
    assert annotation["sequence"] == track["sequence"]
    assert boxes_of(client, "annotations", annotation["id"]) == boxes_of(
        client, "tracks", track["id"]
    )
    again = client.post(f"/api/tracks/{track['id']}/accept", json=typed(setup))
    assert again.status_code == 409 and "already accepted" in again.json()["message"]
    assert client.post(f"/api/tracks/{track['id']}/reject").status_code == 409


def test_accept_with_a_world_object(client: TestClient, setup: dict[str, str]) -> None:
    entity = make_entity(client)
    store_tracks(client, setup["video"], [track_out(1, path(0, 10), label="boat")])
    (track,) = tracks(client, setup["video"])
    accepted = client.post(f"/api/tracks/{track['id']}/accept", json={"object_id": entity}).json()
    annotation = client.get(f"/api/annotations/{accepted['annotation_id']}").json()
    assert annotation["object"] == {"kind": "entity", "id": entity}
    assert (annotation["notes"], accepted["label"]) == ("boat", "boat")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"type_id": str(uuid.uuid4()), "persona_id": "PERSONA"},
        {"type_id": "TYPE", "persona_id": str(uuid.uuid4())},
        {"object_id": str(uuid.uuid4())},
        {"type_id": "TYPE", "persona_id": "PERSONA", "label": ""},
    ],
)
def test_accept_with_a_bad_link_is_422_and_changes_nothing(
    client: TestClient, setup: dict[str, str], body: dict[str, Any]
) -> None:
    names = {"PERSONA": setup["persona"], "TYPE": setup["type"]}
    body = {key: names.get(value, value) for key, value in body.items()}
    store_tracks(client, setup["video"], [track_out(1, path(0, 10))])
    (track,) = tracks(client, setup["video"])
    response = client.post(f"/api/tracks/{track['id']}/accept", json=body)
    assert response.status_code == 422, response.text
    assert client.get(f"/api/tracks/{track['id']}").json() == track
    assert client.get(f"/api/videos/{setup['video']}/annotations").json()["total"] == 0


def test_reject_then_accept_is_409(client: TestClient, setup: dict[str, str]) -> None:
    store_tracks(client, setup["video"], [track_out(1, path(0, 10))])
    (track,) = tracks(client, setup["video"])
    assert client.post(f"/api/tracks/{track['id']}/reject").json()["state"] == "rejected"
    assert client.post(f"/api/tracks/{track['id']}/accept", json=typed(setup)).status_code == 409


# --- submitting a tracking job -------------------------------------------------------------


def track_job(http: TestClient, video_id: str, body: dict[str, Any]) -> Any:
    return http.post(f"/api/videos/{video_id}/track", json=body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"start_frame": 10, "end_frame": 5}, "before start_frame"),
        ({"start_frame": 0, "end_frame": 100}, "frame 100 is outside"),
        ({"start_frame": 0}, "end_frame"),
        ({"start_frame": 0, "end_frame": 9, "box": {"frame": 20, "x": 1, "y": 1, "w": 9, "h": 9}},
         "box.frame"),
        ({"start_frame": 0, "end_frame": 9, "box": {"frame": 2, "x": 600, "y": 1, "w": 50, "h": 9}},
         "not inside the 640x360 frame"),
        ({"start_frame": 0, "end_frame": 9, "box": {"frame": 2, "x": -1, "y": 1, "w": 5, "h": 9}},
         "not inside"),
        ({"start_frame": 0, "end_frame": 9, "box": {"frame": 2, "x": 1, "y": 1, "w": 0, "h": 9}},
         "w"),
        ({"start_frame": 0, "end_frame": 9, "threshold": -0.1}, "threshold"),
        ({"start_frame": 0, "end_frame": 9, "tracker": ""}, "tracker"),
    ],
)  # fmt: skip
def test_track_with_bad_frames_or_box_is_422(
    client: TestClient, setup: dict[str, str], body: dict[str, Any], expected: str
) -> None:
    response = track_job(client, setup["video"], body)
    assert response.status_code == 422, response.text
    assert expected in response.json()["message"]
    assert client.get("/api/jobs").json()["total"] == 0


def test_track_refuses_more_frames_than_a_job_may_carry(client: TestClient) -> None:
    video = register_video(client, frame_count=MAX_FRAMES_PER_JOB + 10)
    body = {"start_frame": 0, "end_frame": MAX_FRAMES_PER_JOB}
    response = track_job(client, video, body)
    assert response.status_code == 422
    assert f"more than {MAX_FRAMES_PER_JOB}" in response.json()["message"]


def test_track_on_a_video_not_ingested_or_without_a_file_is_409(
    client: TestClient, setup: dict[str, str]
) -> None:
    pending = register_video(client, frame_count=None, width=None, height=None)
    body = {"start_frame": 0, "end_frame": 9}
    response = track_job(client, pending, body)
    assert response.status_code == 409 and "not ingested" in response.json()["message"]
    response = track_job(client, setup["video"], body)
    assert response.status_code == 409 and "no file" in response.json()["message"]


def test_another_users_video_and_tracks_are_404(users: Users) -> None:
    alice, bob = users.create("alice"), users.create("bob")
    persona = make_persona(alice.http)
    setup = {"video": register_video(alice.http), "persona": persona}
    setup["type"] = make_type(alice.http, persona)
    store_tracks(alice.http, setup["video"], [track_out(1, path(0, 10))])
    (track,) = tracks(alice.http, setup["video"])
    body = {"start_frame": 0, "end_frame": 9}
    assert track_job(bob.http, setup["video"], body).status_code == 404
    assert bob.http.get(f"/api/videos/{setup['video']}/tracks").status_code == 404
    for route in ("", "/boxes"):
        assert bob.http.get(f"/api/tracks/{track['id']}{route}").status_code == 404
    assert bob.http.post(f"/api/tracks/{track['id']}/accept", json=typed(setup)).status_code == 404
    assert bob.http.post(f"/api/tracks/{track['id']}/reject").status_code == 404
    bob_video = register_video(bob.http)
    store_tracks(bob.http, bob_video, [track_out(1, path(0, 10))])
    (bobs,) = tracks(bob.http, bob_video)
    response = bob.http.post(f"/api/tracks/{bobs['id']}/accept", json=typed(setup))
    assert response.status_code == 422  # Alice's persona and type
    assert alice.http.get(f"/api/tracks/{track['id']}").json()["state"] == "pending"


# --- the whole flow with a real tracker ----------------------------------------------------

MOVER = MovingObject("mover", "box", (40, 40, 210), (48, 48), (40, 150), (540, 170), (30, 34))


@pytest.fixture(scope="module")
def scene_app(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, Path]]:
    data_dir = tmp_path_factory.mktemp("vision-track")
    with library_app(database_url, data_dir) as http:
        yield http, data_dir / "videos"


def follows(http: TestClient, track: dict[str, Any], truth: dict[int, Xywh]) -> float:
    """The share of the track's boxes on frames where the object is drawn with IoU > 0.5."""
    shown = [b for b in boxes_of(http, "tracks", track["id"]) if b["frame"] in truth]
    assert shown, track
    return sum(iou(xywh(b), truth[b["frame"]]) > 0.5 for b in shown) / len(shown)


def test_track_without_a_box_follows_the_moving_object_and_is_accepted(
    scene_app: tuple[TestClient, Path],
) -> None:
    http, video_dir = scene_app
    scene = make_scene(video_dir / "mover.mp4", (MOVER,), frame_count=60)
    video = scan_library(http)["mover.mp4"]
    response = track_job(http, video["id"], {"start_frame": 0, "end_frame": 59})
    assert response.status_code == 202, response.text
    job = wait_until_finished(http, response.json()["id"], timeout_s=120)
    assert (job["kind"], job["state"]) == ("object-tracking", "completed"), job
    found = tracks(http, video["id"], job_id=job["id"])
    assert found and {t["state"] for t in found} == {"pending"}
    longest = max(found, key=lambda t: len(t["frame_confidences"]))
    assert len(longest["frame_confidences"]) >= 30
    assert follows(http, longest, scene.truth[1]) > 0.9
    shown = {box["frame"] for box in boxes_of(http, "tracks", longest["id"])}
    assert not shown & set(range(30, 35))  # hidden there: no box, as the object is not drawn
    persona = make_persona(http)
    body = {"persona_id": persona, "type_id": make_type(http, persona, name="Vehicle")}
    accepted = http.post(f"/api/tracks/{longest['id']}/accept", json=body).json()
    annotation_boxes = boxes_of(http, "annotations", accepted["annotation_id"])
    assert annotation_boxes == boxes_of(http, "tracks", longest["id"])


def test_track_from_a_drawn_box_makes_one_track(scene_app: tuple[TestClient, Path]) -> None:
    http, video_dir = scene_app
    scene = make_scene(video_dir / "seeded.mp4", (MOVER,), frame_count=30)
    video = scan_library(http)["seeded.mp4"]
    x, y, w, h = scene.truth[1][5]
    seed = {"frame": 5, "x": x, "y": y, "w": w, "h": h}
    body = {"start_frame": 5, "end_frame": 25, "box": seed, "label": "mover"}
    response = track_job(http, video["id"], body)
    assert response.status_code == 202, response.text
    job = wait_until_finished(http, response.json()["id"], timeout_s=120)
    assert job["state"] == "completed", job
    (track,) = tracks(http, video["id"], job_id=job["id"])
    assert (track["label"], track["first_frame"]) == ("mover", 5)
    assert follows(http, track, scene.truth[1]) > 0.9
