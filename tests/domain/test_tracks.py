"""``sequence_from_track``: the fewest keyframes that reproduce a tracker's boxes.

Tables for the shapes of motion (straight, a turn, gaps, a single box, bad input) and
hypothesis properties for any track: every observed box comes back within the tolerance,
every missing frame is hidden, and the result validates.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fovea.domain import Box, Keyframe, VisibleRange, box_at, sequence_from_track, validate

PROPERTY = settings(database=None, deadline=None, max_examples=200)
ROUNDING_PX = 1e-9  # box_at and the decimation may round the last bit differently


def track(
    xywh_by_frame: dict[int, tuple[float, float, float, float]],
) -> tuple[list[int], list[Box]]:
    """``frames`` and ``boxes`` arguments for boxes given by frame."""
    frames = sorted(xywh_by_frame)
    boxes = [Box(frame, *xywh_by_frame[frame], keyframe=False) for frame in frames]
    return frames, boxes


def moving(
    frames: range, start: tuple[float, float], velocity: tuple[float, float]
) -> dict[int, tuple[float, float, float, float]]:
    """A 40x30 box moving at ``velocity`` px/frame from ``start`` at the range's first frame."""
    first = frames[0]
    return {
        f: (start[0] + velocity[0] * (f - first), start[1] + velocity[1] * (f - first), 40, 30)
        for f in frames
    }


def test_linear_motion_keeps_only_the_first_and_last_box() -> None:
    frames, boxes = track(moving(range(10, 60), (5.0, 7.0), (3.0, -0.5)))

    sequence = sequence_from_track(frames, boxes)

    assert [k.frame for k in sequence.keyframes] == [10, 59]
    assert sequence.keyframes[0] == Keyframe(10, 5.0, 7.0, 40.0, 30.0)
    assert sequence.visible == (VisibleRange(10, 59),)


def test_a_turn_keeps_a_keyframe_at_the_turn() -> None:
    out = moving(range(0, 21), (0.0, 0.0), (4.0, 0.0))
    back = moving(range(20, 41), out[20][:2], (-4.0, 2.0))
    frames, boxes = track(out | back)

    sequence = sequence_from_track(frames, boxes)

    assert [k.frame for k in sequence.keyframes] == [0, 20, 40]


def test_size_change_counts_like_motion() -> None:
    growing = {f: (100.0, 100.0, 40.0 + (f if f < 10 else 20 - f), 30.0) for f in range(21)}
    frames, boxes = track(growing)

    assert [k.frame for k in sequence_from_track(frames, boxes).keyframes] == [0, 10, 20]


def test_jitter_within_tolerance_is_smoothed_away() -> None:
    jitter = {f: (2.0 * f + (0.4 if f % 2 else -0.4), 50.0, 40.0, 30.0) for f in range(30)}
    frames, boxes = track(jitter)

    assert len(sequence_from_track(frames, boxes, tolerance_px=1.0).keyframes) == 2
    assert len(sequence_from_track(frames, boxes, tolerance_px=0.1).keyframes) == 30


def test_missing_frames_become_hidden_ranges() -> None:
    seen = moving(range(0, 10), (0.0, 0.0), (2.0, 1.0)) | moving(range(15, 25), (40, 20), (2, 1))
    frames, boxes = track(seen)

    sequence = sequence_from_track(frames, boxes)

    assert sequence.visible == (VisibleRange(0, 9), VisibleRange(15, 24))
    assert [k.frame for k in sequence.keyframes] == [0, 9, 15, 24]
    assert all(box_at(sequence, f) is None for f in range(10, 15))
    assert box_at(sequence, 20) is not None


def test_a_single_box_is_a_one_frame_sequence() -> None:
    frames, boxes = track({7: (1.0, 2.0, 3.0, 4.0)})

    sequence = sequence_from_track(frames, boxes)

    assert sequence.keyframes == (Keyframe(7, 1.0, 2.0, 3.0, 4.0),)
    assert sequence.visible == (VisibleRange(7, 7),)
    assert box_at(sequence, 7) == Box(7, 1.0, 2.0, 3.0, 4.0, keyframe=True)


@pytest.mark.parametrize(
    ("frames", "boxes", "message"),
    [
        ([], [], "at least one box"),
        ([1, 2], [Box(1, 0, 0, 5, 5, False)], "2 frames but 1 boxes"),
        ([2, 2], [Box(2, 0, 0, 5, 5, False)] * 2, "frames must increase"),
        ([3, 1], [Box(3, 0, 0, 5, 5, False), Box(1, 0, 0, 5, 5, False)], "must increase"),
        ([1], [Box(2, 0, 0, 5, 5, False)], "boxes[0] is on frame 2"),
        ([1], [Box(1, 0, math.nan, 5, 5, False)], "boxes[0] is not a box"),
        ([1, 2], [Box(1, 0, 0, 5, 5, False), Box(2, 0, 0, 0, 5, False)], "boxes[1] is not"),
    ],
)
def test_input_that_is_not_a_track_is_refused(
    frames: list[int], boxes: list[Box], message: str
) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        sequence_from_track(frames, boxes)


def test_a_negative_tolerance_is_refused() -> None:
    frames, boxes = track({0: (0.0, 0.0, 5.0, 5.0)})
    with pytest.raises(ValueError, match="tolerance_px"):
        sequence_from_track(frames, boxes, tolerance_px=-1.0)


@st.composite
def tracks(draw: st.DrawFn) -> tuple[list[int], list[Box]]:
    """Random walks with random gaps: steps of 1 to 4 frames, boxes drifting and turning."""
    count = draw(st.integers(1, 60))
    steps = draw(st.lists(st.sampled_from([1, 1, 1, 2, 4]), min_size=count, max_size=count))
    frame = draw(st.integers(0, 50))
    x, y, w, h = 100.0, 100.0, 40.0, 30.0
    moves = st.floats(-6, 6, allow_nan=False)
    frames, boxes = [], []
    for step in steps:
        frame += step
        x, y = x + draw(moves), y + draw(moves)
        w, h = max(1.0, w + draw(moves) / 3), max(1.0, h + draw(moves) / 3)
        frames.append(frame)
        boxes.append(Box(frame, x, y, w, h, keyframe=False))
    return frames, boxes


@PROPERTY
@given(track_=tracks(), tolerance_px=st.sampled_from([0.0, 0.5, 1.0, 3.0]))
def test_every_box_comes_back_within_tolerance_and_gaps_are_hidden(
    track_: tuple[list[int], list[Box]], tolerance_px: float
) -> None:
    frames, boxes = track_

    sequence = sequence_from_track(frames, boxes, tolerance_px=tolerance_px)

    validate(sequence)
    assert len(sequence.keyframes) <= len(frames)
    for observed in boxes:
        found = box_at(sequence, observed.frame)
        assert found is not None
        for got, want in ((found.x, observed.x), (found.y, observed.y)):
            assert abs(got - want) <= tolerance_px + ROUNDING_PX
        for got, want in ((found.w, observed.w), (found.h, observed.h)):
            assert abs(got - want) <= tolerance_px + ROUNDING_PX
    observed_frames = set(frames)
    for frame in range(frames[0], frames[-1] + 1):
        if frame not in observed_frames:
            assert box_at(sequence, frame) is None


@PROPERTY
@given(track_=tracks())
def test_first_and_last_box_of_each_run_are_kept_exactly(
    track_: tuple[list[int], list[Box]],
) -> None:
    frames, boxes = track_

    sequence = sequence_from_track(frames, boxes)

    by_frame = {box.frame: box for box in boxes}
    for visible in sequence.visible:
        for frame in (visible.start_frame, visible.end_frame):
            found = box_at(sequence, frame)
            assert found is not None and found.keyframe
            want = by_frame[frame]
            assert (found.x, found.y, found.w, found.h) == (want.x, want.y, want.w, want.h)
