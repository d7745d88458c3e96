"""Behaviour of box lookups, bulk expansion and clipping, with hypothesis properties.

The strategies below build only valid sequences (sorted keyframes, segments on keyframe
pairs, visible ranges around every keyframe with random gaps), so every property may also
assume ``validate`` accepts them, which is itself one of the properties.
"""

from __future__ import annotations

import json
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fovea.domain import (
    INTERPOLATION_MODES,
    Box,
    InterpolationMode,
    Keyframe,
    Segment,
    Sequence,
    SequenceError,
    VisibleRange,
    box_at,
    clip_to_frame,
    expand,
    sequence_from_wire,
    sequence_to_wire,
    validate,
    visible_ranges,
)

PROPERTY = settings(database=None, deadline=None, max_examples=150)
MAX_FRAME = 300

coordinates = st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False)
sizes = st.floats(0.5, 1e4, allow_nan=False, allow_infinity=False)
confidences = st.none() | st.floats(0.0, 1.0)
unit = st.floats(0.0, 1.0)
any_y = st.floats(-3.0, 3.0)
all_modes = st.sampled_from(INTERPOLATION_MODES)


@st.composite
def keyframe_lists(draw: st.DrawFn, min_size: int = 1, max_size: int = 8) -> list[Keyframe]:
    frames = draw(st.sets(st.integers(0, MAX_FRAME), min_size=min_size, max_size=max_size))
    return [
        Keyframe(
            f, draw(coordinates), draw(coordinates), draw(sizes), draw(sizes), draw(confidences)
        )
        for f in sorted(frames)
    ]


@st.composite
def segments_for(
    draw: st.DrawFn, keyframes: list[Keyframe], modes: st.SearchStrategy[InterpolationMode]
) -> tuple[Segment, ...]:
    """Segments on a random subset of keyframe pairs, in random order (order is not a rule)."""
    segments = []
    for a, b in pairwise(keyframes):
        if draw(st.booleans()):
            mode = draw(modes)
            bezier = draw(st.tuples(unit, any_y, unit, any_y)) if mode == "bezier" else None
            segments.append(Segment(a.frame, b.frame, mode, bezier))
    return tuple(draw(st.permutations(segments)))


@st.composite
def visibility_for(draw: st.DrawFn, keyframes: list[Keyframe]) -> tuple[VisibleRange, ...]:
    """Empty (implicit) or ranges around the keyframes with random hidden stretches."""
    if draw(st.booleans()):
        return ()
    key_frames = {k.frame for k in keyframes}
    low = max(0, keyframes[0].frame - draw(st.integers(0, 5)))
    high = keyframes[-1].frame + draw(st.integers(0, 5))
    hidden: set[int] = set()
    for start, length in draw(st.lists(st.tuples(st.integers(low, high), st.integers(0, 40)))):
        hidden.update(f for f in range(start, start + length + 1) if f not in key_frames)
    shown = [f for f in range(low, high + 1) if f not in hidden]
    ranges: list[VisibleRange] = []
    for frame in shown:
        if ranges and ranges[-1].end_frame == frame - 1:
            ranges[-1] = VisibleRange(ranges[-1].start_frame, frame)
        else:
            ranges.append(VisibleRange(frame, frame))
    return tuple(ranges)


@st.composite
def sequences(
    draw: st.DrawFn,
    modes: st.SearchStrategy[InterpolationMode] = all_modes,
    min_keyframes: int = 1,
    max_keyframes: int = 8,
) -> Sequence:
    keyframes = draw(keyframe_lists(min_keyframes, max_keyframes))
    return Sequence(
        keyframes=tuple(keyframes),
        segments=draw(segments_for(keyframes, modes)),
        visible=draw(visibility_for(keyframes)),
    )


def boxes_by_frame(seq: Sequence, start_frame: int, end_frame: int) -> list[Box]:
    """The per-frame lookups that ``expand`` must reproduce."""
    looked_up = (box_at(seq, f) for f in range(start_frame, end_frame + 1))
    return [box for box in looked_up if box is not None]


# --- properties -------------------------------------------------------------------------------


@PROPERTY
@given(sequences())
def test_validate_accepts_every_generated_sequence(seq: Sequence) -> None:
    validate(seq)


@PROPERTY
@given(sequences())
def test_keyframes_are_reproduced_exactly(seq: Sequence) -> None:
    boxes = {box.frame: box for box in expand(seq, 0, MAX_FRAME).to_boxes()}
    for k in seq.keyframes:
        expected = Box(k.frame, k.x, k.y, k.w, k.h, keyframe=True)
        assert box_at(seq, k.frame) == expected
        assert boxes[k.frame] == expected


@PROPERTY
@given(sequences(), st.integers(-10, MAX_FRAME + 10), st.integers(0, MAX_FRAME + 20))
def test_box_at_and_expand_agree_on_every_frame(seq: Sequence, start: int, length: int) -> None:
    end = start + length
    assert expand(seq, start, end).to_boxes() == boxes_by_frame(seq, start, end)


@PROPERTY
@given(sequences(modes=st.just("linear"), min_keyframes=2, max_keyframes=2), st.booleans())
def test_linear_stays_between_its_keyframes(seq: Sequence, implicit_segment: bool) -> None:
    if implicit_segment:
        seq = Sequence(seq.keyframes, (), seq.visible)  # a gap without a segment is linear too
    a, b = seq.keyframes
    low = np.minimum([a.x, a.y, a.w, a.h], [b.x, b.y, b.w, b.h])
    high = np.maximum([a.x, a.y, a.w, a.h], [b.x, b.y, b.w, b.h])
    xywh = expand(seq, a.frame, b.frame).xywh
    assert np.all(xywh >= low) and np.all(xywh <= high)


@PROPERTY
@given(sequences(modes=st.just("hold"), min_keyframes=2))
def test_hold_is_a_step_at_the_next_keyframe(seq: Sequence) -> None:
    held = {(s.start_frame, s.end_frame) for s in seq.segments}
    for a, b in pairwise(seq.keyframes):
        if (a.frame, b.frame) not in held:
            continue
        for frame in range(a.frame, b.frame):
            box = box_at(seq, frame)
            assert box is None or (box.x, box.y, box.w, box.h) == (a.x, a.y, a.w, a.h)
        assert box_at(seq, b.frame) == Box(b.frame, b.x, b.y, b.w, b.h, keyframe=True)


@PROPERTY
@given(sequences())
def test_wire_round_trip_is_lossless(seq: Sequence) -> None:
    wire = sequence_to_wire(seq)
    assert sequence_from_wire(wire) == seq
    assert sequence_from_wire(json.loads(json.dumps(wire))) == seq


@st.composite
def partly_outside(draw: st.DrawFn) -> tuple[Sequence, tuple[int, int]]:
    """A sequence whose boxes overlap a frame but may stick out of it on any side."""
    width, height = draw(st.integers(1, 4000)), draw(st.integers(1, 4000))
    keyframes = []
    for frame in sorted(draw(st.sets(st.integers(0, MAX_FRAME), min_size=1, max_size=5))):
        x = draw(st.floats(-2.0 * width, width * 0.999))
        y = draw(st.floats(-2.0 * height, height * 0.999))
        w = draw(st.floats(max(-x, 0.0) + 1e-3, 3.0 * width))
        h = draw(st.floats(max(-y, 0.0) + 1e-3, 3.0 * height))
        keyframes.append(Keyframe(frame, x, y, w, h))
    return Sequence(tuple(keyframes)), (width, height)


@PROPERTY
@given(partly_outside())
def test_clipped_sequence_fits_its_frame(case: tuple[Sequence, tuple[int, int]]) -> None:
    seq, resolution_wh = case
    clipped = clip_to_frame(seq, resolution_wh)
    validate(clipped, resolution_wh)
    for before, after in zip(seq.keyframes, clipped.keyframes, strict=True):
        inside = before.x >= 0 and before.y >= 0
        inside = inside and before.x + before.w <= resolution_wh[0]
        inside = inside and before.y + before.h <= resolution_wh[1]
        assert (after == before) == inside


# --- examples ---------------------------------------------------------------------------------

TWO_KEYS = Sequence(
    keyframes=(Keyframe(10, 0.0, 0.0, 10.0, 10.0), Keyframe(20, 100.0, 50.0, 20.0, 30.0)),
    visible=(VisibleRange(0, 12), VisibleRange(15, 30)),
)


def test_expand_returns_typed_read_only_columns() -> None:
    boxes = expand(TWO_KEYS, 0, 100)
    assert boxes.frames.dtype == np.int64 and boxes.frames.shape == (9,)
    assert boxes.xywh.dtype == np.float64 and boxes.xywh.shape == (9, 4)
    assert boxes.keyframe.dtype == np.bool_ and boxes.keyframe.shape == (9,)
    assert boxes.frames.tolist() == [10, 11, 12, 15, 16, 17, 18, 19, 20]
    assert boxes.keyframe.tolist() == [True] + [False] * 7 + [True]
    with pytest.raises(ValueError, match="read-only"):
        boxes.xywh[0, 0] = 1.0


def test_expand_limits_to_the_requested_window() -> None:
    assert expand(TWO_KEYS, 12, 16).frames.tolist() == [12, 15, 16]
    assert len(expand(TWO_KEYS, 13, 14)) == 0


@pytest.mark.parametrize(("start", "end"), [(0, 9), (21, 40), (16, 15)])
def test_expand_is_empty_outside_keyframes_or_for_a_reversed_window(start: int, end: int) -> None:
    boxes = expand(TWO_KEYS, start, end)
    assert boxes.frames.shape == (0,) and boxes.xywh.shape == (0, 4)
    assert boxes.to_boxes() == []


def test_box_at_is_none_in_a_visibility_gap_and_outside_keyframes() -> None:
    assert box_at(TWO_KEYS, 13) is None
    assert box_at(TWO_KEYS, 9) is None
    assert box_at(TWO_KEYS, 21) is None
    assert box_at(TWO_KEYS, 15) == Box(15, 50.0, 25.0, 15.0, 20.0, keyframe=False)


def test_a_sequence_without_keyframes_has_no_boxes() -> None:
    empty = Sequence(keyframes=())
    assert box_at(empty, 0) is None
    assert len(expand(empty, 0, 10)) == 0


def test_empty_visible_means_first_to_last_keyframe() -> None:
    seq = Sequence(keyframes=TWO_KEYS.keyframes)
    assert visible_ranges(seq) == (VisibleRange(10, 20),)
    assert expand(seq, 0, 100).frames.tolist() == list(range(10, 21))


def test_to_boxes_returns_plain_python_numbers() -> None:
    box = expand(TWO_KEYS, 11, 11).to_boxes()[0]
    assert type(box.frame) is int and type(box.x) is float and type(box.keyframe) is bool


def test_every_mode_reaches_the_end_keyframe_box_exactly() -> None:
    for mode in INTERPOLATION_MODES:
        bezier = (0.3, -1.0, 0.7, 2.0) if mode == "bezier" else None
        seq = Sequence(TWO_KEYS.keyframes, (Segment(10, 20, mode, bezier),))
        assert expand(seq, 19, 20).to_boxes()[1] == Box(20, 100.0, 50.0, 20.0, 30.0, True)


def test_clip_to_frame_cuts_boxes_to_the_frame() -> None:
    seq = Sequence((Keyframe(0, -10.0, 20.0, 50.0, 500.0, 0.5),))
    clipped = clip_to_frame(seq, (640, 480))
    assert clipped.keyframes == (Keyframe(0, 0.0, 20.0, 40.0, 460.0, 0.5),)
    assert seq.keyframes[0].x == -10.0  # the input is left alone


def test_clip_to_frame_rejects_a_box_entirely_outside() -> None:
    seq = Sequence((Keyframe(0, 1.0, 1.0, 5.0, 5.0), Keyframe(5, 700.0, 10.0, 20.0, 20.0)))
    with pytest.raises(SequenceError) as caught:
        clip_to_frame(seq, (640, 480))
    assert caught.value.path == "keyframes[1]"
    assert "entirely outside the 640x480 frame" in caught.value.message


def test_clip_to_frame_leaves_malformed_boxes_to_validate() -> None:
    seq = Sequence((Keyframe(0, float("nan"), 1.0, 5.0, 5.0), Keyframe(5, -3.0, 1.0, -2.0, 5.0)))
    assert clip_to_frame(seq, (640, 480)) == seq
