"""Fixtures of the video library tests: real files and an app whose jobs finish fast.

``synthetic`` makes the painted-number videos once per session (CFR with B-frames, VFR,
odd sizes in H.264 and VP9); ``library`` is a single-user app over the session's database
with its own empty video folder for every test and a watcher that polls every 50 ms.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.conftest import make_settings
from tests.jobs.helpers import wait_until_finished
from tests.media.synthetic import make_video

from fovea.server import create_app

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "videos"
FAST = {"job_poll_interval_s": 0.05, "job_heartbeat_timeout_s": 10, "max_upload_bytes": 3_000_000}
SYNTHETIC_CASES: dict[str, dict[str, Any]] = {
    "cfr-bframes.mp4": {},
    "vfr.mkv": {"vfr": True},
    "odd-h264.mov": {"size_wh": (171, 99), "bframes": False},
    "odd-vp9.webm": {"size_wh": (161, 97)},
}


@dataclass(frozen=True)
class Synthetic:
    path: Path
    times_s: list[float]  # ground truth: presentation time of every frame


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Synthetic]:
    folder = tmp_path_factory.mktemp("synthetic")
    return {
        name: Synthetic(folder / name, make_video(folder / name, **options))
        for name, options in SYNTHETIC_CASES.items()
    }


@dataclass
class Library:
    """The app, its video folder, and helpers to drive scans and ingests."""

    http: TestClient
    video_dir: Path
    media_dir: Path

    def add(self, source: Path, relative: str | None = None) -> Path:
        target = self.video_dir / (relative or source.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        return target

    def add_samples(self) -> None:
        for source in SAMPLES.iterdir():
            if source.name != "README.md":
                self.add(source)

    def scan(self) -> dict[str, Any]:
        """Scan, wait for the scan and every ingest it queued; the finished scan job."""
        response = self.http.post("/api/videos/scan")
        assert response.status_code == 202, response.text
        job = wait_until_finished(self.http, response.json()["id"], timeout_s=60)
        assert job["state"] == "completed", job
        self.wait_for_ingests()
        return job

    def wait_for_ingests(self) -> None:
        for video in self.videos():
            if video["ingest_job_id"] is not None:
                wait_until_finished(self.http, video["ingest_job_id"], timeout_s=60)

    def videos(self, **params: Any) -> list[dict[str, Any]]:
        response = self.http.get("/api/videos", params={"page_size": 500, **params})
        assert response.status_code == 200, response.text
        items: list[dict[str, Any]] = response.json()["items"]
        return items

    def by_path(self) -> dict[str | None, dict[str, Any]]:
        return {video["path"]: video for video in self.videos()}


@pytest.fixture(scope="session")
def _library_app(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, Path]]:
    data_dir = tmp_path_factory.mktemp("library")
    settings = make_settings(database_url, data_dir, video_dir=data_dir / "videos", **FAST)
    with TestClient(create_app(settings)) as http:
        yield http, data_dir


@pytest.fixture
def library(_library_app: tuple[TestClient, Path]) -> Iterator[Library]:
    http, data_dir = _library_app
    video_dir = data_dir / "videos"
    shutil.rmtree(video_dir, ignore_errors=True)
    video_dir.mkdir()
    yield Library(http, video_dir, data_dir / "media")
    shutil.rmtree(video_dir, ignore_errors=True)
