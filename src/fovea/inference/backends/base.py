"""What each kind of model can do: the protocols task code programs against.

A backend factory (see ``fovea.inference.backends``) turns one option of the model config into
an object that satisfies one of these protocols. Task code never imports a backend module: it
asks the ``ModelManager`` for the option and calls the protocol. Every object also has
``model`` (a short name of what runs, e.g. ``"opencv-hog-people"``) and may have
``memory_bytes`` (its resident size, for the cache's memory budget).

Pixels are BGR ``uint8`` arrays (OpenCV's order) of the coded frame; boxes are video pixels.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]
"""A BGR frame, shape (height, width, 3)."""


@dataclass(frozen=True)
class Detection:
    """One box found on one frame."""

    x: float
    y: float
    w: float
    h: float
    label: str
    confidence: float


@dataclass(frozen=True)
class TrackedBox:
    frame: int
    x: float
    y: float
    w: float
    h: float
    confidence: float


@dataclass(frozen=True)
class Track:
    track_id: int
    label: str
    boxes: list[TrackedBox]


class Detector(Protocol):
    """Finds boxes on frames. A detector that knows no classes (motion) may also set
    ``class_agnostic = True``: a label query then keeps all of its boxes."""

    model: str
    history_frames: int
    """Frames before the first wanted one it must see (background models); 0 if stateless."""

    def detect(
        self, frames: Iterable[tuple[int, Image]], wanted: set[int], threshold: float
    ) -> Iterator[tuple[int, list[Detection]]]:
        """Detect on ``frames`` (index, image) in order; yield results for ``wanted`` frames.

        Frames not in ``wanted`` are history for stateful detectors. State lives only inside
        one call, so calls never see each other's frames.
        """
        ...


class MultiObjectTracker(Protocol):
    """Tracking by detection: associates per-frame detections into tracks."""

    model: str

    def track(
        self, detections: Iterable[tuple[int, list[Detection]]], fps: float
    ) -> list[Track]: ...


@dataclass(frozen=True)
class Seed:
    frame: int
    x: float
    y: float
    w: float
    h: float


class SingleObjectTracker(Protocol):
    """Follows one box the analyst drew, frame after frame, from the seed frame on."""

    model: str

    def follow(self, frames: Iterable[tuple[int, Image]], seed: Seed) -> list[TrackedBox]:
        """``frames`` start at the seed frame; frames where the object is lost are left out."""
        ...


class Embedder(Protocol):
    model: str
    dimensions: int

    def embed(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Unit-length vectors, one row per text."""
        ...


@dataclass(frozen=True)
class Word:
    start_s: float
    end_s: float
    text: str
    probability: float | None


@dataclass(frozen=True)
class Segment:
    start_s: float
    end_s: float
    text: str
    speaker: str | None
    confidence: float | None
    words: list[Word] = field(default_factory=list)


@dataclass(frozen=True)
class Transcript:
    language: str | None
    segments: list[Segment]


class Transcriber(Protocol):
    model: str

    def transcribe(self, audio: Path, language: str | None) -> Transcript:
        """Transcribe an audio (or video) file with timestamps."""
        ...


@dataclass(frozen=True)
class Prompt:
    """A request to a language or vision-language model."""

    system: str
    user: str
    images_jpeg: list[bytes] = field(default_factory=list)
    max_tokens: int = 1024
    temperature: float = 0.2
    json_reply: bool = False


class TextGenerator(Protocol):
    """A language model (or vision-language model when ``accepts_images``)."""

    model: str
    accepts_images: bool

    def generate(self, prompt: Prompt) -> str: ...
