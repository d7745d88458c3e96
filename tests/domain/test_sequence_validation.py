"""Validation beyond the shared invalid.json table: error shape, ordering, Python-only inputs."""

from __future__ import annotations

import numpy as np
import pytest

from fovea.domain import Keyframe, Segment, Sequence, SequenceError, VisibleRange, validate

A = Keyframe(0, 10.0, 10.0, 100.0, 50.0)
B = Keyframe(10, 20.0, 10.0, 100.0, 50.0)


def error_of(seq: Sequence, resolution_wh: tuple[int, int] | None = None) -> SequenceError:
    with pytest.raises(SequenceError) as caught:
        validate(seq, resolution_wh)
    return caught.value


def test_sequence_error_is_a_value_error_that_names_path_and_message() -> None:
    error = SequenceError("keyframes[2].frame", "must be a non-negative integer, got -1")
    assert isinstance(error, ValueError)
    assert (error.path, error.message) == (
        "keyframes[2].frame",
        "must be a non-negative integer, got -1",
    )
    assert str(error) == "keyframes[2].frame: must be a non-negative integer, got -1"


def test_the_first_problem_in_document_order_is_reported() -> None:
    seq = Sequence(
        keyframes=(A, Keyframe(10, 1.0, 1.0, -1.0, 1.0)),
        segments=(Segment(3, 10),),
        visible=(VisibleRange(5, 1),),
    )
    assert error_of(seq).path == "keyframes[1].w"


def test_out_of_order_message_names_both_keyframes() -> None:
    error = error_of(
        Sequence((A, Keyframe(30, 1.0, 1.0, 1.0, 1.0), Keyframe(20, 1.0, 1.0, 1.0, 1.0)))
    )
    assert error.path == "keyframes[2].frame"
    assert "frame 20" in error.message and "keyframes[1]" in error.message


def test_out_of_frame_message_states_box_and_frame_size() -> None:
    error = error_of(Sequence((Keyframe(0, 600.0, 10.0, 100.0, 50.0),)), (640, 480))
    assert error.path == "keyframes[0]"
    assert "x=600.0, y=10.0, w=100.0, h=50.0" in error.message
    assert "640x480" in error.message and "x + w = 700.0 > width 640" in error.message


def test_a_box_touching_the_frame_edges_is_inside() -> None:
    validate(Sequence((Keyframe(0, 0.0, 0.0, 640.0, 480.0),)), (640, 480))


def test_frames_are_not_checked_against_a_resolution_when_none_is_given() -> None:
    validate(Sequence((Keyframe(0, -50.0, -50.0, 1e6, 1e6),)))


@pytest.mark.parametrize("resolution_wh", [(0, 480), (640, -1), (640.0, 480), (True, 480)])
def test_a_nonsensical_resolution_is_a_caller_error(resolution_wh: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="resolution_wh") as caught:
        validate(Sequence((A,)), resolution_wh)
    assert not isinstance(caught.value, SequenceError)


def test_a_boolean_frame_is_not_a_frame() -> None:
    assert error_of(Sequence((Keyframe(True, 1.0, 1.0, 1.0, 1.0),))).path == "keyframes[0].frame"


def test_a_fractional_frame_built_in_python_is_rejected() -> None:
    seq = Sequence((Keyframe(1.5, 1.0, 1.0, 1.0, 1.0),))  # type: ignore[arg-type]
    assert error_of(seq).path == "keyframes[0].frame"


def test_numpy_integers_are_accepted_as_frames() -> None:
    validate(Sequence((Keyframe(np.int64(3), 1.0, 1.0, 1.0, 1.0),)))  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "10", None])
def test_box_numbers_must_be_finite_numbers(value: object) -> None:
    seq = Sequence((Keyframe(0, 1.0, value, 1.0, 1.0),))  # type: ignore[arg-type]
    error = error_of(seq)
    assert error.path == "keyframes[0].y" and "finite number" in error.message


def test_nan_confidence_is_rejected() -> None:
    error = error_of(Sequence((Keyframe(0, 1.0, 1.0, 1.0, 1.0, float("nan")),)))
    assert error.path == "keyframes[0].confidence"


def test_confidence_bounds_are_inclusive() -> None:
    validate(Sequence((Keyframe(0, 1.0, 1.0, 1.0, 1.0, 0.0), Keyframe(1, 1.0, 1.0, 1.0, 1.0, 1.0))))


def test_segments_may_come_in_any_order() -> None:
    c = Keyframe(20, 1.0, 1.0, 1.0, 1.0)
    validate(Sequence((A, B, c), (Segment(10, 20, "hold"), Segment(0, 10, "ease-in"))))


def test_bezier_control_points_at_the_limits_are_accepted() -> None:
    validate(Sequence((A, B), (Segment(0, 10, "bezier", (0.0, -40.0, 1.0, 40.0)),)))


def test_bezier_message_names_the_offending_control_point() -> None:
    error = error_of(Sequence((A, B), (Segment(0, 10, "bezier", (0.5, 0.0, 1.25, 1.0)),)))
    assert error.path == "segments[0].bezier" and error.message.startswith("x2 = 1.25")


def test_adjacent_visible_ranges_do_not_overlap() -> None:
    validate(Sequence((A, B), visible=(VisibleRange(0, 4), VisibleRange(5, 10))))


def test_visible_ranges_may_extend_beyond_the_keyframes() -> None:
    validate(Sequence((A, B), visible=(VisibleRange(0, 500),)))


def test_a_single_frame_visible_range_holds_its_keyframe() -> None:
    validate(Sequence((A, B), visible=(VisibleRange(0, 0), VisibleRange(10, 10))))


def test_validate_leaves_the_sequence_unchanged() -> None:
    seq = Sequence((A, B), (Segment(0, 10, "hold"),), (VisibleRange(0, 10),))
    before = repr(seq)
    validate(seq, (640, 480))
    assert repr(seq) == before
