"""Video summaries: a job per (video, persona) whose result is upserted into one row.

The flow tests summarize the sample videos with the offline models through the real in-process
job runner; the hook tests store constructed results directly. ``library_app``,
``scan_library`` and the hook helpers are shared with the transcript, search and suggestion
tests.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from fovea.inference.contract import (
    KeyFrame,
    PersonaContext,
    SummarizationResult,
    SummarizationSpec,
    TranscriptionResult,
    TranscriptSegment,
    VideoRef,
)
from fovea.jobs.models import Job
from fovea.server import create_app
from fovea.summaries import hooks
from tests.conftest import Users, make_settings
from tests.factories import actor_of, make_persona, make_type, make_video
from tests.jobs.helpers import wait_until_finished

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "videos"
BUNNY, DUST = "big-buck-bunny-720p.mp4", "dust-storm.webm"  # with audio; without audio
JOB_TIMEOUT_S = 180.0
FAST_OPTIONS = {"max_key_frames": 3, "transcribe": False, "detect": False}


@contextmanager
def library_app(database_url: str, data_dir: Path) -> Iterator[TestClient]:
    """A single-user app whose video folder holds the sample videos; its watcher polls fast."""
    video_dir = data_dir / "videos"
    video_dir.mkdir()
    for name in (BUNNY, DUST):
        shutil.copyfile(SAMPLES / name, video_dir / name)
    settings = make_settings(database_url, data_dir, video_dir=video_dir, job_poll_interval_s=0.05)
    with TestClient(create_app(settings)) as http:
        yield http


@pytest.fixture(scope="module")
def library_http(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    with library_app(database_url, tmp_path_factory.mktemp("summaries")) as http:
        yield http


def scan_library(http: TestClient) -> dict[str, dict[str, Any]]:
    """Scan the folder, wait for every ingest; the videos (detail JSON) by path."""
    response = http.post("/api/videos/scan")
    assert response.status_code == 202, response.text
    assert wait_until_finished(http, response.json()["id"], 60)["state"] == "completed"
    videos = http.get("/api/videos", params={"page_size": 500}).json()["items"]
    for video in videos:
        ingest = wait_until_finished(http, video["ingest_job_id"], 60)
        assert ingest["state"] == "completed", ingest
    return {video["path"]: http.get(f"/api/videos/{video['id']}").json() for video in videos}


def finished_job(http: TestClient, job_id: str) -> dict[str, Any]:
    job = wait_until_finished(http, job_id, JOB_TIMEOUT_S)
    assert job["state"] == "completed", job
    return job


def summarize(http: TestClient, video_id: str, persona_id: str, **options: Any) -> dict[str, Any]:
    """Submit a summary job and wait for it to complete; the finished job."""
    body = {"persona_id": persona_id, **options}
    response = http.post(f"/api/videos/{video_id}/summaries", json=body)
    assert response.status_code == 202, response.text
    assert response.json()["kind"] == "video-summarization"
    return finished_job(http, response.json()["id"])


def summaries_of(http: TestClient, video_id: str) -> list[dict[str, Any]]:
    response = http.get(f"/api/videos/{video_id}/summaries")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()
    return items


def make_analyst(http: TestClient, name: str = "Wildlife analyst") -> str:
    persona_id = make_persona(http, name)
    make_type(http, persona_id, "entity", "Rabbit")
    make_type(http, persona_id, "event", "Chase")
    return persona_id


def job_payload(sync_engine: Engine, job_id: str) -> dict[str, Any]:
    with sync_engine.connect() as connection:
        payload: dict[str, Any] = connection.execute(
            text("SELECT payload FROM jobs WHERE id = :id"), {"id": job_id}
        ).scalar_one()
    return payload


def test_the_spec_carries_the_persona_with_its_types_and_the_absolute_video_path(
    library_http: TestClient, sync_engine: Engine
) -> None:
    video = scan_library(library_http)[BUNNY]
    persona_id = make_analyst(library_http)
    body = {"persona_id": persona_id, "language": "EN", **FAST_OPTIONS}
    response = library_http.post(f"/api/videos/{video['id']}/summaries", json=body)
    assert response.status_code == 202, response.text
    payload = job_payload(sync_engine, response.json()["id"])
    assert Path(payload["video"]["uri"]).is_absolute()
    assert Path(payload["video"]["uri"]).name == BUNNY
    assert payload["persona"]["id"] == persona_id
    assert payload["persona"]["information_need"] == "Who goes where"
    types = {(t["kind"], t["name"], t["description"]) for t in payload["persona"]["types"]}
    assert types == {("entity", "Rabbit", "A rabbit."), ("event", "Chase", "A chase.")}
    assert (payload["max_key_frames"], payload["language"]) == (3, "en")
    wait_until_finished(library_http, response.json()["id"], JOB_TIMEOUT_S)


def test_a_summary_is_stored_once_per_persona_and_a_rerun_updates_it(
    library_http: TestClient, sync_engine: Engine
) -> None:
    video = scan_library(library_http)[BUNNY]
    analyst = make_analyst(library_http)
    summarize(library_http, video["id"], analyst, max_key_frames=4)

    (summary,) = summaries_of(library_http, video["id"])
    assert summary["persona_id"] == analyst and summary["version"] == 1
    assert summary["summary"].strip()
    assert summary["summary_parts"] == [{"kind": "text", "text": summary["summary"]}]
    assert 1 <= len(summary["key_frames"]) <= 4
    for key_frame in summary["key_frames"]:
        assert 0 <= key_frame["frame"] < video["frame_count"]
        assert 0 <= key_frame["time_s"] <= video["duration_s"]
        assert isinstance(key_frame["description"], str)
    assert summary["models"] and summary["timings"]
    assert summary["searchable"] is True
    transcript = summary["transcript"]  # the default run transcribes: the video has audio
    assert transcript is not None and transcript["has_audio"] is True
    with sync_engine.connect() as connection:
        dims = connection.execute(
            text("SELECT vector_dims(embedding) FROM video_summaries WHERE id = :id"),
            {"id": summary["id"]},
        ).scalar_one()
    assert dims == 384

    rerun = summarize(library_http, video["id"], analyst, **{**FAST_OPTIONS, "max_key_frames": 2})
    (updated,) = summaries_of(library_http, video["id"])
    assert (updated["id"], updated["version"]) == (summary["id"], 2)
    assert updated["job_id"] == rerun["id"] and len(updated["key_frames"]) <= 2

    other = make_persona(library_http, "Film critic")
    summarize(library_http, video["id"], other, **FAST_OPTIONS)
    both = summaries_of(library_http, video["id"])
    assert {item["persona_id"] for item in both} == {analyst, other}
    assert library_http.get(f"/api/videos/{video['id']}").json()["summary_count"] == 2


def test_a_stored_summary_is_found_by_search(library_http: TestClient) -> None:
    video = scan_library(library_http)[DUST]
    persona_id = make_analyst(library_http)
    summarize(library_http, video["id"], persona_id, **FAST_OPTIONS)
    (summary,) = summaries_of(library_http, video["id"])
    response = library_http.get("/api/search", params={"q": summary["summary"][:300]})
    assert response.status_code == 200, response.text
    best = response.json()[0]
    assert (best["kind"], best["id"], best["video_id"]) == ("summary", summary["id"], video["id"])


def test_requests_that_cannot_be_summarized_are_refused_and_queue_nothing(
    library_http: TestClient, sync_engine: Engine
) -> None:
    video = scan_library(library_http)[BUNNY]
    persona_id = make_persona(library_http)
    url = f"/api/videos/{video['id']}/summaries"

    unknown = library_http.post(url, json={"persona_id": str(uuid.uuid4())})
    assert unknown.status_code == 422
    assert unknown.json()["message"].startswith("persona_id: there is no persona")
    for bad in (
        {},
        {"persona_id": persona_id, "max_key_frames": 0},
        {"persona_id": persona_id, "max_key_frames": 65},
        {"persona_id": persona_id, "language": "english"},
        {"persona_id": persona_id, "colour": "blue"},
    ):
        assert library_http.post(url, json=bad).status_code == 422, bad
    missing = library_http.post(
        f"/api/videos/{uuid.uuid4()}/summaries", json={"persona_id": persona_id}
    )
    assert missing.status_code == 404

    with sync_engine.begin() as connection:
        connection.execute(
            text("UPDATE videos SET state = 'pending' WHERE id = :id"), {"id": video["id"]}
        )
    not_ingested = library_http.post(url, json={"persona_id": persona_id})
    assert not_ingested.status_code == 409
    assert "pending" in not_ingested.json()["message"]
    jobs = library_http.get("/api/jobs", params={"kind": "video-summarization"}).json()
    assert jobs["total"] == 0


def test_a_video_without_a_library_file_cannot_be_summarized(library_http: TestClient) -> None:
    video_id = make_video(library_http)
    response = library_http.post(
        f"/api/videos/{video_id}/summaries", json={"persona_id": make_persona(library_http)}
    )
    assert response.status_code == 409
    assert "no file in the video folder" in response.json()["message"]


def test_another_users_video_answers_404_and_their_persona_is_unknown(users: Users) -> None:
    alice, bob = users.create("alice"), users.create("bob")
    alice_video, alice_persona = make_video(alice.http), make_persona(alice.http)
    bob_video, bob_persona = make_video(bob.http), make_persona(bob.http)

    foreign_video = f"/api/videos/{alice_video}/summaries"
    assert bob.http.post(foreign_video, json={"persona_id": bob_persona}).status_code == 404
    assert bob.http.get(foreign_video).status_code == 404
    # A persona named in the body is bad input, whether it is missing or someone else's.
    foreign_persona = bob.http.post(
        f"/api/videos/{bob_video}/summaries", json={"persona_id": alice_persona}
    )
    assert foreign_persona.status_code == 422
    assert foreign_persona.json()["message"] == f"persona_id: there is no persona {alice_persona}"
    assert alice.http.get(foreign_video).json() == []


# --- the completion hook, with constructed results -------------------------------------------


def unit_vector(index: int, dimensions: int = 384) -> list[float]:
    return [1.0 if i == index else 0.0 for i in range(dimensions)]


def summary_job(http: TestClient, video_id: str, persona_id: str) -> Job:
    spec = SummarizationSpec(
        video_id=uuid.UUID(video_id),
        video=VideoRef(uri="/videos/clip.mp4"),
        persona=PersonaContext(id=uuid.UUID(persona_id)),
    )
    return Job(
        id=uuid.uuid4(),
        owner_id=actor_of(http).id,
        kind=spec.kind,
        payload=spec.model_dump(mode="json"),
    )


def summary_result(video_id: str, text_: str, **changes: Any) -> SummarizationResult:
    transcript = TranscriptionResult(
        video_id=uuid.UUID(video_id),
        has_audio=True,
        language="en",
        duration_s=5.3,
        segments=[TranscriptSegment(start_s=0.5, end_s=1.5, text="Hello there.", speaker="S1")],
        speakers=["S1"],
        model="whisper-test",
    )
    values: dict[str, Any] = {
        "video_id": uuid.UUID(video_id),
        "persona_id": None,
        "summary": text_,
        "key_frames": [KeyFrame(frame=12, time_s=0.48, description="A meadow at dawn.")],
        "visual_analysis": "Bright outdoor scenes.",
        "shots": [],
        "transcript": transcript,
        "language": "en",
        "confidence": 0.7,
        "embedding": unit_vector(0),
        "models": {"summarization": "storyboard"},
        "timings_s": {"total": 1.25},
    }
    return SummarizationResult(**(values | changes))


def store(http: TestClient, job: Job, result: SummarizationResult) -> None:
    factory = http.app.state.session_factory  # type: ignore[attr-defined]

    async def _store() -> None:
        async with factory() as session, session.begin():
            await hooks.on_summary_completed(session, job, result)

    assert http.portal is not None
    http.portal.call(_store)


def test_the_hook_upserts_and_storing_the_same_job_twice_changes_nothing(
    client: TestClient,
) -> None:
    video_id, persona_id = make_video(client), make_persona(client)
    first = summary_job(client, video_id, persona_id)
    store(client, first, summary_result(video_id, "A rabbit wakes up."))
    store(client, first, summary_result(video_id, "A rabbit wakes up."))
    (stored,) = summaries_of(client, video_id)
    assert (stored["version"], stored["job_id"]) == (1, str(first.id))
    assert stored["key_frames"] == [
        {"frame": 12, "time_s": 0.48, "description": "A meadow at dawn."}
    ]
    assert (stored["confidence"], stored["language"]) == (0.7, "en")
    assert stored["models"] == {"summarization": "storyboard"}
    assert stored["timings"] == {"total": 1.25}
    assert stored["transcript"]["segments"][0]["text"] == "Hello there."
    assert stored["transcript"]["job_id"] == str(first.id)

    second = summary_job(client, video_id, persona_id)
    store(client, second, summary_result(video_id, "A rabbit chases a butterfly.", transcript=None))
    (updated,) = summaries_of(client, video_id)
    assert (updated["id"], updated["version"]) == (stored["id"], 2)
    assert updated["summary"] == "A rabbit chases a butterfly."
    assert updated["transcript"]["job_id"] == str(first.id)  # no transcript: the old one stays


def test_an_embedding_of_another_size_is_not_stored_but_the_summary_is(client: TestClient) -> None:
    video_id, persona_id = make_video(client), make_persona(client)
    job = summary_job(client, video_id, persona_id)
    store(client, job, summary_result(video_id, "Short.", embedding=[0.6, 0.8]))
    (stored,) = summaries_of(client, video_id)
    assert stored["summary"] == "Short." and stored["searchable"] is False


def test_a_result_for_a_deleted_persona_is_dropped(client: TestClient) -> None:
    video_id, persona_id = make_video(client), make_persona(client)
    job = summary_job(client, video_id, persona_id)
    assert client.delete(f"/api/personas/{persona_id}").status_code == 204
    store(client, job, summary_result(video_id, "Nobody reads this."))
    assert summaries_of(client, video_id) == []
    assert client.get(f"/api/videos/{video_id}/transcript").status_code == 404
