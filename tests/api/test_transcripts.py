"""Transcripts: one per video, written by transcription jobs (and summaries that transcribe)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from fovea.inference.contract import TranscriptionResult, TranscriptionSpec, VideoRef
from fovea.jobs.models import Job
from fovea.summaries import hooks
from tests.api.test_summaries import (
    BUNNY,
    DUST,
    finished_job,
    job_payload,
    library_app,
    scan_library,
)
from tests.conftest import Users
from tests.factories import actor_of, make_video


@pytest.fixture(scope="module")
def library_http(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    with library_app(database_url, tmp_path_factory.mktemp("transcripts")) as http:
        yield http


def transcribe(http: TestClient, video_id: str, **body: Any) -> dict[str, Any]:
    response = http.post(f"/api/videos/{video_id}/transcript", json=body or None)
    assert response.status_code == 202, response.text
    assert response.json()["kind"] == "audio-transcription"
    return finished_job(http, response.json()["id"])


def transcript_of(http: TestClient, video_id: str) -> dict[str, Any]:
    response = http.get(f"/api/videos/{video_id}/transcript")
    assert response.status_code == 200, response.text
    transcript: dict[str, Any] = response.json()
    return transcript


def test_a_video_with_audio_is_transcribed(library_http: TestClient, sync_engine: Engine) -> None:
    video = scan_library(library_http)[BUNNY]
    url = f"/api/videos/{video['id']}/transcript"
    before = library_http.get(url)
    assert before.status_code == 404
    assert "no transcript yet" in before.json()["message"]

    job = transcribe(library_http, video["id"], language="en")
    payload = job_payload(sync_engine, job["id"])
    assert payload["language"] == "en" and payload["video"]["uri"].endswith(BUNNY)
    transcript = transcript_of(library_http, video["id"])
    assert transcript["video_id"] == video["id"]
    assert transcript["has_audio"] is True
    assert transcript["model"]
    assert transcript["duration_s"] == pytest.approx(video["duration_s"], abs=0.5)
    assert transcript["job_id"] == job["id"]
    for segment in transcript["segments"]:  # the opening of Big Buck Bunny has no speech
        assert 0 <= segment["start_s"] <= segment["end_s"]

    again = transcribe(library_http, video["id"])
    assert transcript_of(library_http, video["id"])["job_id"] == again["id"]
    with sync_engine.connect() as connection:
        count = connection.execute(
            text("SELECT count(*) FROM transcripts WHERE video_id = :id"), {"id": video["id"]}
        ).scalar_one()
    assert count == 1


def test_a_video_without_audio_has_an_empty_transcript(library_http: TestClient) -> None:
    video = scan_library(library_http)[DUST]
    transcribe(library_http, video["id"])
    transcript = transcript_of(library_http, video["id"])
    assert transcript["has_audio"] is False
    assert transcript["segments"] == [] and transcript["speakers"] == []


def test_bad_requests_are_refused(library_http: TestClient, sync_engine: Engine) -> None:
    video = scan_library(library_http)[BUNNY]
    url = f"/api/videos/{video['id']}/transcript"
    assert library_http.post(url, json={"language": "english"}).status_code == 422
    assert library_http.post(url, json={"speakers": 2}).status_code == 422
    assert library_http.post(f"/api/videos/{uuid.uuid4()}/transcript").status_code == 404
    with sync_engine.begin() as connection:
        connection.execute(
            text("UPDATE videos SET state = 'missing' WHERE id = :id"), {"id": video["id"]}
        )
    response = library_http.post(url)
    assert response.status_code == 409 and "missing" in response.json()["message"]


def test_another_users_video_has_no_transcript_for_you(users: Users) -> None:
    alice, bob = users.create("alice"), users.create("bob")
    video_id = make_video(alice.http)
    store(alice.http, video_id, has_audio=False)
    url = f"/api/videos/{video_id}/transcript"
    assert alice.http.get(url).status_code == 200
    assert bob.http.get(url).status_code == 404
    assert bob.http.post(url).status_code == 404


def store(http: TestClient, video_id: str, job_id: uuid.UUID | None = None, **changes: Any) -> None:
    """Run the transcription hook with a constructed result."""
    spec = TranscriptionSpec(video_id=uuid.UUID(video_id), video=VideoRef(uri="/videos/clip.mp4"))
    job = Job(
        id=job_id or uuid.uuid4(),
        owner_id=actor_of(http).id,
        kind=spec.kind,
        payload=spec.model_dump(mode="json"),
    )
    values: dict[str, Any] = {
        "video_id": spec.video_id,
        "has_audio": True,
        "language": "en",
        "duration_s": 4.0,
        "segments": [{"start_s": 0.0, "end_s": 1.0, "text": "Hi.", "speaker": "A"}],
        "speakers": ["A"],
        "model": "whisper-test",
        "timings_s": {"transcribe": 0.5},
    }
    result = TranscriptionResult.model_validate(values | changes)
    factory = http.app.state.session_factory  # type: ignore[attr-defined]

    async def _store() -> None:
        async with factory() as session, session.begin():
            await hooks.on_transcription_completed(session, job, result)

    assert http.portal is not None
    http.portal.call(_store)


def test_the_hook_keeps_one_transcript_per_video(client: TestClient) -> None:
    video_id = make_video(client)
    first = uuid.uuid4()
    store(client, video_id, first)
    stored = transcript_of(client, video_id)
    store(client, video_id, first, language="fr")  # the same job again: nothing changes
    assert transcript_of(client, video_id) == stored
    store(client, video_id, speakers=[], segments=[], language=None)
    replaced = transcript_of(client, video_id)
    assert replaced["id"] == stored["id"]
    assert (replaced["segments"], replaced["language"]) == ([], None)
    assert replaced["timings_s"] == {"transcribe": 0.5}
