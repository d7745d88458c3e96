"""From a tracker's per-frame boxes to a bounding-box sequence an analyst can edit.

A tracker reports one box on every frame where it saw the object. Stored as is, that is one
keyframe per frame: hundreds of handles nobody can edit. ``sequence_from_track`` keeps only
the keyframes that linear interpolation needs: within each run of consecutive observed frames
it runs Douglas-Peucker decimation on (x, y, w, h) over frames, so that interpolating between
the kept keyframes reproduces every observed box within ``tolerance_px`` on each coordinate.
Frames missing from the track (the object was lost or hidden) become gaps between the
sequence's visible ranges, so ``box_at`` answers None there.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import numpy.typing as npt

from fovea.domain.model import Box, Keyframe, Sequence, VisibleRange
from fovea.domain.validation import validate

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def sequence_from_track(
    frames: list[int], boxes: list[Box], *, tolerance_px: float = 1.0
) -> Sequence:
    """The sparsest linear sequence that reproduces ``boxes`` within ``tolerance_px``.

    ``frames`` are strictly increasing frame indices and ``boxes[i]`` is the box observed on
    ``frames[i]`` (video pixels; its own ``frame`` must agree). Each run of consecutive
    frames is one visible range whose first and last boxes are keyframes; a frame in
    between becomes a keyframe only where motion is not linear enough. The result passes
    ``validate``; ValueError when the input is not a track (mismatched lengths, frames out
    of order, a box with a NaN or a size that is not positive).
    """
    frame_array = _checked_frames(frames, boxes, tolerance_px)
    xywh = _checked_boxes(boxes)
    keyframes: list[Keyframe] = []
    visible: list[VisibleRange] = []
    for start, stop in _runs(frame_array):
        kept = _decimated(frame_array[start:stop], xywh[start:stop], tolerance_px)
        keyframes.extend(_keyframe(int(frame_array[start + i]), xywh[start + i]) for i in kept)
        visible.append(VisibleRange(int(frame_array[start]), int(frame_array[stop - 1])))
    sequence = Sequence(keyframes=tuple(keyframes), visible=tuple(visible))
    validate(sequence)
    return sequence


def _checked_frames(frames: list[int], boxes: list[Box], tolerance_px: float) -> IntArray:
    if len(frames) != len(boxes):
        raise ValueError(f"{len(frames)} frames but {len(boxes)} boxes; one box per frame")
    if not frames:
        raise ValueError("a track needs at least one box")
    if not tolerance_px >= 0:
        raise ValueError(f"tolerance_px must be a non-negative number, got {tolerance_px!r}")
    for i, (frame, box) in enumerate(zip(frames, boxes, strict=True)):
        if box.frame != frame:
            raise ValueError(f"boxes[{i}] is on frame {box.frame} but frames[{i}] is {frame}")
    for i, (before, after) in enumerate(pairwise(frames), start=1):
        if after <= before:
            raise ValueError(f"frames[{i}] = {after} follows {before}; frames must increase")
    return np.array(frames, dtype=np.int64)


def _checked_boxes(boxes: list[Box]) -> FloatArray:
    xywh = np.array([(box.x, box.y, box.w, box.h) for box in boxes], dtype=np.float64)
    # A NaN would never count as an error in the decimation and could vanish unreported.
    bad = ~np.isfinite(xywh).all(axis=1) | (xywh[:, 2] <= 0) | (xywh[:, 3] <= 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"boxes[{i}] is not a box: {boxes[i]!r}")
    return xywh


def _runs(frames: IntArray) -> list[tuple[int, int]]:
    """[start, stop) index ranges of the runs of consecutive frames."""
    breaks = (np.flatnonzero(np.diff(frames) > 1) + 1).tolist()
    edges = [0, *breaks, len(frames)]
    return list(pairwise(edges))


def _decimated(frames: IntArray, xywh: FloatArray, tolerance_px: float) -> list[int]:
    """Indices of the keyframes Douglas-Peucker keeps for one run, in order.

    A span keeps its two ends; if linear interpolation between them misses a box in the
    span by more than the tolerance on any coordinate, the worst box is kept too and both
    halves are decimated again. An explicit stack, not recursion: runs can be long.
    """
    kept = {0, len(frames) - 1}
    spans = [(0, len(frames) - 1)]
    while spans:
        first, last = spans.pop()
        if last - first < 2:
            continue
        worst, error_px = _worst_box(frames[first : last + 1], xywh[first : last + 1])
        if error_px > tolerance_px:
            middle = first + worst
            kept.add(middle)
            spans.extend(((first, middle), (middle, last)))
    return sorted(kept)


def _worst_box(frames: IntArray, xywh: FloatArray) -> tuple[int, float]:
    """Index and error (largest coordinate difference, px) of the box that linear
    interpolation from the first to the last box of the span reproduces worst."""
    # The same arithmetic as box_at: start + (end - start) * progress.
    progress = (frames - frames[0]) / float(frames[-1] - frames[0])
    predicted = xywh[0] + (xywh[-1] - xywh[0]) * progress[:, None]
    errors_px = np.abs(predicted - xywh).max(axis=1)
    worst = int(np.argmax(errors_px))
    return worst, float(errors_px[worst])


def _keyframe(frame: int, xywh: FloatArray) -> Keyframe:
    x, y, w, h = (float(value) for value in xywh)
    return Keyframe(frame=frame, x=x, y=y, w=w, h=h)
