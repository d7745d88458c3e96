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

import numpy as np
import numpy.typing as npt

from fovea.domain.easing import ease
from fovea.domain.errors import SequenceError
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

_MODE_CODES = {mode: code for code, mode in enumerate(INTERPOLATION_MODES)}
_LINEAR_CODE = _MODE_CODES["linear"]


def visible_ranges(seq: Sequence) -> tuple[VisibleRange, ...]:
    """The ranges where ``seq`` is visible, making the implicit default explicit.

    An empty ``visible`` means first keyframe to last keyframe.
    """
    if seq.visible or not seq.keyframes:
        return seq.visible
    return (VisibleRange(seq.keyframes[0].frame, seq.keyframes[-1].frame),)


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


def expand(seq: Sequence, start_frame: int, end_frame: int) -> BoxArrays:
    """Every visible frame of [start_frame, end_frame] (inclusive) within the keyframes.

    Returns read-only arrays ordered by frame; the rows equal ``box_at`` on
    the same frames.
    """
    keyframes = seq.keyframes
    if not keyframes:
        return _box_arrays(np.empty(0, np.int64), np.empty((0, 4)), np.empty(0, np.bool_))
    key_frames = np.array([k.frame for k in keyframes], dtype=np.int64)
    key_xywh = np.array([(k.x, k.y, k.w, k.h) for k in keyframes], dtype=np.float64)
    first = max(start_frame, keyframes[0].frame)
    last = min(end_frame, keyframes[-1].frame)
    frames = _frames_in_ranges(visible_ranges(seq), first, last)
    # Index of the last keyframe at or before each frame; never -1 since frames >= first key.
    index = np.searchsorted(key_frames, frames, side="right") - 1
    on_key = key_frames[index] == frames
    if len(keyframes) == 1:
        xywh = key_xywh[index]
    else:
        xywh = _interpolate(seq.segments, key_frames, key_xywh, frames, index)
        xywh[on_key] = key_xywh[index[on_key]]  # keyframes come back exactly, no rounding
    return _box_arrays(frames, xywh, on_key)


def _box_arrays(
    frames: npt.NDArray[np.int64], xywh: npt.NDArray[np.float64], on_key: npt.NDArray[np.bool_]
) -> BoxArrays:
    for array in (frames, xywh, on_key):
        array.setflags(write=False)  # BoxArrays is a value: nobody may edit it in place
    return BoxArrays(frames=frames, xywh=xywh, keyframe=on_key)


def _frames_in_ranges(
    ranges: tuple[VisibleRange, ...], first: int, last: int
) -> npt.NDArray[np.int64]:
    """All frames of ``ranges`` clipped to [first, last], built without a per-frame loop."""
    starts = np.maximum(np.array([r.start_frame for r in ranges], dtype=np.int64), first)
    ends = np.minimum(np.array([r.end_frame for r in ranges], dtype=np.int64), last)
    lengths = np.maximum(ends - starts + 1, 0)
    # Frame k of the output is k plus the offset of the range it falls in.
    offsets: npt.NDArray[np.int64] = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    frames: npt.NDArray[np.int64] = np.arange(int(lengths.sum()), dtype=np.int64) + offsets
    return frames


def _interpolate(
    segments: tuple[Segment, ...],
    key_frames: npt.NDArray[np.int64],
    key_xywh: npt.NDArray[np.float64],
    frames: npt.NDArray[np.int64],
    index: npt.NDArray[np.intp],
) -> npt.NDArray[np.float64]:
    """Interpolated xywh for each frame, given the keyframe at or before it."""
    gap = np.minimum(index, len(key_frames) - 2)  # the last keyframe eases in from its left gap
    gap_start, gap_end = key_frames[gap], key_frames[gap + 1]
    t = (frames - gap_start) / (gap_end - gap_start)
    codes, controls = _gap_easings(segments, key_frames)
    frame_codes = codes[gap]
    progress = np.empty_like(t)
    for code, mode in enumerate(INTERPOLATION_MODES):
        mask = frame_codes == code
        if mask.any():
            points = controls[gap[mask]]
            bezier = (points[:, 0], points[:, 1], points[:, 2], points[:, 3])
            progress[mask] = ease(mode, t[mask], bezier)
    start, end = key_xywh[gap], key_xywh[gap + 1]
    xywh: npt.NDArray[np.float64] = start + (end - start) * progress[:, None]
    return xywh


def _gap_easings(
    segments: tuple[Segment, ...], key_frames: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float64]]:
    """Mode code and bezier control points (NaN when unused) for each keyframe gap."""
    gap_count = len(key_frames) - 1
    codes = np.full(gap_count, _LINEAR_CODE, dtype=np.int8)
    controls = np.full((gap_count, 4), np.nan)
    gap_of_start = {frame: gap for gap, frame in enumerate(key_frames[:-1].tolist())}
    # Reversed so the first segment on a pair wins, as in ``_easing_between``.
    for segment in reversed(segments):
        gap = gap_of_start.get(segment.start_frame)
        if gap is None or key_frames[gap + 1] != segment.end_frame:
            continue  # not on a keyframe pair; validate reports it, lookups ignore it
        codes[gap] = _MODE_CODES[segment.mode]
        if segment.bezier is not None:
            controls[gap] = segment.bezier
    return codes, controls


def clip_to_frame(seq: Sequence, resolution_wh: tuple[int, int]) -> Sequence:
    """A copy of ``seq`` whose keyframe boxes are cut to the video frame.

    For importers that prefer clipping to rejecting; boxes already inside are
    kept bit for bit. A box with nothing inside the frame raises
    ``SequenceError`` because there is no box left to keep.
    """
    width, height = resolution_wh
    clipped = tuple(
        _clip_keyframe(keyframe, f"keyframes[{i}]", width, height)
        for i, keyframe in enumerate(seq.keyframes)
    )
    return replace(seq, keyframes=clipped)


def _clip_keyframe(keyframe: Keyframe, path: str, width: int, height: int) -> Keyframe:
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
    clipped = min(start + size, limit) - low
    # Rounding can leave low + clipped a hair past the edge, which validate would reject.
    while clipped > 0.0 and low + clipped > limit:
        clipped = math.nextafter(clipped, 0.0)
    return low, clipped
