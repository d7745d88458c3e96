"""Gloss parts as pure values: parsing, the string shorthand, detaching and remapping."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from fovea.glosses.schemas import GlossIn, GlossPart, gloss_json
from fovea.glosses.service import detached, parse_stored, remapped

GLOSS_IN = TypeAdapter(GlossIn)
A, B, C = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def text(value: str) -> dict[str, Any]:
    return {"kind": "text", "text": value}


def type_ref(type_id: uuid.UUID, type_kind: str = "entity") -> dict[str, Any]:
    return {"kind": "type", "id": str(type_id), "type_kind": type_kind}


def object_ref(object_id: uuid.UUID, object_kind: str = "entity") -> dict[str, Any]:
    return {"kind": "object", "id": str(object_id), "object_kind": object_kind}


def parts(*stored: dict[str, Any]) -> list[GlossPart]:
    return parse_stored(list(stored))


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("A ship.", [text("A ship.")]),
        ("   ", []),
        ([], []),
        (
            [text("See "), {"kind": "claim", "id": str(A)}],
            [text("See "), {"kind": "claim", "id": str(A)}],
        ),
    ],
)
def test_a_gloss_is_a_list_of_parts_or_a_string_shorthand(
    sent: object, stored: list[dict[str, Any]]
) -> None:
    assert gloss_json(GLOSS_IN.validate_python(sent)) == stored


@pytest.mark.parametrize(
    "part",
    [
        {"kind": "bold", "text": "x"},
        {"kind": "type", "id": str(A)},
        {"kind": "type", "id": str(A), "type_kind": "place"},
        {"kind": "object", "id": "not-a-uuid", "object_kind": "entity"},
        {"kind": "text", "text": "x", "id": str(A)},
        {"text": "no kind"},
    ],
)
def test_a_malformed_part_is_refused(part: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        GLOSS_IN.validate_python([part])


def test_stored_json_round_trips() -> None:
    stored = [
        text("x"), type_ref(A, "role"), object_ref(B, "time"),
        {"kind": "annotation", "id": str(C)}, {"kind": "claim", "id": str(A)},
    ]  # fmt: skip
    assert gloss_json(parse_stored(stored)) == stored


def test_detached_turns_every_reference_to_the_id_into_text_and_keeps_the_rest() -> None:
    gloss = parts(type_ref(A), text(" and "), object_ref(B), {"kind": "claim", "id": str(A)})
    assert gloss_json(detached(gloss, A, "Ship")) == [
        text("Ship"), text(" and "), object_ref(B), text("Ship"),
    ]  # fmt: skip
    assert detached(gloss, C, "x") == gloss


def test_remapped_points_references_in_the_map_at_their_new_ids() -> None:
    new_a = uuid.uuid4()
    gloss = parts(type_ref(A, "event"), object_ref(B), text(str(A)))
    assert gloss_json(remapped(gloss, {A: new_a})) == [
        type_ref(new_a, "event"), object_ref(B), text(str(A)),
    ]  # fmt: skip
