"""The ``storyboard`` backend: a video summary from measurements, with no language model.

The building blocks, used by ``tasks/summarize.py`` for every summarizer (a vision-language
model needs shots and key frames too) and, for this backend, for the text as well:

1. ``Storyboard.measure``: per frame, on a copy scaled to ``analysis_width_px``: an HSV
   colour histogram (16 hue x 4 saturation x 4 value bins), its distance to the previous
   frame's (half the L1 distance, 0..1), brightness, the share of pixels that changed since
   the previous frame (motion), sharpness (variance of the Laplacian) and the share of pixels
   of each named colour.
2. ``find_shots``: a cut where the histogram distance is a spike: above both ``cut_floor``
   and the mean plus ``cut_sigma`` standard deviations of the distances within
   ``window_s`` around it (an adaptive threshold: busy footage needs a bigger jump), keeping
   the strongest cuts at least ``min_shot_s`` apart and from either end. Hard cuts only;
   a slow dissolve does not make one frame-to-frame spike and is not found.
3. ``choose_key_frames``: one key frame per shot; with key frames to spare, the longest
   stretches (at least twice ``min_key_frame_gap_s``) are halved until the budget is used;
   with more shots than ``max_key_frames``, the longest shot of each equal part of the video.
   Each stretch's key frame is the frame closest to the stretch's mean histogram (sharpest
   among near-ties): the frame most like the rest of it.
4. ``key_frame_facts``: the named dominant colours, brightness and motion of a key frame.

The text is written by ``storyboard_text``. Every sentence reports something measured.
Videos of more than ``max_analysed_frames`` frames are measured every n-th frame, so cuts
are then found to within n frames.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

import cv2
import numpy as np
import numpy.typing as npt

from fovea.inference.backends.base import Image

if TYPE_CHECKING:
    from fovea.inference.registry import ModelOption

HISTOGRAM_BINS: Final = (16, 4, 4)
CHANGED_LEVEL: Final = 25
"""A pixel whose grey level moved by more than this (of 255) counts as changed."""
COLOUR_NAMES: Final = (
    "black", "white", "grey", "red", "orange", "brown", "yellow", "green", "cyan", "blue",
    "purple", "pink",
)  # fmt: skip
_HUE_EDGES_DEG: Final = (15, 40, 70, 165, 195, 255, 320, 345)
_HUE_NAMES: Final = ("red", "orange", "yellow", "green", "cyan", "blue", "purple", "pink", "red")

Floats = npt.NDArray[np.float32]


@dataclass(frozen=True)
class StoryboardParams:
    """The YAML parameters of a ``storyboard`` option, with their defaults."""

    analysis_width_px: int = 160
    min_shot_s: float = 0.5
    cut_floor: float = 0.25
    cut_sigma: float = 4.0
    window_s: float = 2.0
    min_key_frame_gap_s: float = 2.0
    max_analysed_frames: int = 20_000

    @classmethod
    def from_option(cls, option: ModelOption) -> StoryboardParams:
        defaults = cls()
        return cls(
            **{
                key: type(getattr(defaults, key))(value)
                for key, value in option.params.items()
                if key in cls.__dataclass_fields__
            }
        )


@dataclass(frozen=True)
class FrameMeasures:
    """What ``measure`` found, one row per measured frame, in frame order."""

    frames: npt.NDArray[np.int64]
    histograms: Floats  # (n, 256), rows sum to 1
    cut_distance: Floats  # (n,) to the previous measured frame, 0..1; 0 for the first
    brightness: Floats  # (n,) mean HSV value, 0..1
    motion: Floats  # (n,) share of pixels changed since the previous measured frame
    sharpness: Floats  # (n,) variance of the Laplacian of the grey image
    colours: Floats  # (n, len(COLOUR_NAMES)) share of pixels of each named colour


@dataclass(frozen=True)
class Stretch:
    """Measured frames ``first..last`` (positions in FrameMeasures, inclusive)."""

    first: int
    last: int

    @property
    def length(self) -> int:
        return self.last - self.first + 1


@dataclass(frozen=True)
class FrameFacts:
    """The measured look of one key frame."""

    frame: int
    colours: list[tuple[str, float]]  # dominant named colours and their shares, largest first
    brightness: float  # 0..1
    motion: float  # share of the picture that changes around this frame, 0..1


@dataclass(frozen=True)
class Storyboard:
    """The storyboard summarizer: its parameters and the steps above."""

    params: StoryboardParams = field(default_factory=StoryboardParams)
    model: str = "storyboard"
    memory_bytes: int = 0

    def analysis_step(self, frame_count: int) -> int:
        """Measure every n-th frame, so at most ``max_analysed_frames`` are measured."""
        return max(1, math.ceil(frame_count / self.params.max_analysed_frames))

    def measure(self, frames: Iterable[tuple[int, Image]]) -> FrameMeasures:
        return measure(frames, self.params.analysis_width_px)

    def find_shots(self, measures: FrameMeasures, fps: float) -> list[Stretch]:
        return find_shots(measures, fps, self.params)

    def choose_key_frames(
        self, measures: FrameMeasures, shots: list[Stretch], fps: float, max_key_frames: int
    ) -> list[int]:
        gap = max(1, round(self.params.min_key_frame_gap_s * _measured_fps(measures, fps)))
        stretches = spread(shots, max_key_frames, gap)
        return [int(measures.frames[representative(measures, s)]) for s in stretches]


def load(option: ModelOption, device: str) -> Storyboard:
    """A storyboard with the option's parameters (``device`` is unused: no model here)."""
    return Storyboard(StoryboardParams.from_option(option))


# --- measuring -----------------------------------------------------------------------------


def measure(frames: Iterable[tuple[int, Image]], width_px: int) -> FrameMeasures:
    """Measure ``frames`` (index, BGR image) in order; see the module docstring."""
    indices: list[int] = []
    rows: list[tuple[Floats, float, float, float, Floats]] = []
    previous_grey: npt.NDArray[np.uint8] | None = None
    for index, image in frames:
        small = _scaled(image, width_px)
        hsv: Image = np.asarray(cv2.cvtColor(small, cv2.COLOR_BGR2HSV), dtype=np.uint8)
        grey = np.asarray(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), dtype=np.uint8)
        motion = 0.0 if previous_grey is None else _changed_share(previous_grey, grey)
        sharpness = float(cv2.Laplacian(grey, cv2.CV_32F).var())
        brightness = float(hsv[..., 2].mean()) / 255
        rows.append((_histogram(hsv), brightness, motion, sharpness, colour_shares(hsv)))
        indices.append(index)
        previous_grey = grey
    return _stacked(indices, rows)


def _stacked(
    indices: list[int], rows: list[tuple[Floats, float, float, float, Floats]]
) -> FrameMeasures:
    count = len(rows)
    histograms = np.array([row[0] for row in rows], dtype=np.float32).reshape(count, -1)
    distance = np.zeros(count, dtype=np.float32)
    if count > 1:
        distance[1:] = 0.5 * np.abs(np.diff(histograms, axis=0)).sum(axis=1)
    return FrameMeasures(
        frames=np.array(indices, dtype=np.int64),
        histograms=histograms,
        cut_distance=distance,
        brightness=np.array([row[1] for row in rows], dtype=np.float32),
        motion=np.array([row[2] for row in rows], dtype=np.float32),
        sharpness=np.array([row[3] for row in rows], dtype=np.float32),
        colours=np.array([row[4] for row in rows], dtype=np.float32).reshape(count, -1),
    )


def _scaled(image: Image, width_px: int) -> Image:
    height, width = image.shape[:2]
    if width <= width_px:
        return image
    size_wh = (width_px, max(1, round(height * width_px / width)))
    return np.asarray(cv2.resize(image, size_wh, interpolation=cv2.INTER_AREA), dtype=np.uint8)


def _histogram(hsv: Image) -> Floats:
    ranges = [0, 180, 0, 256, 0, 256]
    counts = cv2.calcHist([hsv], [0, 1, 2], None, list(HISTOGRAM_BINS), ranges).ravel()
    return np.asarray(counts / max(float(counts.sum()), 1.0), dtype=np.float32)


def _changed_share(before: npt.NDArray[np.uint8], after: npt.NDArray[np.uint8]) -> float:
    changed = cv2.absdiff(before, after) > CHANGED_LEVEL
    return float(np.count_nonzero(changed)) / changed.size


def colour_shares(hsv: Image) -> Floats:
    """Share of pixels of each of COLOUR_NAMES (OpenCV HSV: hue 0..179, s and v 0..255).

    Dark pixels (value under 50) are black; unsaturated ones (saturation under 40) white
    above value 200, else grey; the rest are named by hue, dark orange being brown.
    """
    hue_deg = hsv[..., 0].astype(np.int32) * 2
    saturation, value = hsv[..., 1], hsv[..., 2]
    by_hue = np.array([COLOUR_NAMES.index(name) for name in _HUE_NAMES])
    names = by_hue[np.searchsorted(np.array(_HUE_EDGES_DEG), hue_deg, side="right")]
    names = np.where((names == _index("orange")) & (value < 150), _index("brown"), names)
    unsaturated = np.where(value > 200, _index("white"), _index("grey"))
    names = np.where(saturation < 40, unsaturated, names)
    names = np.where(value < 50, _index("black"), names)
    counts = np.bincount(names.ravel(), minlength=len(COLOUR_NAMES))
    return np.asarray(counts / names.size, dtype=np.float32)


def _index(colour: str) -> int:
    return COLOUR_NAMES.index(colour)


# --- shots and key frames ------------------------------------------------------------------


def find_shots(measures: FrameMeasures, fps: float, params: StoryboardParams) -> list[Stretch]:
    """The shots, as stretches of measured frames, in order; they cover every frame."""
    count = len(measures.frames)
    if count == 0:
        return []
    rate = _measured_fps(measures, fps)
    threshold = _cut_threshold(measures.cut_distance, rate, params)
    cuts = _spaced_cuts(measures.cut_distance, threshold, max(1, round(params.min_shot_s * rate)))
    starts = [0, *cuts]
    ends = [*(cut - 1 for cut in cuts), count - 1]
    return [Stretch(first, last) for first, last in zip(starts, ends, strict=True)]


def _cut_threshold(distance: Floats, rate: float, params: StoryboardParams) -> Floats:
    """Per frame: max(cut_floor, local mean + cut_sigma * local std), the frame left out."""
    half = max(1, round(params.window_s * rate))
    padded = np.pad(distance.astype(np.float64), half, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * half + 1)
    total = windows.sum(axis=1) - distance
    squares = (windows**2).sum(axis=1) - distance.astype(np.float64) ** 2
    mean = total / (2 * half)
    std = np.sqrt(np.maximum(squares / (2 * half) - mean**2, 0.0))
    return np.asarray(np.maximum(mean + params.cut_sigma * std, params.cut_floor), np.float32)


def _spaced_cuts(distance: Floats, threshold: Floats, min_gap: int) -> list[int]:
    """Positions over threshold, strongest first, each ``min_gap`` from the others and ends."""
    count = len(distance)
    candidates = np.flatnonzero(distance > threshold)
    kept: list[int] = []
    for position in candidates[np.argsort(-distance[candidates], kind="stable")]:
        if position < min_gap or count - position < min_gap:
            continue
        if all(abs(int(position) - other) >= min_gap for other in kept):
            kept.append(int(position))
    return sorted(kept)


def spread(shots: list[Stretch], max_key_frames: int, min_gap: int) -> list[Stretch]:
    """At most ``max_key_frames`` stretches to take one key frame from each, in order."""
    if not shots:
        return []
    if len(shots) > max_key_frames:
        return _longest_per_part(shots, max_key_frames)
    stretches = list(shots)
    while len(stretches) < max_key_frames:
        longest = max(range(len(stretches)), key=lambda i: stretches[i].length)
        shot = stretches[longest]
        if shot.length < 2 * min_gap:
            break
        middle = shot.first + shot.length // 2
        halves = [Stretch(shot.first, middle - 1), Stretch(middle, shot.last)]
        stretches[longest : longest + 1] = halves
    return stretches


def _longest_per_part(shots: list[Stretch], parts: int) -> list[Stretch]:
    """The longest shot whose middle falls in each of ``parts`` equal parts of the video."""
    end = shots[-1].last + 1
    chosen: set[int] = set()
    for part in range(parts):
        low, high = part * end / parts, (part + 1) * end / parts
        inside = [i for i, s in enumerate(shots) if low <= (s.first + s.last) / 2 < high]
        if inside:
            chosen.add(max(inside, key=lambda i: shots[i].length))
    rest = sorted(set(range(len(shots))) - chosen, key=lambda i: -shots[i].length)
    chosen.update(rest[: parts - len(chosen)])
    return [shots[i] for i in sorted(chosen)]


def representative(measures: FrameMeasures, stretch: Stretch) -> int:
    """The position in ``stretch`` most like its mean histogram.

    Of frames within 0.01 of the closest, those within 10% of the sharpest, and of those
    the one nearest the middle of the stretch (away from the cuts)."""
    histograms = measures.histograms[stretch.first : stretch.last + 1]
    distance = 0.5 * np.abs(histograms - histograms.mean(axis=0)).sum(axis=1)
    near = np.flatnonzero(distance <= distance.min() + 0.01)
    sharpness = measures.sharpness[stretch.first : stretch.last + 1][near]
    sharpest = near[np.flatnonzero(sharpness >= sharpness.max() * 0.9)]
    middle = (stretch.length - 1) / 2
    return stretch.first + int(sharpest[np.argmin(np.abs(sharpest - middle))])


def key_frame_facts(measures: FrameMeasures, frame: int) -> FrameFacts:
    """Colours, brightness and motion of a measured frame (motion: to either neighbour)."""
    position = int(np.searchsorted(measures.frames, frame))
    after = measures.motion[position + 1] if position + 1 < len(measures.frames) else 0.0
    return FrameFacts(
        frame=frame,
        colours=dominant_colours(measures.colours[position]),
        brightness=float(measures.brightness[position]),
        motion=float(max(measures.motion[position], after)),
    )


def dominant_colours(shares: Floats, min_share: float = 0.1) -> list[tuple[str, float]]:
    """Named colours covering at least ``min_share`` of the picture, largest first (max 3)."""
    order = np.argsort(-shares, kind="stable")[:3]
    return [(COLOUR_NAMES[i], float(shares[i])) for i in order if shares[i] >= min_share]


def _measured_fps(measures: FrameMeasures, fps: float) -> float:
    """Measured frames per second of video (fps divided by the measuring step)."""
    if len(measures.frames) < 2:
        return fps
    step = (measures.frames[-1] - measures.frames[0]) / (len(measures.frames) - 1)
    return fps / max(float(step), 1.0)
