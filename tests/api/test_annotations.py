"""Annotations over the real API: links, sequences, versions, idempotency and ownership."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from tests.conftest import Users
from tests.factories import box, make_entity, make_persona, make_type, make_video, sequence
from tests.jobs.helpers import wait_until_finished


@pytest.fixture
def setup(client: TestClient) -> dict[str, str]:
    persona_id = make_persona(client)
    return {
        "video": make_video(client),
        "persona": persona_id,
        "type": make_type(client, persona_id),
    }


def typed(setup: dict[str, str], seq: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    body = {
        "kind": "type",
        "persona_id": setup["persona"],
        "type_id": setup["type"],
        "sequence": seq or sequence(box(0), box(10, x=20.0)),
    }
    return body | extra


def post(client: TestClient, setup: dict[str, str], body: dict[str, Any]) -> httpx.Response:
    return client.post(f"/api/videos/{setup['video']}/annotations", json=body)


def created(client: TestClient, setup: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    response = post(client, setup, body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def test_type_annotation_round_trips_with_visible_range_filled_in(
    client: TestClient, setup: dict[str, str]
) -> None:
    annotation = created(client, setup, typed(setup, notes="bow first"))
    assert annotation["version"] == 1
    assert annotation["source"] == "manual"
    assert annotation["sequence"]["visible"] == [{"start_frame": 0, "end_frame": 10}]
    assert (annotation["first_frame"], annotation["last_frame"]) == (0, 10)
    fetched = client.get(f"/api/annotations/{annotation['id']}").json()
    assert fetched == annotation


def test_object_annotation_links_a_world_object(client: TestClient, setup: dict[str, str]) -> None:
    entity_id = make_entity(client)
    body = {
        "kind": "object",
        "object": {"kind": "entity", "id": entity_id},
        "sequence": sequence(box(5)),
    }
    annotation = created(client, setup, body)
    assert annotation["object"] == {"kind": "entity", "id": entity_id}
    assert annotation["persona_id"] is None and annotation["type_id"] is None


def test_list_filters_by_persona_and_kind_and_paginates(
    client: TestClient, setup: dict[str, str]
) -> None:
    other_persona = make_persona(client, "Other")
    other_type = make_type(client, other_persona)
    created(client, setup, typed(setup))
    created(client, setup, typed(setup, sequence(box(3))))
    created(client, setup, typed(setup, persona_id=other_persona, type_id=other_type))
    base = f"/api/videos/{setup['video']}/annotations"
    assert client.get(base).json()["total"] == 3
    mine = client.get(base, params={"persona_id": setup["persona"], "page_size": 1}).json()
    assert (mine["total"], len(mine["items"])) == (2, 1)
    assert client.get(base, params={"kind": "object"}).json()["total"] == 0
    assert client.get(base, params={"kind": "bogus"}).status_code == 422


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"sequence": None}, "sequence"),
        ({"sequence": {"keyframes": []}}, "keyframes"),
        ({"sequence": sequence({**box(0), "frame": "3"})}, "frame"),
        ({"sequence": sequence({**box(0), "frame": 1.5})}, "frame"),
        ({"sequence": sequence(box(5), box(2))}, "sequence.keyframes[1].frame"),
        ({"sequence": sequence(box(0, w=0.0))}, "w"),
        ({"sequence": sequence(box(0, x=1250.0))}, "sequence.keyframes[0]"),
        (
            {
                "sequence": sequence(
                    box(0),
                    box(9),
                    segments=[
                        {
                            "start_frame": 0,
                            "end_frame": 9,
                            "mode": "bezier",
                            "bezier": [1.5, 0, 0.5, 1],
                        }
                    ],
                )
            },
            "sequence.segments[0].bezier",
        ),
        (
            {"sequence": sequence(box(0), box(9), visible=[{"start_frame": 3, "end_frame": 9}])},
            "sequence.keyframes[0].frame",
        ),
        ({"kind": "shape"}, "kind"),
        ({"type_id": str(uuid.uuid4())}, "type_id"),
        ({"persona_id": None}, "persona_id"),
        ({"object": {"kind": "entity", "id": str(uuid.uuid4())}}, "object"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_bad_input_is_422_naming_the_problem(
    client: TestClient, setup: dict[str, str], change: dict[str, Any], expected: str
) -> None:
    response = post(client, setup, typed(setup) | change)
    assert response.status_code == 422, response.text
    assert expected in response.json()["message"]
    assert client.get(f"/api/videos/{setup['video']}/annotations").json()["total"] == 0


def test_a_type_of_another_persona_or_a_relation_type_is_refused(
    client: TestClient, setup: dict[str, str]
) -> None:
    other_type = make_type(client, make_persona(client, "Other"))
    relation = make_type(client, setup["persona"], kind="relation", name="owns")
    assert post(client, setup, typed(setup, type_id=other_type)).status_code == 422
    assert post(client, setup, typed(setup, type_id=relation)).status_code == 422


def test_object_annotation_must_match_the_object_kind(
    client: TestClient, setup: dict[str, str]
) -> None:
    entity_id = make_entity(client)
    body = {
        "kind": "object",
        "object": {"kind": "event", "id": entity_id},
        "sequence": sequence(box(0)),
    }
    assert post(client, setup, body).status_code == 422


def test_unknown_video_and_annotation_are_404(client: TestClient, setup: dict[str, str]) -> None:
    missing = str(uuid.uuid4())
    assert client.post(f"/api/videos/{missing}/annotations", json=typed(setup)).status_code == 404
    assert client.get(f"/api/videos/{missing}/annotations").status_code == 404
    for method in ("GET", "DELETE"):
        assert client.request(method, f"/api/annotations/{missing}").status_code == 404
    assert client.patch(f"/api/annotations/{missing}", json={"version": 1}).status_code == 404
    assert client.get(f"/api/annotations/{missing}/boxes").status_code == 404


def test_create_with_client_id_is_idempotent(client: TestClient, setup: dict[str, str]) -> None:
    annotation_id = str(uuid.uuid4())
    first = post(client, setup, typed(setup, id=annotation_id))
    repeat = post(client, setup, typed(setup, id=annotation_id, notes="changed"))
    assert (first.status_code, repeat.status_code) == (201, 200)
    assert repeat.json() == first.json()
    assert client.get(f"/api/videos/{setup['video']}/annotations").json()["total"] == 1


def test_patch_bumps_version_and_stale_version_is_409_changing_nothing(
    client: TestClient, setup: dict[str, str]
) -> None:
    annotation = created(client, setup, typed(setup))
    path = f"/api/annotations/{annotation['id']}"
    moved = client.patch(path, json={"version": 1, "sequence": sequence(box(0), box(20, x=50.0))})
    assert moved.status_code == 200 and moved.json()["version"] == 2
    stale = client.patch(path, json={"version": 1, "notes": "lost update"})
    assert stale.status_code == 409
    assert stale.json()["details"]["current_version"] == 2
    assert client.get(path).json()["notes"] is None
    assert client.get(path).json()["last_frame"] == 20


def test_patch_with_invalid_sequence_is_422_and_keeps_the_stored_one(
    client: TestClient, setup: dict[str, str]
) -> None:
    annotation = created(client, setup, typed(setup))
    path = f"/api/annotations/{annotation['id']}"
    response = client.patch(path, json={"version": 1, "sequence": sequence(box(4), box(4))})
    assert response.status_code == 422
    assert client.get(path).json() == annotation


def test_patch_without_version_is_422(client: TestClient, setup: dict[str, str]) -> None:
    annotation = created(client, setup, typed(setup))
    response = client.patch(f"/api/annotations/{annotation['id']}", json={"notes": "x"})
    assert response.status_code == 422
    assert "version" in response.json()["message"]


def test_boxes_are_interpolated_and_skip_invisible_frames(
    client: TestClient, setup: dict[str, str]
) -> None:
    seq = sequence(
        box(0, x=0.0), box(10, x=100.0),
        visible=[{"start_frame": 0, "end_frame": 3}, {"start_frame": 8, "end_frame": 10}],
    )  # fmt: skip
    annotation = created(client, setup, typed(setup, seq))
    boxes = client.get(f"/api/annotations/{annotation['id']}/boxes").json()
    assert [b["frame"] for b in boxes] == [0, 1, 2, 3, 8, 9, 10]
    assert boxes[2] == {"frame": 2, "x": 20.0, "y": 20.0, "w": 100.0, "h": 50.0, "keyframe": False}
    assert boxes[-1]["keyframe"] is True
    window = client.get(f"/api/annotations/{annotation['id']}/boxes", params={"start": 2, "end": 8})
    assert [b["frame"] for b in window.json()] == [2, 3, 8]
    backwards = client.get(
        f"/api/annotations/{annotation['id']}/boxes", params={"start": 5, "end": 1}
    )
    assert backwards.status_code == 422


def test_delete_removes_it(client: TestClient, setup: dict[str, str]) -> None:
    annotation = created(client, setup, typed(setup))
    assert client.delete(f"/api/annotations/{annotation['id']}").status_code == 204
    assert client.get(f"/api/annotations/{annotation['id']}").status_code == 404


def test_a_type_in_use_cannot_be_deleted(client: TestClient, setup: dict[str, str]) -> None:
    created(client, setup, typed(setup))
    path = f"/api/personas/{setup['persona']}/entity-types/{setup['type']}"
    response = client.delete(path)
    assert response.status_code == 409
    assert "annotations" in response.json()["message"]
    assert client.get(path).status_code == 200


def test_deleting_the_persona_takes_its_annotations(
    client: TestClient, setup: dict[str, str]
) -> None:
    annotation = created(client, setup, typed(setup))
    preview = client.get(f"/api/personas/{setup['persona']}/deletion-preview").json()
    assert preview["removes"]["annotations"] == 1
    assert client.delete(f"/api/personas/{setup['persona']}").status_code == 204
    assert client.get(f"/api/annotations/{annotation['id']}").status_code == 404


def test_another_users_annotations_and_videos_are_404(users: Users) -> None:
    alice, bob = users.create("alice"), users.create("bob")
    persona_id = make_persona(alice.http)
    setup = {
        "video": make_video(alice.http),
        "persona": persona_id,
        "type": make_type(alice.http, persona_id),
    }
    annotation = created(alice.http, setup, typed(setup))
    path = f"/api/annotations/{annotation['id']}"
    assert bob.http.get(path).status_code == 404
    assert bob.http.patch(path, json={"version": 1, "notes": "x"}).status_code == 404
    assert bob.http.delete(path).status_code == 404
    assert bob.http.get(f"{path}/boxes").status_code == 404
    assert bob.http.get(f"/api/videos/{setup['video']}/annotations").status_code == 404
    assert post(bob.http, setup, typed(setup)).status_code == 404
    bob_setup = {**setup, "video": make_video(bob.http)}
    assert post(bob.http, bob_setup, typed(setup)).status_code == 422  # alice's persona
    assert alice.http.get(path).json()["version"] == 1


def test_concurrent_patches_with_one_version_exactly_one_wins(
    live_url: str, client: TestClient, setup: dict[str, str]
) -> None:
    annotation = created(client, setup, typed(setup))
    path = f"{live_url}/api/annotations/{annotation['id']}"
    barrier = threading.Barrier(8)
    statuses: dict[str, int] = {}

    def patch(note: str) -> None:
        with httpx.Client(timeout=30) as http:
            barrier.wait()
            statuses[note] = http.patch(path, json={"version": 1, "notes": note}).status_code

    threads = [threading.Thread(target=patch, args=(f"writer {i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [note for note, code in statuses.items() if code == 200]
    assert sorted(statuses.values()) == [200] + [409] * 7
    stored = httpx.get(path).json()
    assert (stored["notes"], stored["version"]) == (winners[0], 2)


def test_revalidation_job_reports_annotations_that_no_longer_fit_the_frame(
    client: TestClient, setup: dict[str, str], sync_engine: Engine
) -> None:
    created(client, setup, typed(setup, sequence(box(0, x=10.0))))
    wide = created(client, setup, typed(setup, sequence(box(0, x=1100.0, w=150.0))))
    with sync_engine.begin() as connection:  # a re-ingest found a smaller frame
        connection.execute(
            text("UPDATE videos SET width = 640 WHERE id = :id"), {"id": setup["video"]}
        )
    response = client.post(f"/api/videos/{setup['video']}/annotations/validate")
    assert response.status_code == 202, response.text
    job = wait_until_finished(client, response.json()["id"])
    assert (job["kind"], job["state"]) == ("annotation-validation", "completed")
    assert job["result"]["checked"] == 2
    problems = job["result"]["problems"]
    assert [(p["annotation_id"], p["path"]) for p in problems] == [(wide["id"], "keyframes[0]")]
    assert "640x720" in problems[0]["message"]


def test_revalidation_of_another_users_video_is_404(users: Users) -> None:
    alice, bob = users.create("alice"), users.create("bob")
    video_id = make_video(alice.http)
    assert bob.http.post(f"/api/videos/{video_id}/annotations/validate").status_code == 404
