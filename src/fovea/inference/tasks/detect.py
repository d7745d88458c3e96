"""Object detection on chosen frames of a video (the ``object-detection`` job, POST /api/detect).

Only the frames needed are decoded: the wanted frames are grouped into runs decoded in one
pass, each starting ``history_frames`` earlier for a detector that learns the background
(motion), and a new run (a seek) starts only where the video has a keyframe between one
wanted frame's history and the wanted frame before it, that is, where seeking saves
decoding. Decoding and detection run in a worker thread, a chunk of wanted frames at a time,
each chunk (about ``CHUNK_S`` of work) borrowing the model from the ``ModelManager``;
progress ("detecting", percent of wanted frames done) is reported between chunks.

Boxes are video pixels. ``query`` keeps boxes whose label equals one of its words, ignoring
case (empty: every label); a class-agnostic detector (``class_agnostic = True``: motion finds
"objects" of any class) keeps every box, since its label says nothing about the query.
``threshold`` is the lowest confidence kept. ``frames_processed`` counts the wanted frames
the detector answered.
"""

from __future__ import annotations

import asyncio
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from fovea.errors import InvalidInput
from fovea.inference import video
from fovea.inference.backends.base import Detection, Detector
from fovea.inference.contract import DetectedBox, DetectionResult, DetectionSpec, Progress
from fovea.inference.registry import ModelManager
from fovea.media import ProbeResult

TASK = "detection"
CHUNK_S = 0.5
"""Seconds of work per trip to the worker thread (at least one wanted frame), so progress
comes about twice a second whether a frame takes 5 ms (motion) or 300 ms (HOG at 960 px)."""
DEFAULT_FPS = 25.0
"""For a video whose frame rate cannot be told (one frame, no duration)."""


@dataclass(frozen=True)
class VideoSource:
    """A request's video, readable here, and its frame table."""

    path: Path
    probed: ProbeResult

    @property
    def fps(self) -> float:
        rate = self.probed.avg_fps or self.probed.real_fps
        if rate:
            return float(rate)
        if self.probed.frame_count > 1 and self.probed.duration_s > 0:
            return self.probed.frame_count / self.probed.duration_s
        return DEFAULT_FPS


async def open_video(uri: str) -> VideoSource:
    """The video at ``uri`` (downloaded if remote) and its frame table, off the event loop."""

    def opened() -> VideoSource:
        path = video.local_path(uri)
        return VideoSource(path, video.probe_video(path))

    return await asyncio.to_thread(opened)


async def run_detection(
    spec: DetectionSpec, progress: Progress, models: ModelManager
) -> DetectionResult:
    started = time.perf_counter()
    option = models.option(TASK, spec.detector)
    source = await open_video(spec.video.uri)
    wanted = sorted(set(spec.frames))
    outside = [frame for frame in wanted if frame >= source.probed.frame_count]
    if outside:
        raise InvalidInput(_outside_message(outside, source.probed.frame_count))
    opened_s = time.perf_counter() - started
    found = await detect_frames(
        models, option.name, source, wanted, spec.threshold, spec.query, progress
    )
    boxes = [
        DetectedBox(frame=frame, x=d.x, y=d.y, w=d.w, h=d.h, label=d.label, confidence=d.confidence)
        for frame, detections in sorted(found.by_frame.items())
        for d in detections
    ]
    return DetectionResult(
        video_id=spec.video_id,
        detector=option.name,
        model=found.model,
        frame_count=source.probed.frame_count,
        width=source.probed.width,
        height=source.probed.height,
        frames_processed=len(found.by_frame),
        boxes=boxes,
        timings_s={
            "video": round(opened_s, 3),
            **found.timings_s,
            "total": round(time.perf_counter() - started, 3),
        },
    )


@dataclass
class Found:
    """Detections by wanted frame (an empty list where nothing was found), with timings."""

    model: str = ""
    by_frame: dict[int, list[Detection]] = field(default_factory=dict)
    timings_s: dict[str, float] = field(default_factory=dict)


async def detect_frames(
    models: ModelManager,
    option_name: str,
    source: VideoSource,
    wanted: list[int],
    threshold: float,
    query: list[str],
    progress: Progress,
) -> Found:
    """Run the detection option ``option_name`` on the sorted frames ``wanted``.

    Keeps boxes of at least ``threshold`` whose label matches ``query`` (see the module).
    """
    found = Found()
    started = time.perf_counter()
    await asyncio.to_thread(models.load, TASK, option_name)
    found.timings_s["load"] = round(time.perf_counter() - started, 3)
    results: list[Iterator[tuple[int, list[Detection]]]] = []

    def next_chunk() -> tuple[list[tuple[int, list[Detection]]], bool]:
        """About CHUNK_S of work, and whether the last wanted frame has been answered."""
        with models.lease(TASK, option_name) as model:
            detector: Detector = model
            if not results:
                found.model = detector.model
                if getattr(detector, "class_agnostic", False):
                    labels.clear()  # it has no classes to match the query against
                results.append(_detections(detector, source, wanted, threshold))
            return _chunk(results[0])

    started = time.perf_counter()
    labels = {word.strip().casefold() for word in query if word.strip()}
    finished = False
    while not finished:
        # The iterator lives on between chunks; once this function is done with it, dropping
        # the last reference closes it (and the decoder), even if a chunk is still running.
        chunk, finished = await asyncio.to_thread(next_chunk)
        for frame, detections in chunk:
            found.by_frame[frame] = _kept(detections, threshold, labels)
        await progress.progress("detecting", 100.0 * len(found.by_frame) / len(wanted))
    found.timings_s["detect"] = round(time.perf_counter() - started, 3)
    return found


def _chunk(
    results: Iterator[tuple[int, list[Detection]]],
) -> tuple[list[tuple[int, list[Detection]]], bool]:
    deadline = time.perf_counter() + CHUNK_S
    chunk = []
    for item in results:
        chunk.append(item)
        if time.perf_counter() >= deadline:
            return chunk, False
    return chunk, True


def _kept(detections: list[Detection], threshold: float, labels: set[str]) -> list[Detection]:
    return [d for d in detections if d.confidence >= threshold and _wanted(d.label, labels)]


def _detections(
    detector: Detector, source: VideoSource, wanted: list[int], threshold: float
) -> Iterator[tuple[int, list[Detection]]]:
    """Detections on the wanted frames, run by run, in frame order."""
    history = detector.history_frames
    for first, last in frame_runs(wanted, history, source.probed.keyframe_indices):
        in_run = set(wanted[bisect_left(wanted, first) : bisect_right(wanted, last)])
        frames = video.iter_frames(source.path, source.probed, max(0, first - history), last)
        yield from detector.detect(frames, in_run, threshold)


def frame_runs(
    wanted: list[int], history_frames: int, keyframes: npt.NDArray[np.int64]
) -> list[tuple[int, int]]:
    """(first, last) wanted frame of each run of the sorted ``wanted`` frames.

    A run ends before a wanted frame when a keyframe lies after the previous wanted frame
    and at or before the start of this one's history: seeking there decodes less than going
    on. Otherwise the frames in between are decoded anyway, and serve as history.
    """
    runs: list[tuple[int, int]] = []
    first = previous = wanted[0]
    for frame in wanted[1:]:
        start = frame - history_frames
        at = int(np.searchsorted(keyframes, start, side="right")) - 1
        if at >= 0 and int(keyframes[at]) > previous:
            runs.append((first, previous))
            first = frame
        previous = frame
    runs.append((first, previous))
    return runs


def _wanted(label: str, labels: set[str]) -> bool:
    return not labels or label.casefold() in labels


def _outside_message(outside: list[int], frame_count: int) -> str:
    shown = ", ".join(str(frame) for frame in outside[:10])
    more = f" and {len(outside) - 10} more" if len(outside) > 10 else ""
    return (
        f"frames {shown}{more} are outside the video, which has {frame_count} frames "
        f"(0 to {frame_count - 1})"
    )
