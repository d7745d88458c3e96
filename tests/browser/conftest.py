"""Browser tests: the built web app, served by a real fovea app, driven in headless Chromium.

``fovea_url`` is one live single-user server for the package, over the session's database,
whose library holds the two sample videos, scanned and ingested; it serves ``frontend/dist``
(``make test`` builds it first). ``big_library_url`` is a second live server over a database of
its own (a scan marks files it does not see as missing, so two libraries cannot share one owner)
whose library holds ``BIG_LIBRARY_SIZE`` small synthetic videos, every fourth with a tag.
``page`` is a fresh Playwright context per test whose console errors and uncaught exceptions
fail the test. Chromium is Debian's (``make browser``); no
browser is ever downloaded.
"""

from __future__ import annotations

import json
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
from sqlalchemy import Engine, make_url, text

from fovea.db import migrate
from fovea.server import create_app
from tests.conftest import empty_tables, make_settings
from tests.media.synthetic import make_video

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
BIG_LIBRARY_SIZE = 64
BIG_LIBRARY_DB = "fovea_browser_big_library"


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


def _ingested(base: str, count: int = 2) -> list[SampleVideo]:
    """Scan the library and wait until its ``count`` videos are ready with their thumbnails."""
    assert httpx.post(f"{base}/api/videos/scan").status_code == 202
    deadline = time.monotonic() + INGEST_TIMEOUT_S
    while time.monotonic() < deadline:
        items = httpx.get(f"{base}/api/videos", params={"page_size": 500}).json()["items"]
        ready = [item for item in items if item["state"] == "ready" and item["media"]["thumbnails"]]
        if len(items) == count and len(ready) == count:
            return [SampleVideo(item["id"], item["title"]) for item in items]
        time.sleep(0.2)
    raise AssertionError(f"the {count} videos were not ingested in {INGEST_TIMEOUT_S} s")


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


def _own_database(sync_engine: Engine, database_url: str, name: str) -> str:
    """A fresh, migrated database on the session's server; its URL."""
    with sync_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(database_url).set(database=name).render_as_string(hide_password=False)
    migrate.upgrade(url)
    return url


def _big_library(folder: Path) -> None:
    """``clip-00`` .. ``clip-63``: distinct content (frame counts differ, so do fingerprints),
    64x48 px; every fourth has a ``heron`` tag in its yt-dlp sidecar."""
    folder.mkdir()
    for index in range(BIG_LIBRARY_SIZE):
        path = folder / f"clip-{index:02d}.mp4"
        make_video(path, frame_count=4 + index, size_wh=(64, 48), bframes=False, gop=4)
        if index % 4 == 0:
            sidecar = {"title": f"clip-{index:02d} heron", "tags": ["heron"]}
            path.with_suffix(".info.json").write_text(json.dumps(sidecar))


@pytest.fixture(scope="package")
def big_library_url(
    database_url: str, sync_engine: Engine, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A second live app whose own database's library holds 64 ingested synthetic videos."""
    data_dir = tmp_path_factory.mktemp("big-library")
    _big_library(data_dir / "videos")
    url = _own_database(sync_engine, database_url, BIG_LIBRARY_DB)
    settings = make_settings(
        url, data_dir, video_dir=data_dir / "videos", web_dir=WEB_DIR, job_poll_interval_s=0.05
    )
    for base in _serve(create_app(settings)):
        _ingested(base, BIG_LIBRARY_SIZE)
        yield base


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


def _watched_page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh context at 1280x720 on ``base_url``; console errors fail the test at teardown."""
    context = browser.new_context(base_url=base_url, viewport=VIEWPORT)
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


@pytest.fixture
def page(browser: Browser, fovea_url: str, samples: list[SampleVideo]) -> Iterator[Page]:
    """A fresh page on the live app with the sample videos (see ``_watched_page``)."""
    yield from _watched_page(browser, fovea_url)


@pytest.fixture
def big_page(browser: Browser, big_library_url: str) -> Iterator[Page]:
    """A fresh page on the live app with the big library (see ``_watched_page``)."""
    yield from _watched_page(browser, big_library_url)


AXE_JS = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}


def axe_violations(page: Page) -> list[str]:
    """Serious and critical axe-core (WCAG 2 A/AA) violations on the page as it is now, one
    line each: rule, impact, and the first offending elements."""
    if not AXE_JS.is_file():
        pytest.fail("axe-core is missing: `npm --prefix frontend ci`")
    if not page.evaluate("() => 'axe' in window"):
        page.add_script_tag(path=str(AXE_JS))
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    result = page.evaluate("options => window.axe.run(document, options)", options)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]
