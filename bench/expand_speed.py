"""Time ``expand`` against a plain per-frame Python loop over a long sequence.

Run as ``PYTHONPATH=src python bench/expand_speed.py``. Builds 200 keyframes over 100,000
frames with every interpolation mode and hidden stretches, checks that both ways produce the
same boxes, prints boxes per second for each and the speed-up, and exits with status 1 when
the vectorised path is less than MIN_SPEEDUP times faster.
"""

from __future__ import annotations

import math
import random
import sys
import time
from bisect import bisect_right
from collections.abc import Callable
from itertools import pairwise

import numpy as np

from fovea.domain import (
    INTERPOLATION_MODES,
    BoxArrays,
    Keyframe,
    Segment,
    Sequence,
    VisibleRange,
    expand,
    validate,
)

KEYFRAME_COUNT = 200
FRAME_COUNT = 100_000
MIN_SPEEDUP = 20.0
TOLERANCE = 1e-6
CURVES = [(0.25, 0.1, 0.25, 1.0), (0.42, 0.0, 0.58, 1.0), (0.68, -0.55, 0.265, 1.55)]

ReferenceRow = tuple[int, float, float, float, float, bool]


def build_sequence(rng: random.Random) -> Sequence:
    """Keyframes spread over the clip, a mode per gap (some gaps bare), hidden stretches."""
    inner = rng.sample(range(1, FRAME_COUNT - 1), KEYFRAME_COUNT - 2)
    frames = [0, *sorted(inner), FRAME_COUNT - 1]
    keyframes = tuple(
        Keyframe(
            f, rng.uniform(0, 1500), rng.uniform(0, 900), rng.uniform(10, 400), rng.uniform(10, 200)
        )
        for f in frames
    )
    segments = []
    for i, (a, b) in enumerate(pairwise(frames)):
        # Gaps cycle through "no segment" (linear by default) and the six modes.
        mode = (None, *INTERPOLATION_MODES)[i % (len(INTERPOLATION_MODES) + 1)]
        if mode is not None:
            segments.append(Segment(a, b, mode, rng.choice(CURVES) if mode == "bezier" else None))
    visible, start = [], 0
    for a, b in pairwise(frames):
        if b - a > 20 and rng.random() < 0.4:  # hide the middle third of this gap
            visible.append(VisibleRange(start, a + (b - a) // 3))
            start = b - (b - a) // 3
    visible.append(VisibleRange(start, FRAME_COUNT - 1))
    return Sequence(keyframes, tuple(segments), tuple(visible))


def reference_ease(mode: str, t: float, bezier: tuple[float, float, float, float] | None) -> float:
    if mode == "ease-in":
        return t * t
    if mode == "ease-out":
        return t * (2 - t)
    if mode == "ease-in-out":
        return 2 * t * t if t < 0.5 else 1 - 2 * (1 - t) ** 2
    if mode == "hold":
        return 1.0 if t >= 1 else 0.0
    if mode == "bezier" and bezier is not None:
        return reference_bezier(t, *bezier)
    return t


def reference_bezier(t: float, x1: float, y1: float, x2: float, y2: float) -> float:
    """Scalar cubic-bezier: a few Newton steps, then bisection if they did not converge."""

    def coord(u: float, p1: float, p2: float) -> float:
        return 3 * (1 - u) ** 2 * u * p1 + 3 * (1 - u) * u * u * p2 + u**3

    u = t
    for _ in range(8):
        slope = 3 * (1 - u) ** 2 * x1 + 6 * (1 - u) * u * (x2 - x1) + 3 * u * u * (1 - x2)
        error = coord(u, x1, x2) - t
        if abs(error) < 1e-12 or abs(slope) < 1e-9:
            break
        u = min(max(u - error / slope, 0.0), 1.0)
    if abs(coord(u, x1, x2) - t) > 1e-12:
        low, high = 0.0, 1.0
        for _ in range(60):
            u = (low + high) / 2
            low, high = (u, high) if coord(u, x1, x2) < t else (low, u)
    return coord(u, y1, y2)


def reference_expand(seq: Sequence, start_frame: int, end_frame: int) -> list[ReferenceRow]:
    """The straightforward way: look every frame up on its own."""
    key_frames = [k.frame for k in seq.keyframes]
    starts = [r.start_frame for r in seq.visible]
    easing = {(s.start_frame, s.end_frame): (s.mode, s.bezier) for s in seq.segments}
    rows: list[ReferenceRow] = []
    for frame in range(start_frame, end_frame + 1):
        r = bisect_right(starts, frame) - 1
        i = bisect_right(key_frames, frame) - 1
        if r < 0 or frame > seq.visible[r].end_frame or i < 0 or frame > key_frames[-1]:
            continue
        a = seq.keyframes[i]
        if a.frame == frame:
            rows.append((frame, a.x, a.y, a.w, a.h, True))
            continue
        b = seq.keyframes[i + 1]
        mode, bezier = easing.get((a.frame, b.frame), ("linear", None))
        f = reference_ease(mode, (frame - a.frame) / (b.frame - a.frame), bezier)
        x, y = a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f
        w, h = a.w + (b.w - a.w) * f, a.h + (b.h - a.h) * f
        rows.append((frame, x, y, w, h, False))
    return rows


def best_time(run: Callable[[], object], repeats: int) -> float:
    best = math.inf
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def agree(fast: BoxArrays, slow: list[ReferenceRow]) -> bool:
    if len(fast) != len(slow):
        return False
    frames = np.array([row[0] for row in slow])
    xywh = np.array([row[1:5] for row in slow])
    flags = np.array([row[5] for row in slow])
    return bool(
        np.array_equal(fast.frames, frames)
        and np.array_equal(fast.keyframe, flags)
        and np.max(np.abs(fast.xywh - xywh)) <= TOLERANCE
    )


def main() -> int:
    seq = build_sequence(random.Random(20240601))
    validate(seq)
    fast = expand(seq, 0, FRAME_COUNT - 1)
    if not agree(fast, reference_expand(seq, 0, FRAME_COUNT - 1)):
        print("MISMATCH: expand and the per-frame reference disagree")
        return 1
    # Many cheap repeats for the fast path so one quiet moment is enough on a busy machine.
    fast_s = best_time(lambda: expand(seq, 0, FRAME_COUNT - 1), repeats=25)
    slow_s = best_time(lambda: reference_expand(seq, 0, FRAME_COUNT - 1), repeats=3)
    boxes = len(fast)
    speedup = slow_s / fast_s
    print(f"{KEYFRAME_COUNT} keyframes, {FRAME_COUNT} frames, {boxes} visible boxes")
    print(f"expand (numpy):       {boxes / fast_s:14,.0f} boxes/s  ({fast_s * 1e3:8.2f} ms)")
    print(f"per-frame reference:  {boxes / slow_s:14,.0f} boxes/s  ({slow_s * 1e3:8.2f} ms)")
    print(f"speed-up: {speedup:.1f}x (minimum {MIN_SPEEDUP:.0f}x)")
    return 0 if speedup >= MIN_SPEEDUP else 1


if __name__ == "__main__":
    sys.exit(main())
