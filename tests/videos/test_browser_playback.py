"""A real browser plays and seeks the stream: headless Chromium against a live server.

The page is a local file whose script loads ``/api/videos/{id}/stream`` into a ``<video>``,
seeks to 2 s, plays, and writes what the element reported into the DOM, which Chromium dumps.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from tests.conftest import make_settings
from tests.videos.conftest import SAMPLES

from fovea.server import create_app

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--autoplay-policy=no-user-gesture-required", "--virtual-time-budget=20000", "--dump-dom",
]  # fmt: skip
PAGE = """<!doctype html><html><body><script>
const out = {};
const done = () => document.body.setAttribute("data-result", JSON.stringify(out));
const video = document.createElement("video");
video.muted = true;
video.preload = "auto";
video.src = "STREAM";
video.addEventListener("loadedmetadata", () => {
  out.duration = video.duration; out.size = [video.videoWidth, video.videoHeight];
  video.currentTime = 2.0;
});
video.addEventListener("seeked", () => {
  out.seeked = video.currentTime;
  video.play().catch((e) => { out.play_error = String(e); done(); });
});
video.addEventListener("playing", () => {
  setTimeout(() => { out.after_play = video.currentTime; done(); }, 400);
});
video.addEventListener("error", () => { out.error = video.error && video.error.code; done(); });
document.body.appendChild(video);
</script></body></html>"""


@pytest.fixture(scope="module")
def live_library(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A live single-user server whose video folder holds the two sample videos."""
    data_dir = tmp_path_factory.mktemp("browser")
    shutil.copytree(SAMPLES, data_dir / "videos")
    settings = make_settings(
        database_url, data_dir, video_dir=data_dir / "videos", job_poll_interval_s=0.05
    )
    server = uvicorn.Server(uvicorn.Config(create_app(settings), port=0, log_config=None))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the live server did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _ready_videos(base: str) -> dict[str, dict[str, Any]]:
    assert httpx.post(f"{base}/api/videos/scan").status_code == 202
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        items = httpx.get(f"{base}/api/videos").json()["items"]
        if len(items) == 2 and all(item["state"] == "ready" for item in items):
            return {Path(item["path"]).name: item for item in items}
        time.sleep(0.2)
    raise AssertionError("the sample videos were not ingested in time")


def _play_in_chromium(stream_url: str, tmp_path: Path) -> dict[str, Any]:
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: run `make test` (it installs it) as root"
    page = tmp_path / "page.html"
    page.write_text(PAGE.replace("STREAM", stream_url))
    profile = tmp_path / "profile"
    command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", page.as_uri()]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=90).stdout
    marker = 'data-result="'
    assert marker in dom, f"the page reported nothing; DOM: {dom[:500]}"
    raw = dom.split(marker, 1)[1].split('"', 1)[0]
    result: dict[str, Any] = json.loads(html.unescape(raw))
    return result


@pytest.mark.parametrize("name", ["big-buck-bunny-720p.mp4", "dust-storm.webm"])
def test_chromium_plays_and_seeks_the_stream(live_library: str, tmp_path: Path, name: str) -> None:
    video = _ready_videos(live_library)[name]
    result = _play_in_chromium(f"{live_library}/api/videos/{video['id']}/stream", tmp_path)
    assert "error" not in result and "play_error" not in result, result
    assert result["size"] == [1280, 720]
    assert result["duration"] == pytest.approx(video["duration_s"], abs=0.1)
    assert result["seeked"] == pytest.approx(2.0, abs=0.05)
    assert result["after_play"] > result["seeked"]
