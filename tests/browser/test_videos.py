"""The video browser in headless Chromium: search, filters and pages over a library of 64 videos,
keyboard navigation, and a summary started from a card and followed to completion.
"""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Page, expect

from tests.browser.conftest import BIG_LIBRARY_SIZE, SampleVideo

TAGGED = BIG_LIBRARY_SIZE // 4  # every fourth clip is tagged "heron"
SUMMARY_TIMEOUT_MS = 120_000


def _titles(page: Page) -> list[str]:
    return page.get_by_role("list", name="Videos").get_by_role("heading", level=3).all_inner_texts()


def test_search_filters_and_pages_of_a_big_library_survive_a_reload(
    big_page: Page, big_library_url: str
) -> None:
    page = big_page
    page.goto("/")
    status = page.get_by_role("status").filter(has_text="videos")
    expect(status).to_have_text(f"{BIG_LIBRARY_SIZE} videos · page 1 of 3")
    expect(page.locator("[data-video-card]")).to_have_count(24)
    page.get_by_role("navigation", name="pagination navigation").get_by_role(
        "button", name="Go to page 3"
    ).click()
    expect(status).to_have_text(f"{BIG_LIBRARY_SIZE} videos · page 3 of 3")
    expect(page.locator("[data-video-card]")).to_have_count(BIG_LIBRARY_SIZE - 48)
    expect(page).to_have_url(re.compile(r"[?&]page=3"))

    page.get_by_label("Tag", exact=True).fill("heron")
    expect(status).to_have_text(f"{TAGGED} videos")  # a filter returns to page 1
    page.get_by_role("combobox", name="Sort by").click()
    page.get_by_role("option", name="Longest").click()
    expect(page.locator("[data-video-card]").first).to_have_accessible_name("clip-60 heron")
    page.get_by_label("Search videos").fill("clip-1")
    expect(status).to_have_text("2 videos")  # of clip-1x, the tagged clip-12 and clip-16
    assert _titles(page) == ["clip-16 heron", "clip-12 heron"]

    page.reload()
    expect(page.get_by_label("Search videos")).to_have_value("clip-1")
    expect(page.get_by_label("Tag", exact=True)).to_have_value("heron")
    expect(status).to_have_text("2 videos")
    assert _titles(page) == ["clip-16 heron", "clip-12 heron"]
    api = httpx.get(
        f"{big_library_url}/api/videos", params={"q": "clip-1", "tag": "heron", "sort": "-duration"}
    )
    assert [video["title"] for video in api.json()["items"]] == ["clip-16 heron", "clip-12 heron"]


def test_arrow_keys_move_through_the_grid_and_enter_opens_a_video(
    big_page: Page, big_library_url: str
) -> None:
    page = big_page
    page.goto("/")
    cards = page.locator("[data-video-card]")
    expect(cards).to_have_count(24)
    tops = [box["y"] for box in (card.bounding_box() for card in cards.all()) if box]
    columns = sum(1 for top in tops if abs(top - tops[0]) < 2)
    assert columns > 1
    page.locator("body").click(
        position={"x": 5, "y": 700}
    )  # nothing focused: arrows start at the first card
    page.keyboard.press("ArrowRight")
    expect(cards.nth(0)).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    target = cards.nth(1 + columns)
    expect(target).to_be_focused()
    title = target.get_by_role("heading", level=3).inner_text()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    video_id = page.url.rsplit("/", 1)[1]
    assert httpx.get(f"{big_library_url}/api/videos/{video_id}").json()["title"] == title


def test_a_summary_started_from_a_card_completes_on_the_jobs_page(
    page: Page, fovea_url: str, samples: list[SampleVideo]
) -> None:
    video = next(v for v in samples if "dust" in v.title.lower())
    body = {"name": "Meteorologist S6", "role": "forecaster", "information_need": "weather"}
    persona = httpx.post(f"{fovea_url}/api/personas", json=body).json()
    page.goto("/")
    page.get_by_label("Summary persona").select_option(label="Meteorologist S6")
    page.get_by_label("Transcribe audio").uncheck()
    page.get_by_label("Detect objects").uncheck()
    page.get_by_label("Key frames").fill("2")
    page.get_by_role("button", name=f"Summarize {video.title}").click()

    job_link = page.get_by_role(
        "link", name=re.compile(f"^Summary job of {re.escape(video.title)}")
    )
    expect(job_link).to_be_visible()
    job_link.click()
    expect(page).to_have_url(re.compile(r"/jobs/[0-9a-f-]{36}$"))
    job_id = page.url.rsplit("/", 1)[1]
    progress = page.get_by_role("progressbar", name="Job progress")
    expect(progress).to_have_attribute("aria-valuenow", "100", timeout=SUMMARY_TIMEOUT_MS)
    expect(page.get_by_text("completed", exact=True)).to_be_visible()

    page.reload()
    expect(page.get_by_role("progressbar", name="Job progress")).to_have_attribute(
        "aria-valuenow", "100"
    )
    expect(page.get_by_text("completed", exact=True)).to_be_visible()
    page.goto("/")
    card = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name=video.title, exact=True)
    )
    expect(card.get_by_text("1 summary")).to_be_visible()
    summaries = httpx.get(f"{fovea_url}/api/videos/{video.id}/summaries").json()
    items = summaries["items"] if isinstance(summaries, dict) else summaries
    assert [(s["persona_id"], s["job_id"]) for s in items] == [(persona["id"], job_id)]
    assert items[0]["summary"]
