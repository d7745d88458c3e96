"""Boxes of a sequence on any frame: single lookups, bulk expansion, clipping.

``box_at`` answers one frame with scalar code; ``expand`` answers a frame range
with numpy, one pass per interpolation mode rather than one per frame. The two
are written independently and must agree exactly (the tests hold them to it).
Both expect a sequence that passes ``validate``.

This module is also the public face of the sequence API: it re-exports the
value types, validation and wire conversion so callers need one import.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import replace

from fovea.domain.easing import ease
from fovea.domain.errors import SequenceError
from fovea.domain.expansion import expand
from fovea.domain.model import (
    INTERPOLATION_MODES,
    BezierControlPoints,
    Box,
    BoxArrays,
    InterpolationMode,
    Keyframe,
    Segment,
    Sequence,
    VisibleRange,
    is_interpolation_mode,
    visible_ranges,
)
from fovea.domain.validation import validate
from fovea.domain.wire import sequence_from_wire, sequence_to_wire

__all__ = [
    "INTERPOLATION_MODES",
    "BezierControlPoints",
    "Box",
    "BoxArrays",
    "InterpolationMode",
    "Keyframe",
    "Segment",
    "Sequence",
    "SequenceError",
    "VisibleRange",
    "box_at",
    "clip_to_frame",
    "expand",
    "is_interpolation_mode",
    "sequence_from_wire",
    "sequence_to_wire",
    "validate",
    "visible_ranges",
]


def box_at(seq: Sequence, frame: int) -> Box | None:
    """The box on ``frame``, or None when the object is hidden or outside its keyframes."""
    keyframes = seq.keyframes
    if not keyframes or not _is_visible(seq, frame):
        return None
    index = bisect_right(keyframes, frame, key=_frame_of) - 1
    if index < 0:
        return None
    start = keyframes[index]
    if start.frame == frame:
        return Box(frame, float(start.x), float(start.y), float(start.w), float(start.h), True)
    if index + 1 == len(keyframes):
        return None
    end = keyframes[index + 1]
    mode, bezier = _easing_between(seq.segments, start.frame, end.frame)
    progress = float(ease(mode, (frame - start.frame) / (end.frame - start.frame), bezier))
    x, y, w, h = (
        float(a) + (float(b) - float(a)) * progress
        for a, b in ((start.x, end.x), (start.y, end.y), (start.w, end.w), (start.h, end.h))
    )
    return Box(frame, x, y, w, h, False)


def _frame_of(keyframe: Keyframe) -> int:
    return keyframe.frame


def _is_visible(seq: Sequence, frame: int) -> bool:
    ranges = visible_ranges(seq)
    index = bisect_right(ranges, frame, key=lambda r: r.start_frame) - 1
    return index >= 0 and frame <= ranges[index].end_frame


def _easing_between(
    segments: tuple[Segment, ...], start_frame: int, end_frame: int
) -> tuple[InterpolationMode, BezierControlPoints | None]:
    """Mode and control points for one keyframe pair; a pair without a segment is linear."""
    for segment in segments:
        if segment.start_frame == start_frame and segment.end_frame == end_frame:
            return segment.mode, segment.bezier
    return "linear", None


def clip_to_frame(seq: Sequence, resolution_wh: tuple[int, int]) -> Sequence:
    """A copy of ``seq`` whose keyframe boxes are cut to the video frame.

    For importers that prefer clipping to rejecting; boxes already inside are
    kept bit for bit, and keyframes that are not boxes at all (NaN, w <= 0) are
    left for ``validate`` to report. A box with nothing inside the frame raises
    ``SequenceError`` because there is no box left to keep.
    """
    width, height = resolution_wh
    clipped = tuple(
        _clip_keyframe(keyframe, f"keyframes[{i}]", width, height)
        for i, keyframe in enumerate(seq.keyframes)
    )
    return replace(seq, keyframes=clipped)


def _clip_keyframe(keyframe: Keyframe, path: str, width: int, height: int) -> Keyframe:
    numbers = (keyframe.x, keyframe.y, keyframe.w, keyframe.h)
    if not (all(math.isfinite(v) for v in numbers) and keyframe.w > 0 and keyframe.h > 0):
        return keyframe  # not a box at all; validate names the field, clipping cannot help
    x, w = _clip_span(float(keyframe.x), float(keyframe.w), float(width))
    y, h = _clip_span(float(keyframe.y), float(keyframe.h), float(height))
    if not (w > 0.0 and h > 0.0):
        raise SequenceError(
            path,
            f"box (x={keyframe.x}, y={keyframe.y}, w={keyframe.w}, h={keyframe.h}) "
            f"lies entirely outside the {width}x{height} frame; nothing is left after clipping",
        )
    return replace(keyframe, x=x, y=y, w=w, h=h)


def _clip_span(start: float, size: float, limit: float) -> tuple[float, float]:
    """Cut the span [start, start + size] to [0, limit]; returns (start, size)."""
    if start >= 0.0 and start + size <= limit:
        return start, size
    low = min(max(start, 0.0), limit)
    # low + (limit - low) rounds back to limit exactly for an integer limit (its last mantissa
    # bit is 0, so even a rounding tie goes to it), so the clipped box passes validate.
    return low, min(start + size, limit) - low
