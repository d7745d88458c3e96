"""Reading and writing the JSON wire form: defaults, leniency, strictness and paths."""

from __future__ import annotations

from typing import Any

import pytest

from fovea.domain import (
    Keyframe,
    Segment,
    Sequence,
    SequenceError,
    VisibleRange,
    sequence_from_wire,
    sequence_to_wire,
)

KEY_A = {"frame": 0, "x": 10.0, "y": 20.0, "w": 100.0, "h": 50.0, "confidence": None}
KEY_B = {"frame": 30, "x": 40.0, "y": 20.0, "w": 100.0, "h": 50.0, "confidence": 0.75}


def error_of(wire: Any) -> SequenceError:
    with pytest.raises(SequenceError) as caught:
        sequence_from_wire(wire)
    return caught.value


def test_full_document_reads_into_values() -> None:
    wire = {
        "keyframes": [KEY_A, KEY_B],
        "segments": [
            {"start_frame": 0, "end_frame": 30, "mode": "bezier", "bezier": [0.25, 0.1, 0.25, 1]}
        ],
        "visible": [{"start_frame": 0, "end_frame": 30}],
    }
    assert sequence_from_wire(wire) == Sequence(
        keyframes=(
            Keyframe(0, 10.0, 20.0, 100.0, 50.0),
            Keyframe(30, 40.0, 20.0, 100.0, 50.0, 0.75),
        ),
        segments=(Segment(0, 30, "bezier", (0.25, 0.1, 0.25, 1.0)),),
        visible=(VisibleRange(0, 30),),
    )


def test_missing_segments_means_no_segments() -> None:
    assert sequence_from_wire({"keyframes": [KEY_A, KEY_B]}).segments == ()


def test_missing_visible_means_first_to_last_keyframe() -> None:
    assert sequence_from_wire({"keyframes": [KEY_A, KEY_B]}).visible == (VisibleRange(0, 30),)


def test_explicit_empty_visible_is_kept_empty() -> None:
    assert sequence_from_wire({"keyframes": [KEY_A], "visible": []}).visible == ()


def test_optional_fields_take_their_defaults() -> None:
    key = {"frame": 0, "x": 1, "y": 2, "w": 3, "h": 4}
    segment = {"start_frame": 0, "end_frame": 30}
    seq = sequence_from_wire({"keyframes": [key, KEY_B], "segments": [segment]})
    assert seq.keyframes[0] == Keyframe(0, 1.0, 2.0, 3.0, 4.0, None)
    assert seq.segments == (Segment(0, 30, "linear", None),)


def test_integer_coordinates_become_floats() -> None:
    key = sequence_from_wire(
        {"keyframes": [{"frame": 0, "x": 1, "y": 2, "w": 3, "h": 4}]}
    ).keyframes[0]
    assert all(type(v) is float for v in (key.x, key.y, key.w, key.h))


def test_an_integral_float_frame_is_an_integer() -> None:
    # JSON has a single number type; a JavaScript client cannot tell 3 from 3.0.
    frame = sequence_from_wire({"keyframes": [{**KEY_A, "frame": 3.0}]}).keyframes[0].frame
    assert frame == 3 and type(frame) is int


def test_reading_checks_shapes_not_rules() -> None:
    # Out-of-order frames and an off-frame box are validate's job, so importers can clip first.
    seq = sequence_from_wire({"keyframes": [KEY_B, {**KEY_A, "x": -500.0}]})
    assert [k.frame for k in seq.keyframes] == [30, 0]


@pytest.mark.parametrize(
    ("wire", "path", "message"),
    [
        ({"keyframes": [KEY_A], "extra": 1}, "extra", "unknown key"),
        ({"keyframes": [KEY_A], "segments": None}, "segments", "expected a list, got null"),
        ({"keyframes": [KEY_A], "visible": [[0, 1]]}, "visible[0]", "expected an object, got list"),
        ({"keyframes": ["frame"]}, "keyframes[0]", "expected an object, got string"),
        ({"keyframes": [{**KEY_A, "x": 10**400}]}, "keyframes[0].x", "too large"),
        (
            {"keyframes": [{**KEY_A, "frame": float("inf")}]},
            "keyframes[0].frame",
            "expected an integer",
        ),
        ({"keyframes": [{**KEY_A, "confidence": "high"}]}, "keyframes[0].confidence", "got string"),
        (
            {
                "keyframes": [KEY_A, KEY_B],
                "segments": [{"start_frame": 0, "end_frame": 30, "bezier": 1}],
            },
            "segments[0].bezier",
            "expected a list, got number",
        ),
    ],
)
def test_malformed_documents_name_the_field(wire: Any, path: str, message: str) -> None:
    error = error_of(wire)
    assert error.path == path and message in error.message


def test_writing_spells_out_every_key_with_nulls() -> None:
    seq = Sequence(
        keyframes=(Keyframe(0, 1.0, 2.0, 3.0, 4.0),),
        segments=(Segment(0, 5, "hold"),),
        visible=(VisibleRange(0, 5),),
    )
    assert sequence_to_wire(seq) == {
        "keyframes": [{"frame": 0, "x": 1.0, "y": 2.0, "w": 3.0, "h": 4.0, "confidence": None}],
        "segments": [{"start_frame": 0, "end_frame": 5, "mode": "hold", "bezier": None}],
        "visible": [{"start_frame": 0, "end_frame": 5}],
    }


def test_bezier_is_written_as_a_list() -> None:
    seq = Sequence(
        (Keyframe(0, 1.0, 1.0, 1.0, 1.0),), (Segment(0, 5, "bezier", (0.1, 0.2, 0.3, 0.4)),)
    )
    segments = sequence_to_wire(seq)["segments"]
    assert segments == [
        {"start_frame": 0, "end_frame": 5, "mode": "bezier", "bezier": [0.1, 0.2, 0.3, 0.4]}
    ]


def test_a_written_document_reads_back_to_itself() -> None:
    wire = {
        "keyframes": [KEY_A, KEY_B],
        "segments": [{"start_frame": 0, "end_frame": 30, "mode": "ease-out", "bezier": None}],
        "visible": [{"start_frame": 0, "end_frame": 12}, {"start_frame": 20, "end_frame": 30}],
    }
    assert sequence_to_wire(sequence_from_wire(wire)) == wire


def test_reading_does_not_modify_the_document() -> None:
    wire = {"keyframes": [dict(KEY_A)]}
    sequence_from_wire(wire)
    assert wire == {"keyframes": [KEY_A]}
