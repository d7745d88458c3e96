"""The shared golden files: stored expected boxes and stored validation failures.

The expected numbers were computed once by tests/fixtures/interpolation/make_golden.py with
exact rational arithmetic; these tests only compare against the stored values. The TypeScript
client reads the same files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fovea.domain import SequenceError, box_at, expand, sequence_from_wire, validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "interpolation"
GOLDEN = json.loads((FIXTURES / "golden.json").read_text(encoding="utf-8"))
INVALID = json.loads((FIXTURES / "invalid.json").read_text(encoding="utf-8"))
TOLERANCE = GOLDEN["tolerance"]


def golden_queries() -> list[Any]:
    return [
        pytest.param(
            case["sequence"], query["frame"], query["box"], id=f"{case['name']}@{query['frame']}"
        )
        for case in GOLDEN["cases"]
        for query in case["queries"]
    ]


def assert_box_matches(actual: Any, expected: dict[str, Any] | None) -> None:
    if expected is None:
        assert actual is None
        return
    assert actual is not None
    assert actual.keyframe is expected["keyframe"]
    for name in ("x", "y", "w", "h"):
        assert getattr(actual, name) == pytest.approx(expected[name], abs=TOLERANCE), name


def test_golden_file_covers_every_mode_and_null_boxes() -> None:
    modes = {
        segment["mode"]
        for case in GOLDEN["cases"]
        for segment in case["sequence"].get("segments", [])
    }
    assert modes == {"linear", "ease-in", "ease-out", "ease-in-out", "hold", "bezier"}
    boxes = [q["box"] for case in GOLDEN["cases"] for q in case["queries"]]
    assert None in boxes


@pytest.mark.parametrize(("wire", "frame", "expected"), golden_queries())
def test_box_at_matches_the_golden_box(wire: Any, frame: int, expected: Any) -> None:
    assert_box_matches(box_at(sequence_from_wire(wire), frame), expected)


@pytest.mark.parametrize(("wire", "frame", "expected"), golden_queries())
def test_expand_matches_the_golden_box(wire: Any, frame: int, expected: Any) -> None:
    boxes = expand(sequence_from_wire(wire), frame, frame).to_boxes()
    assert len(boxes) <= 1
    assert_box_matches(boxes[0] if boxes else None, expected)


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=lambda case: case["name"])
def test_golden_sequences_are_valid(case: dict[str, Any]) -> None:
    validate(sequence_from_wire(case["sequence"]))


@pytest.mark.parametrize("case", INVALID["cases"], ids=lambda case: case["name"])
def test_invalid_sequence_is_reported_at_its_path(case: dict[str, Any]) -> None:
    resolution = case["resolution_wh"]
    with pytest.raises(SequenceError) as caught:
        validate(
            sequence_from_wire(case["sequence"]), None if resolution is None else tuple(resolution)
        )
    assert caught.value.path == case["path"]
    assert case["message_contains"] in caught.value.message
