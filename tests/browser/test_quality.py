"""Quality of the web app's pages in headless Chromium at 1280x720: no serious or critical axe-core
violations (WCAG 2.1 A/AA), and the model settings page shows every task slot the API reports.
"""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations

# Each page with what shows it has loaded (axe on a spinner proves little).
PAGES = [
    ("/", "heading", "Videos"),
    ("/jobs", "heading", "Jobs"),
    ("/settings", "heading", "AI models"),
    ("/world/entities", "heading", "World"),
    ("/world/locations", "heading", "World"),
    ("/personas", "heading", "Personas"),
]


@pytest.mark.parametrize(("path", "role", "name"), PAGES)
def test_page_has_no_serious_accessibility_violations(
    page: Page, path: str, role: str, name: str
) -> None:
    page.goto(path)
    expect(page.get_by_role(role, name=name, exact=True)).to_be_visible()  # type: ignore[arg-type]
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []


def test_the_world_editor_dialog_has_no_serious_accessibility_violations(page: Page) -> None:
    page.goto("/world/events")
    page.get_by_role("button", name="New event").click()
    dialog = page.get_by_role("dialog", name="New event")
    dialog.get_by_role("button", name="Add interpretation").click()
    expect(dialog.get_by_label("Interpretation 1 persona", exact=True)).to_be_visible()
    assert axe_violations(page) == []


def test_model_settings_show_every_task_with_its_options_and_availability(
    page: Page, fovea_url: str
) -> None:
    models = httpx.get(f"{fovea_url}/api/models", timeout=30).json()
    page.goto("/settings")
    card = page.get_by_role("region", name="AI models")
    expect(card.get_by_role("term").filter(has_text="Device")).to_be_visible()
    expect(card).to_contain_text(models["health"]["device"])
    for slot in models["slots"]:
        table = card.get_by_role("table", name=slot["task"])
        for option in slot["options"]:
            row = table.get_by_role("row").filter(has_text=option["name"]).first
            expected = (
                "available"
                if option["available"]
                else f"unavailable: {option['unavailable_reason']}"
            )
            expect(row).to_contain_text(expected)
    page.reload()
    expect(card.get_by_role("heading", name=models["slots"][0]["task"])).to_be_visible()
