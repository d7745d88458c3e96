"""The frame-exact player in headless Chromium (acceptance test 6 of issue 6).

A live app of its own whose library holds one variable-frame-rate synthetic video with the
frame number painted into every frame (``tests.media.synthetic``). Stepping frame by frame,
the number the player shows as "Current frame" and the number painted in the picture it
shows agree on every frame, and the element itself sits on that frame through the table.
"""

from __future__ import annotations

import bisect
import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import Engine

from fovea.server import create_app
from tests.browser.conftest import WEB_DIR, _ingested, _own_database, _serve, _watched_page
from tests.conftest import make_settings
from tests.media.synthetic import make_video, read_painted_number

VFR_DB = "fovea_browser_vfr_library"
FRAME_COUNT = 40
HALF_TICK_S = 0.5e-6


@pytest.fixture(scope="module")
def vfr_library(
    database_url: str, sync_engine: Engine, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, list[float]]]:
    """A live app over its own database whose library holds ``vfr.mp4``: 40 frames of 320x240
    lasting 40 and 120 ms in turn (H.264 with B-frames); its URL and the true frame times."""
    data_dir = tmp_path_factory.mktemp("vfr-library")
    (data_dir / "videos").mkdir()
    times_s = make_video(
        Path(data_dir / "videos" / "vfr.mp4"), frame_count=FRAME_COUNT, size_wh=(320, 240), vfr=True
    )
    url = _own_database(sync_engine, database_url, VFR_DB)
    settings = make_settings(
        url, data_dir, video_dir=data_dir / "videos", web_dir=WEB_DIR, job_poll_interval_s=0.05
    )
    for base in _serve(create_app(settings)):
        _ingested(base, 1)
        yield base, times_s


@pytest.fixture
def vfr_page(browser: Browser, vfr_library: tuple[str, list[float]]) -> Iterator[Page]:
    yield from _watched_page(browser, vfr_library[0])


def _frame_at(times_s: list[float], time_s: float) -> int:
    """numpy's ``searchsorted(times, t + eps, "right") - 1``, the table's frame at ``time_s``."""
    return bisect.bisect_right(times_s, time_s + HALF_TICK_S) - 1


def _expect_frame(page: Page, times_s: list[float], expected: int) -> None:
    """The player says ``expected``, shows the picture painted ``expected``, and its element
    rests on that frame through the table."""
    expect(page.get_by_label("Current frame")).to_have_text(str(expected))
    picture = page.get_by_role("img", name=f"Frame {expected}", exact=True)
    expect(picture).to_be_visible()
    page.wait_for_function(
        "image => image.complete && image.naturalWidth > 0", arg=picture.element_handle()
    )
    shot = Image.open(io.BytesIO(picture.screenshot())).convert("RGB")
    assert read_painted_number(np.asarray(shot)) == expected
    video = page.locator("video")
    page.wait_for_function("video => !video.seeking", arg=video.element_handle())
    assert _frame_at(times_s, video.evaluate("video => video.currentTime")) == expected


def test_stepping_a_vfr_video_shows_the_frame_it_says_on_every_frame(
    vfr_page: Page, vfr_library: tuple[str, list[float]]
) -> None:
    base, truth = vfr_library
    (item,) = httpx.get(f"{base}/api/videos").json()["items"]
    table = httpx.get(f"{base}/api/videos/{item['id']}/frame-times").json()
    assert table["is_vfr"] is True
    assert table["frame_count"] == len(table["times_s"]) == FRAME_COUNT
    assert table["times_s"] == pytest.approx(truth, abs=1e-6)
    times_s = table["times_s"]

    page = vfr_page
    page.goto(f"/videos/{item['id']}")
    _expect_frame(page, times_s, 0)
    for frame in range(1, FRAME_COUNT):
        page.keyboard.press("ArrowRight")
        _expect_frame(page, times_s, frame)
    page.keyboard.press("ArrowRight")  # past the last frame: stays there
    _expect_frame(page, times_s, FRAME_COUNT - 1)
    for frame in range(FRAME_COUNT - 2, FRAME_COUNT - 5, -1):
        page.keyboard.press("ArrowLeft")
        _expect_frame(page, times_s, frame)
    page.keyboard.press("Shift+ArrowLeft")
    _expect_frame(page, times_s, FRAME_COUNT - 14)
    page.keyboard.press("Shift+ArrowRight")
    _expect_frame(page, times_s, FRAME_COUNT - 4)

    page.reload()
    _expect_frame(page, times_s, 0)
    page.keyboard.press("Shift+ArrowRight")
    _expect_frame(page, times_s, 10)

    page.keyboard.press(" ")  # play a while, then pause: it rests on a frame it can name
    expect(page.get_by_role("img", name="Frame 10", exact=True)).to_have_count(0)
    page.wait_for_function("() => document.querySelector('video').currentTime > 0.9")
    page.keyboard.press(" ")
    expect(page.get_by_role("img", name="Frame ", exact=False)).to_be_visible()
    shown = int(page.get_by_label("Current frame").inner_text())
    assert shown > 10
    _expect_frame(page, times_s, shown)


def test_the_player_commands_are_in_the_palette(
    vfr_page: Page, vfr_library: tuple[str, list[float]]
) -> None:
    (item,) = httpx.get(f"{vfr_library[0]}/api/videos").json()["items"]
    vfr_page.goto(f"/videos/{item['id']}")
    expect(vfr_page.get_by_label("Current frame")).to_have_text("0")
    vfr_page.keyboard.press("Control+Shift+P")
    options = vfr_page.get_by_role("dialog", name="Command palette").get_by_role("option")
    expect(options.first).to_be_visible()
    titles = {text.split("\n")[0].strip() for text in options.all_inner_texts()}
    player = {"Play / pause", "Next frame", "Previous frame", "Forward 10 frames", "Back 10 frames"}
    assert player <= titles
