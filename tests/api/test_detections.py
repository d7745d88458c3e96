"""Detection over the real API: queueing jobs, storing their boxes, reviewing the candidates."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from fovea.inference.contract import MAX_FRAMES_PER_JOB
from tests.api.vision_helpers import (
    detected,
    iou,
    library_app,
    listed,
    register_video,
    scan_library,
    store_detections,
    xywh,
)
from tests.conftest import Users
from tests.factories import make_entity, make_persona, make_type
from tests.inference.scenes import MovingObject, make_scene
from tests.jobs.helpers import wait_until_finished

SHIP, BOAT = (100.0, 50.0, 80.0, 40.0), (300.0, 200.0, 60.0, 30.0)


@pytest.fixture
def setup(client: TestClient) -> dict[str, str]:
    persona_id = make_persona(client)
    return {
        "video": register_video(client),
        "persona": persona_id,
        "type": make_type(client, persona_id),
    }


def candidates(http: TestClient, video_id: str, **params: Any) -> list[dict[str, Any]]:
    return listed(http, f"/api/videos/{video_id}/detections", **params)


def accept(http: TestClient, candidate_id: str, body: dict[str, Any]) -> dict[str, Any]:
    response = http.post(f"/api/detections/{candidate_id}/accept", json=body)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def typed(setup: dict[str, str]) -> dict[str, Any]:
    return {"persona_id": setup["persona"], "type_id": setup["type"]}


# --- the completion hook -------------------------------------------------------------------


def test_hook_stores_one_pending_candidate_per_box_clipped_to_the_frame(
    client: TestClient, setup: dict[str, str]
) -> None:
    job_id = store_detections(
        client,
        setup["video"],
        [
            detected(3, SHIP, 0.9),
            detected(3, (600.0, 340.0, 80.0, 40.0), 0.5, "boat"),  # overhangs: clipped
            detected(7, (700.0, 10.0, 20.0, 20.0), 0.7),  # wholly outside: dropped
        ],
    )
    items = candidates(client, setup["video"])
    assert [(c["frame"], c["label"], c["confidence"]) for c in items] == [
        (3, "ship", 0.9),
        (3, "boat", 0.5),
    ]
    assert xywh(items[0]) == SHIP
    assert xywh(items[1]) == (600.0, 340.0, 40.0, 20.0)
    assert {c["state"] for c in items} == {"pending"}
    assert {c["job_id"] for c in items} == {job_id}
    assert {c["detector"] for c in items} == {"motion"}
    assert items[0]["annotation_id"] is None


def test_hook_twice_for_one_job_adds_nothing_and_keeps_reviews(
    client: TestClient, setup: dict[str, str]
) -> None:
    boxes = [detected(frame, SHIP) for frame in range(5)]
    job_id = store_detections(client, setup["video"], boxes)
    first = candidates(client, setup["video"])
    accept(client, first[0]["id"], typed(setup))
    store_detections(client, setup["video"], boxes, job_id=job_id)
    again = candidates(client, setup["video"])
    assert [c["id"] for c in again] == [c["id"] for c in first]
    assert [c["state"] for c in again] == ["accepted"] + ["pending"] * 4


def test_hook_for_a_deleted_video_stores_nothing(client: TestClient, sync_engine: Engine) -> None:
    store_detections(client, str(uuid.uuid4()), [detected(0, SHIP)])
    with sync_engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM detection_candidates")) == 0


def test_hook_stores_thousands_of_boxes(client: TestClient, setup: dict[str, str]) -> None:
    boxes = [detected(frame % 100, SHIP, (frame % 10) / 10) for frame in range(5000)]
    store_detections(client, setup["video"], boxes)
    response = client.get(f"/api/videos/{setup['video']}/detections", params={"page_size": 1})
    assert response.json()["total"] == 5000


# --- listing -------------------------------------------------------------------------------


def test_list_filters_by_job_frame_state_and_confidence_and_pages(
    client: TestClient, setup: dict[str, str]
) -> None:
    video = setup["video"]
    first = store_detections(client, video, [detected(1, SHIP, 0.9), detected(2, BOAT, 0.4)])
    store_detections(client, video, [detected(1, BOAT, 0.6)])
    assert len(candidates(client, video)) == 3
    assert len(candidates(client, video, job_id=first)) == 2
    assert [c["confidence"] for c in candidates(client, video, frame=1)] == [0.9, 0.6]
    assert len(candidates(client, video, min_confidence=0.5)) == 2
    rejected = candidates(client, video, frame=2)[0]["id"]
    assert client.post(f"/api/detections/{rejected}/reject").json()["state"] == "rejected"
    assert len(candidates(client, video, state="pending")) == 2
    assert [c["id"] for c in candidates(client, video, state="rejected")] == [rejected]
    page = client.get(f"/api/videos/{video}/detections", params={"page_size": 2, "page": 2})
    assert (page.json()["total"], len(page.json()["items"])) == (3, 1)
    for bad in ({"state": "maybe"}, {"min_confidence": 2}, {"frame": -1}):
        assert client.get(f"/api/videos/{video}/detections", params=bad).status_code == 422


# --- accepting and rejecting ---------------------------------------------------------------


def test_accept_with_a_type_makes_a_one_keyframe_annotation_at_the_frame(
    client: TestClient, setup: dict[str, str]
) -> None:
    store_detections(client, setup["video"], [detected(42, SHIP, 0.75)])
    (candidate,) = candidates(client, setup["video"])
    accepted = accept(client, candidate["id"], typed(setup))
    assert accepted["state"] == "accepted" and accepted["annotation_id"] is not None
    annotation = client.get(f"/api/annotations/{accepted['annotation_id']}").json()
    assert annotation["source"] == "detection"
    assert (annotation["kind"], annotation["type_id"]) == ("type", setup["type"])
    assert (annotation["first_frame"], annotation["last_frame"]) == (42, 42)
    assert annotation["sequence"]["keyframes"][0]["confidence"] == 0.75
    assert annotation["notes"] == "ship"
    boxes = client.get(f"/api/annotations/{annotation['id']}/boxes").json()
    assert boxes == [{"frame": 42, "x": 100.0, "y": 50.0, "w": 80.0, "h": 40.0, "keyframe": True}]
    again = client.post(f"/api/detections/{candidate['id']}/accept", json=typed(setup))
    assert again.status_code == 409 and "already accepted" in again.json()["message"]
    assert client.post(f"/api/detections/{candidate['id']}/reject").status_code == 409
    total = client.get(f"/api/videos/{setup['video']}/annotations").json()["total"]
    assert total == 1


def test_accept_with_a_world_object_makes_an_object_annotation(
    client: TestClient, setup: dict[str, str]
) -> None:
    entity_id = make_entity(client)
    store_detections(client, setup["video"], [detected(5, SHIP)])
    (candidate,) = candidates(client, setup["video"])
    accepted = accept(client, candidate["id"], {"object_id": entity_id})
    annotation = client.get(f"/api/annotations/{accepted['annotation_id']}").json()
    assert annotation["object"] == {"kind": "entity", "id": entity_id}
    assert annotation["kind"] == "object" and annotation["persona_id"] is None


def test_rejected_candidate_cannot_be_accepted(client: TestClient, setup: dict[str, str]) -> None:
    store_detections(client, setup["video"], [detected(5, SHIP)])
    (candidate,) = candidates(client, setup["video"])
    rejected = client.post(f"/api/detections/{candidate['id']}/reject")
    assert (rejected.status_code, rejected.json()["state"]) == (200, "rejected")
    response = client.post(f"/api/detections/{candidate['id']}/accept", json=typed(setup))
    assert response.status_code == 409
    assert client.get(f"/api/detections/{candidate['id']}").json()["state"] == "rejected"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({}, "type_id"),
        ({"type_id": "TYPE"}, "persona_id"),
        ({"persona_id": "PERSONA", "type_id": str(uuid.uuid4())}, "type_id"),
        ({"persona_id": str(uuid.uuid4()), "type_id": "TYPE"}, "persona_id"),
        ({"object_id": str(uuid.uuid4())}, "object_id"),
        ({"persona_id": "PERSONA", "type_id": "TYPE", "object_id": "TYPE"}, "not both"),
        ({"persona_id": "PERSONA", "type_id": "RELATION"}, "type_id"),
        ({"persona_id": "PERSONA", "type_id": "OTHER"}, "type_id"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_accept_with_a_bad_link_is_422_and_changes_nothing(
    client: TestClient, setup: dict[str, str], body: dict[str, Any], expected: str
) -> None:
    names = {
        "PERSONA": setup["persona"],
        "TYPE": setup["type"],
        "RELATION": make_type(client, setup["persona"], kind="relation", name="owns"),
        "OTHER": make_type(client, make_persona(client, "Other")),
    }
    body = {key: names.get(value, value) for key, value in body.items()}
    store_detections(client, setup["video"], [detected(5, SHIP)])
    (candidate,) = candidates(client, setup["video"])
    response = client.post(f"/api/detections/{candidate['id']}/accept", json=body)
    assert response.status_code == 422, response.text
    assert expected in response.json()["message"]
    assert candidates(client, setup["video"])[0]["state"] == "pending"
    assert client.get(f"/api/videos/{setup['video']}/annotations").json()["total"] == 0


def test_accept_all_over_a_threshold_creates_one_annotation_each(
    client: TestClient, setup: dict[str, str]
) -> None:
    video = setup["video"]
    job = store_detections(
        client, video, [detected(f, SHIP, c) for f, c in ((1, 0.9), (2, 0.5), (3, 0.8), (4, 0.7))]
    )
    other_job = store_detections(client, video, [detected(9, BOAT, 0.95)])
    rejected = candidates(client, video, frame=4)[0]["id"]
    client.post(f"/api/detections/{rejected}/reject")
    body = typed(setup) | {"job_id": job, "min_confidence": 0.7}
    response = client.post(f"/api/videos/{video}/detections/accept", json=body)
    assert response.status_code == 200, response.text
    ids = response.json()["annotation_ids"]
    annotations = listed(client, f"/api/videos/{video}/annotations")
    assert sorted(a["id"] for a in annotations) == sorted(ids)
    assert [a["first_frame"] for a in annotations] == [1, 3]
    assert {a["source"] for a in annotations} == {"detection"}
    states = {c["frame"]: c["state"] for c in candidates(client, video)}
    assert states == {1: "accepted", 2: "pending", 3: "accepted", 4: "rejected", 9: "pending"}
    linked = {c["annotation_id"] for c in candidates(client, video, state="accepted")}
    assert linked == set(ids)
    assert candidates(client, video, job_id=other_job)[0]["state"] == "pending"
    repeat = client.post(f"/api/videos/{video}/detections/accept", json=body)
    assert repeat.json() == {"annotation_ids": []}


def test_accept_all_is_all_or_nothing(client: TestClient, setup: dict[str, str]) -> None:
    video = setup["video"]
    store_detections(client, video, [detected(f, SHIP, 0.9) for f in range(3)])
    body = {"persona_id": setup["persona"], "type_id": str(uuid.uuid4()), "min_confidence": 0.5}
    response = client.post(f"/api/videos/{video}/detections/accept", json=body)
    assert response.status_code == 422
    assert {c["state"] for c in candidates(client, video)} == {"pending"}
    assert client.get(f"/api/videos/{video}/annotations").json()["total"] == 0
    no_threshold = client.post(f"/api/videos/{video}/detections/accept", json=typed(setup))
    assert no_threshold.status_code == 422 and "min_confidence" in no_threshold.json()["message"]


# --- submitting a detection job ------------------------------------------------------------


def detect(http: TestClient, video_id: str, body: dict[str, Any]) -> Any:
    return http.post(f"/api/videos/{video_id}/detect", json=body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"frame": 100}, "frame 100 is outside"),
        ({"start_frame": 90, "end_frame": 100}, "frame 100 is outside"),
        ({"start_frame": 120}, "frame 120 is outside"),
        ({"start_frame": 50, "end_frame": 10}, "before start_frame"),
        ({"frame": 3, "start_frame": 1}, "not both"),
        ({"step": 0}, "step"),
        ({"frame": -1}, "frame"),
        ({"threshold": 1.5}, "threshold"),
        ({"persona_id": str(uuid.uuid4())}, "persona_id"),
        ({"bogus": True}, "bogus"),
    ],
)
def test_detect_with_bad_frames_or_query_is_422(
    client: TestClient, setup: dict[str, str], body: dict[str, Any], expected: str
) -> None:
    response = detect(client, setup["video"], body)
    assert response.status_code == 422, response.text
    assert expected in response.json()["message"]


def test_detect_refuses_more_frames_than_a_job_may_carry(client: TestClient) -> None:
    video = register_video(client, frame_count=MAX_FRAMES_PER_JOB + 10)
    response = detect(client, video, {})
    assert response.status_code == 422
    assert f"more than {MAX_FRAMES_PER_JOB}" in response.json()["message"]
    # Every second frame fits; this video has no file, so the next check refuses it.
    assert detect(client, video, {"step": 2}).status_code == 409


def test_detect_with_a_persona_without_entity_types_and_no_query_is_422(
    client: TestClient, setup: dict[str, str]
) -> None:
    persona = make_persona(client, "Empty")
    response = detect(client, setup["video"], {"persona_id": persona})
    assert response.status_code == 422 and "no entity types" in response.json()["message"]


def test_detect_on_a_video_not_ingested_or_without_a_file_is_409(
    client: TestClient, setup: dict[str, str]
) -> None:
    pending = register_video(client, frame_count=None, width=None, height=None)
    response = detect(client, pending, {"frame": 0})
    assert response.status_code == 409 and "not ingested" in response.json()["message"]
    response = detect(client, setup["video"], {"frame": 0})
    assert response.status_code == 409 and "no file" in response.json()["message"]
    assert client.get("/api/jobs").json()["total"] == 0


def test_another_users_video_and_candidates_are_404(users: Users) -> None:
    alice, bob = users.create("alice"), users.create("bob")
    persona = make_persona(alice.http)
    setup = {"video": register_video(alice.http), "persona": persona}
    setup["type"] = make_type(alice.http, persona)
    store_detections(alice.http, setup["video"], [detected(1, SHIP), detected(2, BOAT)])
    first, second = (c["id"] for c in candidates(alice.http, setup["video"]))
    assert detect(bob.http, setup["video"], {"frame": 0}).status_code == 404
    assert bob.http.get(f"/api/videos/{setup['video']}/detections").status_code == 404
    body = typed(setup) | {"min_confidence": 0}
    assert (
        bob.http.post(f"/api/videos/{setup['video']}/detections/accept", json=body).status_code
        == 404
    )
    assert bob.http.get(f"/api/detections/{first}").status_code == 404
    assert bob.http.post(f"/api/detections/{first}/accept", json=typed(setup)).status_code == 404
    assert bob.http.post(f"/api/detections/{first}/reject").status_code == 404
    # Bob's own candidate cannot take Alice's type: the link is refused like annotations do.
    bob_video = register_video(bob.http)
    store_detections(bob.http, bob_video, [detected(1, SHIP)])
    (bobs,) = candidates(bob.http, bob_video)
    response = bob.http.post(f"/api/detections/{bobs['id']}/accept", json=typed(setup))
    assert response.status_code == 422
    assert {c["state"] for c in candidates(alice.http, setup["video"])} == {"pending"}
    assert alice.http.get(f"/api/detections/{second}").status_code == 200


# --- the whole flow with a real detector ---------------------------------------------------

MOVER = MovingObject("mover", "box", (40, 40, 210), (48, 48), (40, 150), (540, 170))


@pytest.fixture(scope="module")
def scene_app(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, Path]]:
    data_dir = tmp_path_factory.mktemp("vision-detect")
    with library_app(database_url, data_dir) as http:
        yield http, data_dir / "videos"


def test_detect_queues_a_job_for_the_library_file_with_the_query(
    scene_app: tuple[TestClient, Path], sync_engine: Engine
) -> None:
    http, video_dir = scene_app
    make_scene(video_dir / "mover.mp4", (MOVER,), frame_count=24)
    video = scan_library(http)["mover.mp4"]
    persona = make_persona(http)
    for name in ("Vehicle", "Person"):
        make_type(http, persona, name=name)
    requests = [
        ({"query": " car; truck,, car ,", "threshold": 0.5}, ["car", "truck"]),
        ({"persona_id": persona, "frame": 7}, ["Person", "Vehicle"]),
        ({"persona_id": persona, "query": "boat"}, ["boat"]),
    ]
    for body, query in requests:
        response = detect(http, video["id"], body | {"detector": "motion"})
        assert response.status_code == 202, response.text
        job = response.json()
        assert (job["kind"], job["state"]) == ("object-detection", "queued")
        wait_until_finished(http, job["id"], timeout_s=120)
        with sync_engine.connect() as connection:
            spec = connection.scalar(text("SELECT payload FROM jobs WHERE id = :id"), job)
        assert spec["query"] == query
        assert spec["detector"] == "motion"
        assert spec["video"]["uri"] == str((video_dir / "mover.mp4").resolve())
    assert spec["frames"] == list(range(24))
    assert spec["threshold"] == 0.3


def test_detect_on_a_range_then_review_the_candidates(
    scene_app: tuple[TestClient, Path],
) -> None:
    http, video_dir = scene_app
    scene = make_scene(video_dir / "mover.mp4", (MOVER,), frame_count=48)
    video = scan_library(http)["mover.mp4"]
    persona = make_persona(http)
    type_id = make_type(http, persona, name="Vehicle")
    response = detect(http, video["id"], {"start_frame": 10, "end_frame": 40, "step": 2})
    assert response.status_code == 202, response.text
    job = wait_until_finished(http, response.json()["id"], timeout_s=120)
    assert (job["kind"], job["state"]) == ("object-detection", "completed"), job
    found = candidates(http, video["id"], job_id=job["id"])
    assert {c["frame"] for c in found} <= set(range(10, 41, 2))
    truth = scene.truth[1]
    hits = {c["frame"] for c in found if iou(xywh(c), truth[c["frame"]]) > 0.5}
    assert len(hits) >= 12, found  # the mover is found on most of the 16 frames
    best = max(found, key=lambda c: iou(xywh(c), truth[c["frame"]]))
    accepted = accept(http, best["id"], {"persona_id": persona, "type_id": type_id})
    boxes = http.get(f"/api/annotations/{accepted['annotation_id']}/boxes").json()
    assert [(b["frame"], xywh(b)) for b in boxes] == [(best["frame"], xywh(best))]
    pending = [c for c in found if c["state"] == "pending" and c["id"] != best["id"]]
    rejected = http.post(f"/api/detections/{pending[0]['id']}/reject").json()
    assert rejected["state"] == "rejected"
    body = {"persona_id": persona, "type_id": type_id, "min_confidence": 0.0, "job_id": job["id"]}
    ids = http.post(f"/api/videos/{video['id']}/detections/accept", json=body).json()
    assert len(ids["annotation_ids"]) == len(found) - 2
    assert {c["state"] for c in candidates(http, video["id"], state="pending")} == set()
