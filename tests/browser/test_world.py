"""World objects in headless Chromium: one of each kind created through the editor, typed by two
personas, filtered and searched; after a reload the list and the API agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import httpx
from playwright.sync_api import Locator, Page, expect


@dataclass(frozen=True)
class Ontology:
    """Two personas made through the API, with the types the test assigns."""

    analyst: str
    journalist: str
    person: str  # analyst's entity type
    place: str  # analyst's entity type
    meeting: str  # analyst's event type
    attendee: str  # analyst's role type
    suspect: str  # journalist's entity type


def _post(base: str, path: str, body: dict[str, Any]) -> str:
    response = httpx.post(f"{base}{path}", json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _ontology(base: str, suffix: str) -> Ontology:
    def persona(name: str) -> str:
        return _post(
            base,
            "/api/personas",
            {"name": f"{name} {suffix}", "role": name, "information_need": "who met whom"},
        )

    def type_(persona_id: str, kind: str, name: str, **extra: Any) -> str:
        return _post(
            base, f"/api/personas/{persona_id}/{kind}-types", {"name": name, "gloss": [], **extra}
        )

    analyst, journalist = persona("Analyst"), persona("Journalist")
    return Ontology(
        analyst=analyst, journalist=journalist,
        person=type_(analyst, "entity", "Person"), place=type_(analyst, "entity", "Place"),
        meeting=type_(analyst, "event", "Meeting"),
        attendee=type_(analyst, "role", "Attendee", allowed_fillers=["entity"]),
        suspect=type_(journalist, "entity", "Suspect"),
    )  # fmt: skip


def _new(page: Page, tab: str, kind: str, name: str) -> Locator:
    page.get_by_role("tab", name=tab).click()
    page.get_by_role("button", name=f"New {kind}").click()
    dialog = page.get_by_role("dialog", name=f"New {kind}")
    dialog.get_by_role("textbox", name="Name", exact=True).fill(name)
    return dialog


def _assign(dialog: Locator, index: int, persona: str, type_name: str, confidence: str) -> None:
    dialog.get_by_role("button", name="Add type assignment").click()
    dialog.get_by_label(f"Assignment {index} persona", exact=True).select_option(label=persona)
    dialog.get_by_label(f"Assignment {index} type", exact=True).select_option(label=type_name)
    dialog.get_by_label(f"Assignment {index} confidence", exact=True).fill(confidence)


def _create(page: Page, dialog: Locator, name: str) -> None:
    # Enter submits the form (a toast from the last save may cover the dialog's buttons).
    dialog.get_by_role("textbox", name="Name", exact=True).press("Enter")
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()


def _items(base: str, plural: str, **query: str) -> list[dict[str, Any]]:
    response = httpx.get(f"{base}/api/world/{plural}", params={"page_size": 500, **query})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def test_one_object_of_each_kind_typed_by_two_personas_filters_and_persists(
    page: Page, fovea_url: str
) -> None:
    suffix = "W4"
    o = _ontology(fovea_url, suffix)
    analyst, journalist = f"Analyst {suffix}", f"Journalist {suffix}"
    page.goto("/world")

    dialog = _new(page, "Entities", "entity", "Ada Lovelace")
    _assign(dialog, 1, analyst, "Person", "0.9")
    _assign(dialog, 2, journalist, "Suspect", "0.4")
    _create(page, dialog, "Ada Lovelace")
    dialog = _new(page, "Entities", "entity", "Charles Babbage")
    _assign(dialog, 1, analyst, "Person", "1")
    _create(page, dialog, "Charles Babbage")

    dialog = _new(page, "Locations", "location", "Harbour")
    dialog.get_by_role("img", name="Map: click to set the point").click(
        position={"x": 300, "y": 100}
    )
    expect(dialog.get_by_label("Point latitude", exact=True)).not_to_have_value(
        ""
    )  # the map picked a point
    dialog.get_by_label("Point latitude", exact=True).fill("51.5")
    dialog.get_by_label("Point longitude", exact=True).fill("-0.12")
    _assign(dialog, 1, analyst, "Place", "0.8")
    _create(page, dialog, "Harbour")

    dialog = _new(page, "Times", "time", "Morning")
    dialog.get_by_role("button", name="Interval").click()
    dialog.get_by_label("Start", exact=True).fill("2024-05-01T08:00")
    dialog.get_by_label("End", exact=True).fill("2024-05-01T12:00")
    dialog.get_by_label("Vagueness", exact=True).select_option("approximate")
    _create(page, dialog, "Morning")

    dialog = _new(page, "Events", "event", "Tea at the harbour")
    dialog.get_by_label("Time", exact=True).select_option(label="Morning (time)")
    dialog.get_by_label("Location", exact=True).select_option(label="Harbour (location)")
    dialog.get_by_role("button", name="Add interpretation").click()
    dialog.get_by_label("Interpretation 1 persona", exact=True).select_option(label=analyst)
    dialog.get_by_label("Interpretation 1 event type", exact=True).select_option(label="Meeting")
    dialog.get_by_role("button", name="Add participant to interpretation 1").click()
    dialog.get_by_label("Interpretation 1 participant 1 object", exact=True).select_option(
        label="Ada Lovelace (entity)"
    )
    dialog.get_by_label("Interpretation 1 participant 1 role", exact=True).select_option(
        label="Attendee"
    )
    _create(page, dialog, "Tea at the harbour")

    dialog = _new(page, "Collections", "collection", "Engine team")
    members = dialog.get_by_label("Members", exact=True)
    for name in ("Ada Lovelace", "Charles Babbage"):
        members.fill(name.split()[0])
        page.get_by_role("option", name=f"{name} (entity)").click()
    _create(page, dialog, "Engine team")

    # Filter entities by the journalist's type, then search.
    page.get_by_role("tab", name="Entities").click()
    page.get_by_label("Persona", exact=True).select_option(label=journalist)
    page.get_by_label("Type", exact=True).select_option(label="Suspect")
    expect(page.get_by_role("link", name="Ada Lovelace")).to_be_visible()
    expect(page.get_by_role("link", name="Charles Babbage")).to_have_count(0)
    page.get_by_label("Persona", exact=True).select_option(label="Any persona")
    page.get_by_label("Search entities", exact=True).fill("babb")
    expect(page).to_have_url(re.compile(r"q=babb"))
    expect(page.get_by_role("link", name="Ada Lovelace")).to_have_count(0)
    page.reload()
    expect(page.get_by_label("Search entities", exact=True)).to_have_value("babb")
    expect(page.get_by_role("link", name="Charles Babbage")).to_be_visible()
    expect(page.get_by_role("link", name="Ada Lovelace")).to_have_count(0)
    row = page.get_by_role("row", name=re.compile("Charles Babbage"))
    expect(row.get_by_text(f"{analyst}: Person (100%)")).to_be_visible()

    # Through the API: every kind, with its fields and both personas' readings.
    ada = _items(fovea_url, "entities", q="Ada")[0]
    assert {(a["persona_id"], a["type_id"], a["confidence"]) for a in ada["type_assignments"]} == {
        (o.analyst, o.person, 0.9), (o.journalist, o.suspect, 0.4)}  # fmt: skip
    assert [e["name"] for e in _items(fovea_url, "entities", persona_id=o.journalist)] == [
        "Ada Lovelace"
    ]
    harbour = _items(fovea_url, "locations", q="Harbour")[0]
    assert harbour["attributes"]["coordinates"] == {"lat": 51.5, "lon": -0.12, "alt": None}
    morning = _items(fovea_url, "times", q="Morning")[0]
    assert morning["attributes"]["time_type"] == "interval"
    assert morning["attributes"]["vagueness"]["type"] == "approximate"
    event = _items(fovea_url, "events", q="Tea")[0]
    assert event["attributes"]["time_id"] == morning["id"]
    assert event["attributes"]["location_id"] == harbour["id"]
    [reading] = event["interpretations"]
    assert (reading["persona_id"], reading["event_type_id"]) == (o.analyst, o.meeting)
    assert reading["participants"] == [{"object_id": ada["id"], "role_type_id": o.attendee}]
    team = _items(fovea_url, "collections", q="Engine")[0]
    babbage = _items(fovea_url, "entities", q="Babbage")[0]
    assert team["attributes"]["member_ids"] == [ada["id"], babbage["id"]]


def test_deleting_asks_for_confirmation_and_the_object_stays_gone(
    page: Page, fovea_url: str
) -> None:
    _post(fovea_url, "/api/world/entities", {"name": "Doomed Dodo"})
    page.goto("/world/entities?q=Dodo")
    page.get_by_role("button", name="Delete Doomed Dodo").click()
    confirm = page.get_by_role("dialog", name="Delete Doomed Dodo?")
    confirm.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("link", name="Doomed Dodo")).to_be_visible()
    page.get_by_role("button", name="Delete Doomed Dodo").click()
    confirm.get_by_role("button", name="Delete").click()
    expect(page.get_by_role("link", name="Doomed Dodo")).to_have_count(0)
    page.reload()
    expect(page.get_by_role("status")).to_have_text("0 entities")
    assert _items(fovea_url, "entities", q="Dodo") == []


def test_editing_a_description_keeps_its_object_references(page: Page, fovea_url: str) -> None:
    ship = _post(fovea_url, "/api/world/entities", {"name": "Ship Argo"})
    ref = {"kind": "object", "id": ship, "object_kind": "entity"}
    description = [{"kind": "text", "text": "sailed on "}, ref]
    _post(fovea_url, "/api/world/entities", {"name": "Jason", "description": description})
    page.goto("/world/entities?q=Jason")
    page.get_by_role("button", name="Edit Jason").click()
    dialog = page.get_by_role("dialog", name="Edit entity")
    gloss = dialog.get_by_role("combobox", name="Description")
    expect(gloss.locator(".gloss-chip")).to_have_text("@Ship Argo")
    gloss.click()
    page.keyboard.type("Once ")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_have_count(0)
    page.reload()
    parts = _items(fovea_url, "entities", q="Jason")[0]["description"]
    assert [part for part in parts if part["kind"] != "text"] == [ref]  # the reference survived
    text = "".join(part["text"] for part in parts if part["kind"] == "text")
    assert "Once" in text and "sailed on" in text  # and the edit was saved
