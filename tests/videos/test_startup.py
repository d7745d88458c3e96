"""The library is scanned when the API starts (``fovea up``) and by ``fovea scan``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from tests.conftest import make_settings
from tests.jobs.helpers import wait_until_finished
from tests.videos.conftest import FAST, Synthetic

from fovea.server import create_app


def test_the_api_scans_at_start_when_told_to(
    database_url: str, tmp_path: Path, synthetic: dict[str, Synthetic]
) -> None:
    video_dir = tmp_path / "videos"
    video_dir.mkdir()
    (video_dir / "clip.mkv").write_bytes(synthetic["vfr.mkv"].path.read_bytes())
    settings = make_settings(
        database_url, tmp_path, video_dir=video_dir, scan_on_start=True, **FAST
    )
    with TestClient(create_app(settings)) as http:
        (scan,) = http.get("/api/jobs", params={"kind": "video-scan"}).json()["items"]
        assert wait_until_finished(http, scan["id"])["state"] == "completed"
        (video,) = http.get("/api/videos").json()["items"]
        assert wait_until_finished(http, video["ingest_job_id"])["state"] == "completed"
        assert http.get(f"/api/videos/{video['id']}").json()["state"] == "ready"


def test_fovea_scan_ingests_the_folder_and_reports_the_states(
    tmp_path: Path, synthetic: dict[str, Synthetic]
) -> None:
    video_dir = tmp_path / "videos"
    video_dir.mkdir()
    (video_dir / "clip.mp4").write_bytes(synthetic["cfr-bframes.mp4"].path.read_bytes())
    (video_dir / "notes.mp4").write_text("not a video")
    env = {key: value for key, value in os.environ.items() if not key.startswith("FOVEA_")}
    env |= {"FOVEA_DATA_DIR": str(tmp_path / "data"), "FOVEA_VIDEO_DIR": str(video_dir),
            "FOVEA_JOB_POLL_INTERVAL_S": "0.1"}  # fmt: skip
    command = [sys.executable, "-m", "fovea.cli", "scan"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert f"scanning {video_dir.resolve()}" in result.stdout
    assert "failed: notes.mp4: not a readable video: notes.mp4" in result.stdout
    assert result.stdout.strip().endswith("library: 1 failed, 1 ready")
