"""Single-object trackers built into OpenCV: follow one box the analyst drew.

    load          a ``SingleObjectTracker`` for ``algorithm`` csrt (accurate, ~20 fps at
                  640x360 on a laptop core), kcf (fast, loses objects sooner) or mil
    unavailable   names an unknown ``algorithm`` before anything loads

``follow`` starts a fresh OpenCV tracker on the seed frame with the drawn box, updates it on
each following frame, and leaves out the frames where the update fails (the object is lost).
OpenCV reports a tracking score through ``getTrackingScore`` only for some trackers; CSRT,
KCF and MIL answer -1 (no score), and then every found box has confidence 1.0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import cv2
from pydantic import BaseModel, ConfigDict

from fovea.inference.backends.base import Image, Seed, TrackedBox

if TYPE_CHECKING:
    from fovea.inference.registry import ModelOption

FACTORIES: dict[str, Callable[[], Any]] = {
    "csrt": cv2.TrackerCSRT.create,
    "kcf": cv2.TrackerKCF.create,
    "mil": cv2.TrackerMIL.create,
}


class TrackerParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = ""
    algorithm: str


def load(option: ModelOption, device: str) -> OpenCvTracker:
    params = TrackerParams.model_validate(option.params)
    reason = _unknown_algorithm(params.algorithm)
    if reason is not None:
        raise ValueError(reason)
    return OpenCvTracker(params.algorithm)


def unavailable(option: ModelOption) -> str | None:
    algorithm = option.params.get("algorithm")
    return _unknown_algorithm(algorithm)


def _unknown_algorithm(algorithm: object) -> str | None:
    if algorithm in FACTORIES:
        return None
    return f"unknown tracker algorithm {algorithm!r}; choose one of {', '.join(FACTORIES)}"


class OpenCvTracker:
    """A ``SingleObjectTracker``; each ``follow`` call uses a tracker of its own."""

    def __init__(self, algorithm: str) -> None:
        self.algorithm = algorithm
        self.model = f"opencv-{algorithm}"

    def follow(self, frames: Iterable[tuple[int, Image]], seed: Seed) -> list[TrackedBox]:
        """Boxes from the seed frame on (video pixels, clipped to the frame).

        ``frames`` start at ``seed.frame``; ValueError if they do not.
        """
        iterator = iter(frames)
        first = next(iterator, None)
        if first is None or first[0] != seed.frame:
            found = "no frames" if first is None else f"frame {first[0]}"
            raise ValueError(f"frames must start at the seed frame {seed.frame}, got {found}")
        tracker = FACTORIES[self.algorithm]()
        tracker.init(first[1], _rect(seed.x, seed.y, seed.w, seed.h))
        boxes = [TrackedBox(seed.frame, seed.x, seed.y, seed.w, seed.h, 1.0)]
        for index, image in iterator:
            ok, rect = tracker.update(image)
            box = _clipped(index, rect, image, _score(tracker)) if ok else None
            if box is not None:
                boxes.append(box)
        return boxes


def _rect(x: float, y: float, w: float, h: float) -> tuple[int, int, int, int]:
    """A box in whole pixels, at least 1x1, as OpenCV trackers take it."""
    left, top = round(x), round(y)
    return left, top, max(1, round(x + w) - left), max(1, round(y + h) - top)


def _score(tracker: Any) -> float:
    score = float(tracker.getTrackingScore())
    return 1.0 if score < 0 else min(1.0, score)


def _clipped(index: int, rect: Any, image: Image, confidence: float) -> TrackedBox | None:
    """The tracker's box cut to the frame, or None when it has left the frame."""
    x, y, w, h = (float(v) for v in rect)
    height, width = image.shape[:2]
    left, top = max(0.0, x), max(0.0, y)
    right, bottom = min(float(width), x + w), min(float(height), y + h)
    if right <= left or bottom <= top:
        return None
    return TrackedBox(index, left, top, right - left, bottom - top, confidence)
