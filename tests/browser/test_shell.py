"""The web app's shell in headless Chromium: the video browser, search in the URL, deep links,
the command palette and the shortcuts dialog, and how the built files are served.
"""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import SampleVideo

IMMUTABLE = "public, max-age=31536000, immutable"


def _card(page: Page, video: SampleVideo) -> Locator:
    return page.get_by_role("link", name=video.title, exact=True)


def _expect_thumbnail_loaded(page: Page, card: Locator) -> None:
    image = card.get_by_role("img")
    image.scroll_into_view_if_needed()  # thumbnails load lazily
    page.wait_for_function(
        "image => image.complete && image.naturalWidth > 0", arg=image.element_handle()
    )


def test_root_shows_a_card_with_its_thumbnail_per_sample_video(
    page: Page, samples: list[SampleVideo]
) -> None:
    page.goto("/")
    for video in samples:
        card = _card(page, video)
        expect(card).to_be_visible()
        _expect_thumbnail_loaded(page, card)


def test_search_filters_the_cards_is_kept_in_the_url_and_survives_a_reload(
    page: Page, samples: list[SampleVideo]
) -> None:
    bunny = next(video for video in samples if "Bunny" in video.title)
    others = [video for video in samples if video != bunny]
    page.goto("/")
    page.get_by_label("Search videos").fill("bunny")
    expect(page).to_have_url(re.compile(r"[?&]q=bunny(&|$)"))
    for _ in range(2):  # as typed, then after a reload
        expect(_card(page, bunny)).to_be_visible()
        for video in others:
            expect(_card(page, video)).to_have_count(0)
        page.reload()
    expect(page.get_by_label("Search videos")).to_have_value("bunny")
    expect(_card(page, bunny)).to_be_visible()


def test_enter_on_a_focused_card_opens_the_video_and_its_deep_link_reloads(
    page: Page, samples: list[SampleVideo]
) -> None:
    video = samples[0]
    page.goto("/")
    _card(page, video).focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/videos/{video.id}$"))
    heading = page.get_by_role("heading", name=video.title, exact=True, level=1)
    expect(heading).to_be_visible()
    page.reload()
    expect(page).to_have_url(re.compile(rf"/videos/{video.id}$"))
    expect(heading).to_be_visible()


def _palette_titles(page: Page) -> list[str]:
    page.keyboard.press("Control+Shift+P")
    palette = page.get_by_role("dialog", name="Command palette")
    options = palette.get_by_role("listbox", name="Commands").get_by_role("option")
    expect(options.first).to_be_visible()
    titles = [text.split("\n")[0].strip() for text in options.all_inner_texts()]
    page.keyboard.press("Escape")
    expect(palette).to_be_hidden()
    return titles


def _shortcut_dialog_titles(page: Page) -> list[str]:
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    rows = dialog.get_by_role("table", name="Keyboard shortcuts").locator("tbody tr")
    expect(rows.first).to_be_visible()
    titles = [row.get_by_role("cell").first.inner_text().strip() for row in rows.all()]
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    return titles


@pytest.mark.parametrize(
    ("path", "search"), [("/", "Search videos"), ("/world/entities", "Search entities")]
)
def test_command_palette_and_shortcuts_dialog_list_the_same_commands(
    page: Page, path: str, search: str
) -> None:
    page.goto(path)
    expect(page.get_by_label(search)).to_be_visible()
    palette = _palette_titles(page)
    dialog = _shortcut_dialog_titles(page)
    assert palette, "the palette lists no command"
    assert sorted(palette) == sorted(dialog)


def test_built_files_are_served_compressed_with_cache_headers(page: Page, fovea_url: str) -> None:
    with page.expect_response(re.compile(r"/assets/[^/]+\.js$")) as script_info:
        page.goto("/")
    script = script_info.value
    assert script.status == 200
    assert script.headers["cache-control"] == IMMUTABLE
    assert script.headers["content-encoding"] == "gzip"  # Chromium accepts gzip
    assert "accept-encoding" in script.headers["vary"].lower()

    index = httpx.get(f"{fovea_url}/", headers={"accept-encoding": "identity"})
    assert index.headers["cache-control"] == "no-cache"
    assert "content-encoding" not in index.headers
    plain = httpx.get(script.url, headers={"accept-encoding": "identity"})
    assert plain.headers["cache-control"] == IMMUTABLE
    assert "content-encoding" not in plain.headers
    assert int(plain.headers["content-length"]) > int(script.headers["content-length"])
