"""``expand``: the boxes of a whole frame range at once, vectorised with numpy.

Frames are sorted, so the frames of one keyframe gap form a run and per-gap
values reach them through ``np.repeat``. The per-frame work is a handful of
whole-array operations plus one pass per interpolation mode in use, done in
chunks of frames so temporaries stay small (see ``expand``). Every frame is
computed element-wise with the same operations ``box_at`` uses, so the two
agree exactly whatever the chunking.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from fovea.domain.easing import ease
from fovea.domain.model import (
    INTERPOLATION_MODES,
    BoxArrays,
    Segment,
    Sequence,
    VisibleRange,
    visible_ranges,
)

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

_CHUNK_FRAMES: Final = 32768
_MODE_CODES: Final = {mode: code for code, mode in enumerate(INTERPOLATION_MODES)}
_LINEAR_CODE: Final = _MODE_CODES["linear"]


def expand(seq: Sequence, start_frame: int, end_frame: int) -> BoxArrays:
    """Every visible frame of [start_frame, end_frame] (inclusive) within the keyframes.

    Returns read-only arrays ordered by frame; the rows equal ``box_at`` on the
    same frames. Expects a sequence that passes ``validate``.
    """
    if not seq.keyframes:
        return _box_arrays(np.empty(0, np.int64), np.empty((0, 4)), np.empty(0, np.bool_))
    table = _KeyTable.of(seq)
    first = max(start_frame, int(table.frames[0]))
    last = min(end_frame, int(table.frames[-1]))
    frames = _frames_in_ranges(visible_ranges(seq), first, last)
    xywh = np.empty((len(frames), 4))
    on_key = np.empty(len(frames), dtype=np.bool_)
    # Chunks keep temporaries small enough to be reused and cached: over 100,000 frames at
    # once, first touches of fresh memory (page faults) cost as much as the arithmetic.
    for low in range(0, len(frames), _CHUNK_FRAMES):
        chunk = slice(low, low + _CHUNK_FRAMES)
        xywh[chunk], on_key[chunk] = _boxes(table, frames[chunk])
    return _box_arrays(frames, xywh, on_key)


def _boxes(table: _KeyTable, frames: IntArray) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """Boxes and keyframe flags of sorted ``frames`` that lie within the keyframes."""
    # Where each keyframe's frame is, or would be, among the frames.
    positions = np.searchsorted(frames, table.frames)
    found = positions < len(frames)
    found[found] = frames[positions[found]] == table.frames[found]
    if len(table.frames) == 1:
        xywh = np.repeat(table.xywh, len(frames), axis=0)
    else:
        # Frames per gap; the last keyframe's own frame closes the last gap.
        xywh = _interpolate(table, frames, np.diff(positions[:-1], append=len(frames)))
    xywh[positions[found]] = table.xywh[found]  # keyframes come back exactly, no rounding
    on_key = np.zeros(len(frames), dtype=np.bool_)
    on_key[positions[found]] = True
    return xywh, on_key


@dataclass(frozen=True, slots=True)
class _KeyTable:
    """Per-keyframe and per-gap arrays of one sequence, built once per ``expand`` call."""

    frames: IntArray  # (n,) keyframe frames
    xywh: FloatArray  # (n, 4) keyframe boxes
    spans: FloatArray  # (n - 1,) frames from each keyframe to the next
    starts: FloatArray  # (4, n - 1) start box of each gap, one row per coordinate
    changes: FloatArray  # (4, n - 1) end box minus start box of each gap
    codes: npt.NDArray[np.int8]  # (n - 1,) index into INTERPOLATION_MODES of each gap
    controls: FloatArray  # (n - 1, 4) bezier control points, NaN where unused

    @staticmethod
    def of(seq: Sequence) -> _KeyTable:
        frames = np.array([k.frame for k in seq.keyframes], dtype=np.int64)
        xywh = np.array([(k.x, k.y, k.w, k.h) for k in seq.keyframes], dtype=np.float64)
        codes, controls = _gap_easings(seq.segments, frames)
        return _KeyTable(
            frames=frames,
            xywh=xywh,
            spans=np.diff(frames).astype(np.float64),
            starts=np.ascontiguousarray(xywh[:-1].T),
            changes=np.ascontiguousarray(np.diff(xywh, axis=0).T),
            codes=codes,
            controls=controls,
        )


def _gap_easings(
    segments: tuple[Segment, ...], key_frames: IntArray
) -> tuple[npt.NDArray[np.int8], FloatArray]:
    """Mode code and bezier control points (NaN when unused) for each keyframe gap."""
    gap_count = len(key_frames) - 1
    codes = np.full(gap_count, _LINEAR_CODE, dtype=np.int8)
    controls = np.full((gap_count, 4), np.nan)
    gap_of_start = {frame: gap for gap, frame in enumerate(key_frames[:-1].tolist())}
    # Reversed so that the first segment on a pair wins, as in ``box_at``.
    for segment in reversed(segments):
        gap = gap_of_start.get(segment.start_frame)
        if gap is None or key_frames[gap + 1] != segment.end_frame:
            continue  # not on a keyframe pair; validate reports it, lookups ignore it
        codes[gap] = _MODE_CODES[segment.mode]
        if segment.bezier is not None:
            controls[gap] = segment.bezier
    return codes, controls


def _frames_in_ranges(ranges: tuple[VisibleRange, ...], first: int, last: int) -> IntArray:
    """All frames of ``ranges`` clipped to [first, last], built without a per-frame loop."""
    starts = np.maximum(np.array([r.start_frame for r in ranges], dtype=np.int64), first)
    ends = np.minimum(np.array([r.end_frame for r in ranges], dtype=np.int64), last)
    lengths = np.maximum(ends - starts + 1, 0)
    # Frame k of the output is k plus the offset of the range it falls in.
    frames: IntArray = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    frames += np.arange(len(frames), dtype=np.int64)
    return frames


def _interpolate(table: _KeyTable, frames: IntArray, counts: IntArray) -> FloatArray:
    """Interpolated boxes of sorted ``frames``, ``counts[g]`` of which fall in gap g."""
    t: FloatArray = (frames - np.repeat(table.frames[:-1], counts)) / np.repeat(table.spans, counts)
    used = sorted(set(table.codes[counts > 0].tolist()))
    if len(used) == 1:  # the common case: one mode for the whole range, nothing to select
        progress = _ease_runs(table, used[0], counts, t)
    else:
        frame_codes = np.repeat(table.codes, counts)
        progress = np.empty_like(t)
        for code in used:
            where = np.flatnonzero(frame_codes == code)
            runs = np.where(table.codes == code, counts, 0)
            progress[where] = _ease_runs(table, code, runs, t[where])
    return _blend(table, counts, progress)


def _ease_runs(table: _KeyTable, code: int, counts: IntArray, t: FloatArray) -> FloatArray:
    """f(t) for frames that all use mode ``code``, ``counts[g]`` of them in gap g."""
    mode = INTERPOLATION_MODES[code]
    if mode != "bezier":
        return ease(mode, t)
    points = np.repeat(table.controls, counts, axis=0)  # control points differ by gap
    return ease(mode, t, (points[:, 0], points[:, 1], points[:, 2], points[:, 3]))


def _blend(table: _KeyTable, counts: IntArray, progress: FloatArray) -> FloatArray:
    """start + (end - start) * progress, coordinate by coordinate, the arithmetic of ``box_at``."""
    xywh = np.empty((len(progress), 4))
    for column in range(4):
        value = np.repeat(table.changes[column], counts)
        value *= progress
        value += np.repeat(table.starts[column], counts)
        xywh[:, column] = value
    return xywh


def _box_arrays(frames: IntArray, xywh: FloatArray, on_key: npt.NDArray[np.bool_]) -> BoxArrays:
    for array in (frames, xywh, on_key):
        array.setflags(write=False)  # BoxArrays is a value: nobody may edit it in place
    return BoxArrays(frames=frames, xywh=xywh, keyframe=on_key)
