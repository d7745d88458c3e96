"""The persona and ontology builder in headless Chromium: personas, types of the four kinds, the
gloss editor's `#`/`@` references, copying a persona, and importing from a local server that
speaks the Wikidata action API. Each test ends with a reload and checks the UI and the API.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Error,
    Locator,
    Page,
    ViewportSize,
    expect,
)
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from fovea.server import create_app
from tests.browser.conftest import TIMEOUT_MS, VIEWPORT, WEB_DIR, _serve
from tests.conftest import make_settings

# ---------------------------------------------------------------- helpers


def _unique(name: str) -> str:
    return f"{name} {uuid.uuid4().hex[:6]}"


def _api_persona(base: str, name: str) -> dict[str, Any]:
    body = {"name": name, "role": "Analyst", "information_need": "Ships in port"}
    response = httpx.post(f"{base}/api/personas", json=body)
    assert response.status_code == 201, response.text
    persona: dict[str, Any] = response.json()
    return persona


def _api_type(base: str, persona_id: str, kind: str, body: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(f"{base}/api/personas/{persona_id}/{kind}-types", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def _api_types(base: str, persona_id: str, kind: str) -> list[dict[str, Any]]:
    response = httpx.get(f"{base}/api/personas/{persona_id}/{kind}-types")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def _type_row(page: Page, name: str) -> Locator:
    return page.get_by_role("listitem", name=name, exact=True)


def _gloss(page: Page) -> Locator:
    return page.get_by_role("combobox", name="Gloss")


def _insert_reference(page: Page, typed: str, option: str) -> None:
    """Types `typed` (ending in a `#`/`@` trigger), then picks `option` with the arrow keys."""
    _gloss(page).press_sequentially(typed)
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option", name=re.compile(re.escape(option)))).to_be_visible()
    options = listbox.get_by_role("option")
    names = [text.split("\n")[0] for text in options.all_inner_texts()]
    index = next(i for i, text in enumerate(names) if text.startswith(option))
    for _ in range(index):
        _gloss(page).press("ArrowDown")
    expect(options.nth(index)).to_have_attribute("aria-selected", "true")
    _gloss(page).press("Enter")
    expect(listbox).to_have_count(0)


def _open_tab(page: Page, kind: str) -> None:
    page.get_by_role("tab", name=re.compile(rf"^{kind} types")).click()


# ---------------------------------------------------------------- 1. gloss references


def test_entity_type_gloss_keeps_type_and_object_references_after_a_reload(
    page: Page, fovea_url: str
) -> None:
    name = _unique("Harbour watch")
    page.goto("/personas")
    page.get_by_role("button", name="New persona").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Name").fill(name)
    dialog.get_by_label("Role").fill("Harbour analyst")
    dialog.get_by_label("Information need").fill("Which ships come and go")
    dialog.get_by_role("button", name="Create").click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    persona_id = page.url.rstrip("/").split("/")[-1]

    vessel = _api_type(fovea_url, persona_id, "entity", {"name": "Vessel", "gloss": "A ship"})
    owner = httpx.post(f"{fovea_url}/api/world/entities", json={"name": "Maersk Line"}).json()
    page.reload()  # the world entity was made behind the page's back

    page.get_by_role("button", name="New entity type").click()
    page.get_by_role("dialog").get_by_label("Name").fill("Container ship")
    _insert_reference(page, "A large #ves", "Vessel")
    _insert_reference(page, "run by @Maer", "Maersk Line")
    _gloss(page).press_sequentially("today")
    _gloss(page).press("Home")  # an edit before the chips leaves them whole
    _gloss(page).press_sequentially("Quite ")
    expect(_gloss(page).locator(".gloss-chip")).to_have_text(["#Vessel", "@Maersk Line"])
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_role("dialog")).to_have_count(0)

    page.reload()
    row = _type_row(page, "Container ship")
    expect(row).to_contain_text("Quite A large #Vessel run by @Maersk Line today")
    expect(row.locator("[data-gloss-chip]")).to_have_text(["#Vessel", "@Maersk Line"])

    stored = next(
        t for t in _api_types(fovea_url, persona_id, "entity") if t["name"] == "Container ship"
    )
    assert stored["gloss"] == [
        {"kind": "text", "text": "Quite A large "},
        {"kind": "type", "id": vessel["id"], "type_kind": "entity"},
        {"kind": "text", "text": " run by "},
        {"kind": "object", "id": owner["id"], "object_kind": "entity"},
        {"kind": "text", "text": " today"},
    ]

    # Reopening the editor shows the chips again.
    row.get_by_role("button", name="Edit Container ship").click()
    expect(_gloss(page).locator(".gloss-chip")).to_have_text(["#Vessel", "@Maersk Line"])


# ---------------------------------------------------------------- 2. kinds and deletion


def test_event_with_role_slots_and_deleting_a_role_turns_its_reference_into_text(
    page: Page, fovea_url: str
) -> None:
    persona = _api_persona(fovea_url, _unique("Incident desk"))
    page.goto(f"/personas/{persona['id']}?tab=role")
    for role in ("Agent", "Instrument"):
        page.get_by_role("button", name="New role type").click()
        dialog = page.get_by_role("dialog")
        dialog.get_by_label("Name").fill(role)
        expect(dialog.get_by_role("checkbox", name="entity")).to_be_checked()
        expect(dialog.get_by_role("checkbox", name="event")).not_to_be_checked()
        dialog.get_by_role("button", name="Create").click()
        expect(_type_row(page, role)).to_be_visible()
    expect(page.get_by_role("tab", name="Role types (2)")).to_be_visible()

    _open_tab(page, "Event")
    page.get_by_role("button", name="New event type").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Name").fill("Attack")
    _insert_reference(page, "Done by an #ag", "Agent")
    dialog.get_by_role("button", name="Add role slot").click()
    dialog.get_by_role("button", name="Add role slot").click()
    expect(dialog.get_by_role("list", name="Role slots").get_by_role("listitem")).to_have_count(2)
    dialog.get_by_role("button", name="Create").click()
    attack = _type_row(page, "Attack")
    expect(attack).to_contain_text("Roles: Agent, Instrument")
    expect(attack.locator("[data-gloss-chip]")).to_have_text(["#Agent"])

    roles = {t["name"]: t for t in _api_types(fovea_url, persona["id"], "role")}
    assert [r["allowed_fillers"] for r in roles.values()] == [["entity"], ["entity"]]
    event = _api_types(fovea_url, persona["id"], "event")[0]
    assert [slot["role_type_id"] for slot in event["roles"]] == [
        roles["Agent"]["id"],
        roles["Instrument"]["id"],
    ]

    _open_tab(page, "Role")
    _type_row(page, "Agent").get_by_role("button", name="Delete Agent").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete").click()
    expect(_type_row(page, "Agent")).to_have_count(0)

    page.reload()
    expect(page.get_by_role("tab", name="Role types (1)")).to_be_visible()
    _open_tab(page, "Event")
    attack = _type_row(page, "Attack")
    expect(attack).to_contain_text("Done by an Agent")
    expect(attack.locator("[data-gloss-chip]")).to_have_count(0)
    expect(attack).to_contain_text("Roles: Instrument")

    event = _api_types(fovea_url, persona["id"], "event")[0]
    assert {part["kind"] for part in event["gloss"]} == {"text"}
    assert "".join(part["text"] for part in event["gloss"]) == "Done by an Agent "
    assert [slot["role_type_id"] for slot in event["roles"]] == [roles["Instrument"]["id"]]


# ---------------------------------------------------------------- 3. copy


def test_a_copied_persona_has_its_own_ontology(page: Page, fovea_url: str) -> None:
    name = _unique("Coast guard")
    original = _api_persona(fovea_url, name)
    _api_type(fovea_url, original["id"], "entity", {"name": "Vessel", "gloss": "A ship"})
    page.goto("/personas")
    page.get_by_label("Search personas").fill(name)
    expect(page.get_by_role("list", name="Personas").get_by_role("listitem")).to_have_count(1)
    page.get_by_role("button", name=f"Copy {name}").click()
    page.get_by_role("link", name="Open").click()
    expect(page.get_by_role("heading", name=f"{name} (copy)", level=1)).to_be_visible()
    copy_id = page.url.rstrip("/").split("/")[-1]
    assert copy_id != original["id"]

    _type_row(page, "Vessel").get_by_role("button", name="Edit Vessel").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Name").fill("Boat")
    dialog.get_by_role("button", name="Save").click()
    expect(_type_row(page, "Boat")).to_be_visible()

    page.reload()
    expect(_type_row(page, "Boat")).to_be_visible()
    expect(_type_row(page, "Vessel")).to_have_count(0)
    page.goto(f"/personas/{original['id']}")
    expect(_type_row(page, "Vessel")).to_be_visible()
    expect(_type_row(page, "Boat")).to_have_count(0)

    assert [t["name"] for t in _api_types(fovea_url, original["id"], "entity")] == ["Vessel"]
    assert [t["name"] for t in _api_types(fovea_url, copy_id, "entity")] == ["Boat"]


# ---------------------------------------------------------------- 7. Wikidata

ITEMS = {
    "Q11446": ("ship", "large watercraft"),
    "Q1229765": ("watercraft", "vehicle used on water"),
    "Q5": ("human", "species of primate"),
}


def _wikidata_reply(request: Request) -> Response:
    """`wbsearchentities` and `wbgetentities` as Wikidata answers them (English only)."""
    args = request.args
    if args.get("action") == "wbsearchentities":
        text = args.get("search", "").lower()
        hits = [
            {"id": qid, "label": label, "description": description,
             "concepturi": f"http://www.wikidata.org/entity/{qid}"}
            for qid, (label, description) in ITEMS.items() if text in label
        ]  # fmt: skip
        return Response(_json({"searchinfo": {"search": text}, "search": hits, "success": 1}))
    if args.get("action") == "wbgetentities":
        qid = args.get("ids", "")
        if qid not in ITEMS:
            return Response(_json({"entities": {qid: {"id": qid, "missing": ""}}, "success": 1}))
        label, description = ITEMS[qid]
        entity = {
            "id": qid, "labels": {"en": {"language": "en", "value": label}},
            "descriptions": {"en": {"language": "en", "value": description}}, "aliases": {},
        }  # fmt: skip
        return Response(_json({"entities": {qid: entity}, "success": 1}))
    return Response(_json({"error": {"code": "badvalue", "info": "unknown action"}}))


def _json(value: Any) -> str:
    return json.dumps(value)


@pytest.fixture
def wikidata_url(httpserver: HTTPServer) -> str:
    httpserver.expect_request("/w/api.php").respond_with_handler(_wikidata_reply)
    return httpserver.url_for("/w/api.php")


@pytest.fixture
def wikidata_app(
    database_url: str,
    wikidata_url: str,
    tmp_path_factory: pytest.TempPathFactory,
    fovea_url: str,
) -> Iterator[str]:
    """A second live app over the same database whose Wikidata is the local server
    (after ``fovea_url``, which empties the tables once for the package)."""
    data_dir = tmp_path_factory.mktemp("wikidata-app")
    (data_dir / "videos").mkdir()
    settings = make_settings(
        database_url, data_dir, video_dir=data_dir / "videos", web_dir=WEB_DIR,
        job_poll_interval_s=0.05, wikidata_url=wikidata_url,
    )  # fmt: skip
    yield from _serve(create_app(settings))


# The refused import is an expected 409: Chromium logs every failed response as an error.
EXPECTED_ERRORS = re.compile(r"status of 409 \(Conflict\)")


@pytest.fixture
def wikidata_page(browser: Browser, wikidata_app: str) -> Iterator[Page]:
    viewport = ViewportSize(width=VIEWPORT["width"], height=VIEWPORT["height"])
    context = browser.new_context(base_url=wikidata_app, viewport=viewport)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not EXPECTED_ERRORS.search(message.text):
            errors.append(f"console: {message.text}")

    def on_page_error(error: Error) -> None:
        errors.append(f"uncaught: {error.message}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    yield page
    context.close()
    assert errors == [], "the page logged errors"


def test_wikidata_search_imports_a_type_and_refuses_the_same_item_twice(
    wikidata_page: Page, wikidata_app: str
) -> None:
    page = wikidata_page
    persona = _api_persona(wikidata_app, _unique("Maritime"))
    page.goto(f"/personas/{persona['id']}")
    page.get_by_role("button", name="Import from Wikidata").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Search Wikidata").fill("ship")
    results = dialog.get_by_role("list", name="Wikidata results")
    expect(results.get_by_role("listitem")).to_have_count(1)
    expect(results).to_contain_text("large watercraft")
    expect(results).to_contain_text("Q11446")

    import_ship = dialog.get_by_role("button", name="Import ship (Q11446) as entity type")
    import_ship.click()
    # The toaster sits under the page root, which the open dialog hides from the a11y tree.
    toasts = page.get_by_role("alert", include_hidden=True)
    expect(toasts.filter(has_text="Imported ship")).to_be_visible()
    page.get_by_role("button", name="Close notification", include_hidden=True).click()
    import_ship.click()
    refused = toasts.filter(has_text="duplicate import")
    expect(refused).to_be_visible()
    expect(refused).to_contain_text("Q11446")

    page.reload()
    row = _type_row(page, "ship")
    expect(row).to_contain_text("large watercraft")
    expect(row.get_by_label("Wikidata Q11446")).to_be_visible()
    types = _api_types(wikidata_app, persona["id"], "entity")
    assert [(t["name"], t["wikidata_id"]) for t in types] == [("ship", "Q11446")]
    again = httpx.post(
        f"{wikidata_app}/api/personas/{persona['id']}/types/wikidata",
        json={"wikidata_id": "Q11446", "kind": "entity"},
    )
    assert again.status_code == 409
    assert "duplicate import" in again.json()["message"]
