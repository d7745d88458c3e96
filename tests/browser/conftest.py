"""Browser tests: the built web app, served by a real fovea app, driven in headless Chromium.

``fovea_url`` is one live single-user server for the package, over the session's database,
whose library holds the two sample videos, scanned and ingested; it serves ``frontend/dist``
(``make test`` builds it first). ``page`` is a fresh Playwright context per test whose console
errors and uncaught exceptions fail the test. Chromium is Debian's (``make browser``); no
browser is ever downloaded.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Playwright, sync_playwright
from sqlalchemy import Engine

from fovea.server import create_app
from tests.conftest import empty_tables, make_settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "videos"
WEB_DIR = ROOT / "frontend" / "dist"
# The flags of tests/videos/test_browser_playback.py that matter on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
VIEWPORT = {"width": 1280, "height": 720}
TIMEOUT_MS = 10_000
INGEST_TIMEOUT_S = 90


@dataclass(frozen=True)
class SampleVideo:
    id: str
    title: str


@pytest.fixture(autouse=True)
def _empty_tables() -> None:
    """The browser tests share one library: ``fovea_url`` empties the tables once, not per test."""


def _serve(app: FastAPI) -> Iterator[str]:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the live server did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _ingested(base: str) -> list[SampleVideo]:
    """Scan the library and wait until every sample is ready with its thumbnails."""
    assert httpx.post(f"{base}/api/videos/scan").status_code == 202
    deadline = time.monotonic() + INGEST_TIMEOUT_S
    while time.monotonic() < deadline:
        items = httpx.get(f"{base}/api/videos", params={"page_size": 100}).json()["items"]
        ready = [item for item in items if item["state"] == "ready" and item["media"]["thumbnails"]]
        if len(items) == 2 and len(ready) == 2:
            return [SampleVideo(item["id"], item["title"]) for item in items]
        time.sleep(0.2)
    raise AssertionError(f"the sample videos were not ingested in {INGEST_TIMEOUT_S} s")


@pytest.fixture(scope="package")
def fovea_url(
    database_url: str, sync_engine: Engine, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if not (WEB_DIR / "index.html").is_file():
        pytest.fail("the web app is not built: run `make frontend` (make test does)")
    data_dir = tmp_path_factory.mktemp("web-app")
    shutil.copytree(SAMPLES, data_dir / "videos")
    settings = make_settings(
        database_url,
        data_dir,
        video_dir=data_dir / "videos",
        web_dir=WEB_DIR,
        job_poll_interval_s=0.05,
    )
    empty_tables(sync_engine)  # what the tests before these left for the default user
    yield from _serve(create_app(settings))


@pytest.fixture(scope="package")
def samples(fovea_url: str) -> list[SampleVideo]:
    """The two sample videos of the live library, ingested, sorted by title."""
    return sorted(_ingested(fovea_url), key=lambda video: video.title)


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian's chromium is missing: `make browser` (as root) or apt install it")
    browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser, fovea_url: str, samples: list[SampleVideo]) -> Iterator[Page]:
    """A fresh context at 1280x720 on the live app; console errors fail the test at teardown."""
    context = browser.new_context(base_url=fovea_url, viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"console: {message.text} ({message.location.get('url')})")

    def on_page_error(error: Error) -> None:
        errors.append(f"uncaught: {error.message}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    yield page
    context.close()
    assert errors == [], "the page logged errors"
