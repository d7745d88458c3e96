"""Every AI feature on the sample videos with no network and no GPU, with live progress.

One app (the in-process queue, as `fovea up` runs it) detects people, tracks moving objects,
summarizes and transcribes a sample video, suggests types and answers a semantic search, while
every connection off this machine is refused (and the Hugging Face hub is told to stay
offline). Each job's event stream must show progress before it completes.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_summaries import BUNNY, library_app, make_analyst, scan_library
from tests.jobs.helpers import read_events


class NetworkRefused(OSError):
    """A connection off this machine was attempted."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Refuse every socket connection that is not to loopback or a Unix socket."""
    attempts: list[Any] = []
    connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = str(address[0])
            if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
                attempts.append(address)
                raise NetworkRefused(f"no network in this test: {address}")
        connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    yield attempts


def _completed_with_progress(http: TestClient, job: dict[str, Any]) -> dict[str, Any]:
    events = read_events(http, job["id"])
    names = [name for name, _ in events]
    assert names[-1] == "completed", events[-1]
    progress = [body for name, body in events if name == "progress"]
    assert progress, f"{job['kind']} showed no progress"
    assert any(body["stage"] for body in progress), f"{job['kind']} named no stage"
    final: dict[str, Any] = events[-1][1]
    return final


def _submitted(response: Any) -> dict[str, Any]:
    assert response.status_code == 202, response.text
    job: dict[str, Any] = response.json()
    return job


def test_every_ai_feature_works_offline_on_a_sample_video(
    database_url: str, tmp_path: Path, no_network: list[Any]
) -> None:
    with library_app(database_url, tmp_path) as http:
        video = scan_library(http)[BUNNY]
        video_id, persona_id = video["id"], make_analyst(http)

        people = _submitted(
            http.post(
                f"/api/videos/{video_id}/detect",
                json={"start_frame": 0, "end_frame": 40, "step": 10, "detector": "people"},
            )
        )
        detected = _completed_with_progress(http, people)
        assert detected["result"]["detector"] == "people"
        assert detected["result"]["frames_processed"] == 5

        tracking = _submitted(
            http.post(f"/api/videos/{video_id}/track", json={"start_frame": 0, "end_frame": 60})
        )
        _completed_with_progress(http, tracking)
        tracks = http.get(f"/api/videos/{video_id}/tracks").json()["items"]
        assert tracks and all(track["state"] == "pending" for track in tracks)

        summary = _submitted(
            http.post(
                f"/api/videos/{video_id}/summaries",
                json={"persona_id": persona_id, "max_key_frames": 3},
            )
        )
        _completed_with_progress(http, summary)
        stored = http.get(f"/api/videos/{video_id}/summaries").json()
        assert len(stored) == 1 and stored[0]["summary"] and stored[0]["key_frames"]

        transcript = _submitted(http.post(f"/api/videos/{video_id}/transcript", json={}))
        _completed_with_progress(http, transcript)
        assert http.get(f"/api/videos/{video_id}/transcript").json()["has_audio"] is True

        suggestions = _submitted(
            http.post(
                f"/api/personas/{persona_id}/suggest-types",
                json={"domain": "animals in a meadow", "kind": "entity", "count": 5},
            )
        )
        suggested = _completed_with_progress(http, suggestions)
        assert 1 <= len(suggested["result"]["suggestions"]) <= 5

        found = http.get("/api/search", params={"q": stored[0]["summary"][:200]})
        assert found.status_code == 200, found.text
        assert found.json()[0]["kind"] == "summary" and found.json()[0]["video_id"] == video_id
    assert no_network == []
