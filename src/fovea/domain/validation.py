"""Checks that a sequence is well formed, reporting the first problem precisely.

Problems are looked for in document order: keyframes (each field in turn),
then segments, then visible ranges, then whether every keyframe is visible.
The error's path uses wire names so a client can highlight the field.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from numbers import Integral, Real
from typing import TypeGuard

from fovea.domain.errors import SequenceError
from fovea.domain.model import (
    INTERPOLATION_MODES,
    Keyframe,
    Segment,
    Sequence,
    VisibleRange,
    is_interpolation_mode,
)

MODE_CHOICES = ", ".join(INTERPOLATION_MODES)


def validate(seq: Sequence, resolution_wh: tuple[int, int] | None = None) -> None:
    """Raise ``SequenceError`` for the first problem in ``seq``; return None when valid.

    With ``resolution_wh`` (width, height) every keyframe box must also lie
    inside the video frame; nothing is clipped here (see ``clip_to_frame``).
    """
    frame_size = _checked_resolution(resolution_wh)
    _check_keyframes(seq.keyframes, frame_size)
    _check_segments(seq.segments, seq.keyframes)
    _check_visible(seq.visible)
    _check_keyframes_visible(seq.keyframes, seq.visible)


def unknown_mode_message(mode: object) -> str:
    """The message for a mode that is not one of the six (shared with wire reading)."""
    return f"unknown interpolation mode {mode!r}; expected one of {MODE_CHOICES}"


def _checked_resolution(resolution_wh: tuple[int, int] | None) -> tuple[int, int] | None:
    if resolution_wh is None:
        return None
    if len(resolution_wh) != 2 or not all(_is_int(v) and v > 0 for v in resolution_wh):
        raise ValueError(f"resolution_wh must be two positive integers, got {resolution_wh!r}")
    return resolution_wh


def _is_int(value: object) -> TypeGuard[int]:
    # bool is an int subclass in Python but never a frame number.
    return isinstance(value, Integral) and not isinstance(value, bool)


def _is_finite_number(value: object) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)


def _check_frame(value: object, path: str) -> None:
    if not _is_int(value) or value < 0:
        raise SequenceError(path, f"must be a non-negative integer, got {value!r}")


def _check_keyframes(keyframes: tuple[Keyframe, ...], frame_size: tuple[int, int] | None) -> None:
    if not keyframes:
        raise SequenceError("keyframes", "a sequence needs at least one keyframe")
    for i, keyframe in enumerate(keyframes):
        path = f"keyframes[{i}]"
        _check_frame(keyframe.frame, f"{path}.frame")
        if i > 0:
            _check_frame_order(keyframe.frame, keyframes[i - 1].frame, i)
        _check_box_numbers(keyframe, path)
        _check_confidence(keyframe.confidence, f"{path}.confidence")
        if frame_size is not None:
            _check_inside(keyframe, path, frame_size)


def _check_frame_order(frame: int, previous: int, index: int) -> None:
    path = f"keyframes[{index}].frame"
    if frame == previous:
        raise SequenceError(
            path,
            f"duplicate frame {frame}: keyframes[{index - 1}] is on the same frame; "
            "keyframe frames must be strictly increasing",
        )
    if frame < previous:
        raise SequenceError(
            path,
            f"frame {frame} is out of order: keyframes[{index - 1}] is on frame {previous}; "
            "keyframe frames must be strictly increasing",
        )


def _check_box_numbers(keyframe: Keyframe, path: str) -> None:
    for name in ("x", "y", "w", "h"):
        value = getattr(keyframe, name)
        if not _is_finite_number(value):
            raise SequenceError(f"{path}.{name}", f"must be a finite number, got {value!r}")
    for name in ("w", "h"):
        value = getattr(keyframe, name)
        if not value > 0:
            raise SequenceError(f"{path}.{name}", f"must be positive, got {value!r}")


def _check_confidence(confidence: float | None, path: str) -> None:
    if confidence is None:
        return
    if not _is_finite_number(confidence) or not 0.0 <= confidence <= 1.0:
        raise SequenceError(path, f"must be a finite number in [0, 1] or null, got {confidence!r}")


def _check_inside(keyframe: Keyframe, path: str, frame_size: tuple[int, int]) -> None:
    width, height = frame_size
    x, y, w, h = keyframe.x, keyframe.y, keyframe.w, keyframe.h
    overflow = _overflow(x, y, x + w, y + h, width, height)
    if overflow is not None:
        raise SequenceError(
            path,
            f"box (x={x!r}, y={y!r}, w={w!r}, h={h!r}) is outside the {width}x{height} frame "
            f"({overflow}); boxes are not clipped silently",
        )


def _overflow(
    left: float, top: float, right: float, bottom: float, width: int, height: int
) -> str | None:
    """Which edge of the frame a box crosses first, in words, or None when it is inside."""
    if left < 0:
        return f"x = {left!r} < 0"
    if top < 0:
        return f"y = {top!r} < 0"
    if right > width:
        return f"x + w = {right!r} > width {width}"
    if bottom > height:
        return f"y + h = {bottom!r} > height {height}"
    return None


def _check_segments(segments: tuple[Segment, ...], keyframes: tuple[Keyframe, ...]) -> None:
    index_of_frame = {keyframe.frame: i for i, keyframe in enumerate(keyframes)}
    owner_of_pair: dict[tuple[int, int], int] = {}
    for j, segment in enumerate(segments):
        path = f"segments[{j}]"
        _check_segment_span(segment, path, keyframes, index_of_frame)
        if not is_interpolation_mode(segment.mode):
            raise SequenceError(f"{path}.mode", unknown_mode_message(segment.mode))
        _check_bezier(segment, f"{path}.bezier")
        pair = (segment.start_frame, segment.end_frame)
        if pair in owner_of_pair:
            raise SequenceError(
                path,
                f"keyframes {pair[0]}..{pair[1]} already have segments[{owner_of_pair[pair]}]; "
                "at most one segment per keyframe pair",
            )
        owner_of_pair[pair] = j


def _check_segment_span(
    segment: Segment, path: str, keyframes: tuple[Keyframe, ...], index_of_frame: dict[int, int]
) -> None:
    start, end = segment.start_frame, segment.end_frame
    _check_frame(start, f"{path}.start_frame")
    _check_frame(end, f"{path}.end_frame")
    index = index_of_frame.get(start)
    if index is None:
        raise SequenceError(
            f"{path}.start_frame",
            f"no keyframe on frame {start}; a segment must span two consecutive keyframes",
        )
    if index == len(keyframes) - 1:
        raise SequenceError(
            f"{path}.start_frame",
            f"frame {start} is the last keyframe; a segment must span two consecutive keyframes",
        )
    expected = keyframes[index + 1].frame
    if end != expected:
        raise SequenceError(
            f"{path}.end_frame",
            f"is {end} but the keyframe after frame {start} is on frame {expected}; "
            "a segment must span two consecutive keyframes",
        )


def _check_bezier(segment: Segment, path: str) -> None:
    points = segment.bezier
    if segment.mode != "bezier":
        if points is not None:
            raise SequenceError(path, f"must be null for mode {segment.mode!r}")
        return
    if points is None:
        raise SequenceError(path, "mode 'bezier' needs control points [x1, y1, x2, y2]")
    if len(points) != 4:
        raise SequenceError(path, f"needs exactly 4 numbers [x1, y1, x2, y2], got {len(points)}")
    for name, value in zip(("x1", "y1", "x2", "y2"), points, strict=True):
        if not _is_finite_number(value):
            raise SequenceError(path, f"{name} must be a finite number, got {value!r}")
    for name, value in (("x1", points[0]), ("x2", points[2])):
        # Outside [0, 1] the curve could go back in time and f would not be a function of t.
        if not 0.0 <= value <= 1.0:
            raise SequenceError(path, f"{name} = {value!r} must be in [0, 1]")


def _check_visible(ranges: tuple[VisibleRange, ...]) -> None:
    for j, visible in enumerate(ranges):
        path = f"visible[{j}]"
        _check_frame(visible.start_frame, f"{path}.start_frame")
        _check_frame(visible.end_frame, f"{path}.end_frame")
        start, end = visible.start_frame, visible.end_frame
        if start > end:
            raise SequenceError(path, f"start_frame {start} is after end_frame {end}")
        if j == 0:
            continue
        before = ranges[j - 1]
        span = f"visible[{j - 1}] ({before.start_frame}..{before.end_frame})"
        if start < before.start_frame:
            raise SequenceError(
                path, f"starts at {start}, before {span}; ranges must be sorted by start_frame"
            )
        if start <= before.end_frame:
            raise SequenceError(path, f"overlaps {span}; ranges must not overlap")


def _check_keyframes_visible(
    keyframes: tuple[Keyframe, ...], ranges: tuple[VisibleRange, ...]
) -> None:
    if not ranges:
        return  # no explicit ranges: visible from the first to the last keyframe
    for i, keyframe in enumerate(keyframes):
        index = bisect_right(ranges, keyframe.frame, key=lambda r: r.start_frame) - 1
        if index < 0 or keyframe.frame > ranges[index].end_frame:
            raise SequenceError(
                f"keyframes[{i}].frame",
                f"frame {keyframe.frame} is not inside any visible range; "
                "every keyframe must be visible",
            )
