"""The storyboard's building blocks on hand-made inputs: cuts, key frame spread, colours."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fovea.inference.backends.storyboard import (
    FrameMeasures,
    StoryboardParams,
    Stretch,
    colour_shares,
    dominant_colours,
    find_shots,
    spread,
)


def measures_with(distances: list[float]) -> FrameMeasures:
    """Measurements where only the histogram distances matter."""
    count = len(distances)
    zeros = np.zeros(count, dtype=np.float32)
    return FrameMeasures(
        frames=np.arange(count, dtype=np.int64),
        histograms=np.zeros((count, 256), dtype=np.float32),
        cut_distance=np.array(distances, dtype=np.float32),
        brightness=zeros,
        motion=zeros,
        sharpness=zeros,
        colours=np.zeros((count, 12), dtype=np.float32),
    )


@pytest.mark.parametrize(
    ("spikes", "expected_starts"),
    [
        ({40: 0.9}, [0, 40]),
        ({40: 0.9, 44: 0.5}, [0, 40]),  # 4 frames apart: under min_shot_s, the stronger stays
        ({40: 0.5, 44: 0.9}, [0, 44]),
        ({40: 0.9, 60: 0.6}, [0, 40, 60]),
        ({5: 0.9}, [0]),  # too near the start to make a shot
        ({40: 0.2}, [0]),  # under cut_floor
    ],
)
def test_cuts_are_spikes_kept_a_minimum_shot_apart(
    spikes: dict[int, float], expected_starts: list[int]
) -> None:
    rng = np.random.default_rng(3)
    distances = list(rng.uniform(0.0, 0.03, 100))
    for frame, distance in spikes.items():
        distances[frame] = distance

    shots = find_shots(measures_with(distances), 25.0, StoryboardParams())

    assert [shot.first for shot in shots] == expected_starts
    assert shots[-1].last == 99


@pytest.mark.parametrize(
    ("bgr", "name"),
    [
        ((40, 40, 200), "red"),
        ((0, 128, 255), "orange"),
        ((20, 70, 120), "brown"),
        ((0, 220, 255), "yellow"),
        ((60, 170, 60), "green"),
        ((255, 255, 0), "cyan"),
        ((200, 90, 30), "blue"),
        ((200, 0, 200), "purple"),
        ((180, 105, 255), "pink"),
        ((0, 0, 0), "black"),
        ((255, 255, 255), "white"),
        ((128, 128, 128), "grey"),
    ],
)
def test_colours_are_named(bgr: tuple[int, int, int], name: str) -> None:
    image = np.full((8, 8, 3), bgr, dtype=np.uint8)

    shares = colour_shares(cv2.cvtColor(image, cv2.COLOR_BGR2HSV))

    assert dominant_colours(shares) == [(name, 1.0)]


def test_busy_footage_needs_a_bigger_jump_to_cut() -> None:
    rng = np.random.default_rng(4)
    busy = list(rng.uniform(0.1, 0.3, 100))
    busy[50] = 0.4  # over cut_floor, but not a spike among distances this noisy

    assert len(find_shots(measures_with(busy), 25.0, StoryboardParams())) == 1


@pytest.mark.parametrize(
    ("lengths", "budget", "expected"),
    [
        ([100], 4, [(0, 24), (25, 49), (50, 74), (75, 99)]),  # one long shot, split
        ([40], 8, [(0, 19), (20, 39)]),  # no halves shorter than the gap
        ([10, 10, 10], 8, [(0, 9), (10, 19), (20, 29)]),  # one per shot
        ([10, 60, 10], 4, [(0, 9), (10, 39), (40, 69), (70, 79)]),
        ([5, 50, 5, 50, 5, 50], 3, [(5, 54), (60, 109), (115, 164)]),  # the longest per part
    ],
)
def test_key_frames_spread_over_the_shots(
    lengths: list[int], budget: int, expected: list[tuple[int, int]]
) -> None:
    starts = np.cumsum([0, *lengths[:-1]])
    shots = [
        Stretch(int(start), int(start) + length - 1)
        for start, length in zip(starts, lengths, strict=True)
    ]

    stretches = spread(shots, budget, min_gap=12)

    assert [(s.first, s.last) for s in stretches] == expected
