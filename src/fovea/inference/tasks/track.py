"""Object tracking over a frame range (the ``object-tracking`` job, POST /api/track).

Two ways, by whether the spec carries a seed box:

- **seeded**: the ``single_object_tracking`` option (``tracker``, or the selected one)
  follows the drawn box from its frame to ``end_frame``: one track, labelled ``label`` or
  "object". The seed frame must lie in [start_frame, end_frame].
- **tracking by detection**: the detection option ``detector`` (default "motion") runs on
  every frame of [start_frame, end_frame] (with its history frames before), keeping boxes
  that pass ``threshold`` and ``query``; then the ``tracking`` option (``tracker``, or the
  selected one) links them into tracks.

Track ids are renumbered 1..n in order of first appearance; a track's confidence is the mean
of its boxes'. Progress stages are "detecting" and "tracking". A seeded tracker runs in one
worker-thread call that counts the frames it has read, and progress is polled from that count
every ``PROGRESS_EVERY_S``; if reporting progress raises (the job was cancelled), the tracker
stops at its next frame.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from statistics import fmean
from typing import TypeVar

from fovea.errors import InvalidInput
from fovea.inference import video
from fovea.inference.backends.base import (
    Image,
    MultiObjectTracker,
    Seed,
    SingleObjectTracker,
    Track,
    TrackedBox,
)
from fovea.inference.contract import (
    Progress,
    SeedBox,
    TrackBox,
    TrackingResult,
    TrackingSpec,
    TrackOut,
)
from fovea.inference.registry import ModelManager
from fovea.inference.tasks.detect import VideoSource, detect_frames, open_video

DEFAULT_DETECTOR = "motion"
PROGRESS_EVERY_S = 0.5
T = TypeVar("T")


async def run_tracking(
    spec: TrackingSpec, progress: Progress, models: ModelManager
) -> TrackingResult:
    started = time.perf_counter()
    _check_range(spec)
    source = await open_video(spec.video.uri)
    frame_count = source.probed.frame_count
    if spec.end_frame >= frame_count:
        raise InvalidInput(
            f"end_frame {spec.end_frame} is outside the video, which has {frame_count} frames "
            f"(0 to {frame_count - 1})"
        )
    timings_s = {"video": round(time.perf_counter() - started, 3)}
    if spec.box is not None:
        outcome = await _seeded(spec, spec.box, source, progress, models, timings_s)
    else:
        outcome = await _by_detection(spec, source, progress, models, timings_s)
    tracker, detector, frames_processed, tracks = outcome
    timings_s["total"] = round(time.perf_counter() - started, 3)
    return TrackingResult(
        video_id=spec.video_id,
        tracker=tracker,
        detector=detector,
        frame_count=frame_count,
        width=source.probed.width,
        height=source.probed.height,
        start_frame=spec.start_frame,
        end_frame=spec.end_frame,
        frames_processed=frames_processed,
        tracks=renumbered(tracks),
        timings_s=timings_s,
    )


def _check_range(spec: TrackingSpec) -> None:
    if spec.end_frame < spec.start_frame:
        raise InvalidInput(f"end_frame {spec.end_frame} is before start_frame {spec.start_frame}")
    if spec.box is not None and not spec.start_frame <= spec.box.frame <= spec.end_frame:
        raise InvalidInput(
            f"the seed box is on frame {spec.box.frame}, outside the tracked range "
            f"{spec.start_frame} to {spec.end_frame}"
        )


_Outcome = tuple[str, str | None, int, list[Track]]
"""Tracking option, detection option (None when seeded), frames processed, tracks."""


async def _by_detection(
    spec: TrackingSpec,
    source: VideoSource,
    progress: Progress,
    models: ModelManager,
    timings_s: dict[str, float],
) -> _Outcome:
    detector = models.option("detection", spec.detector or DEFAULT_DETECTOR).name
    tracker = models.option("tracking", spec.tracker).name
    wanted = list(range(spec.start_frame, spec.end_frame + 1))
    found = await detect_frames(
        models, detector, source, wanted, spec.threshold, spec.query, progress
    )
    timings_s.update(found.timings_s)
    detections = sorted(found.by_frame.items())
    await progress.progress("tracking", 0.0)
    started = time.perf_counter()

    def linked() -> list[Track]:
        with models.lease("tracking", tracker) as model:
            multi: MultiObjectTracker = model
            return multi.track(detections, source.fps)

    tracks = await asyncio.to_thread(linked)
    timings_s["track"] = round(time.perf_counter() - started, 3)
    await progress.progress("tracking", 100.0)
    return tracker, detector, len(detections), tracks


async def _seeded(
    spec: TrackingSpec,
    box: SeedBox,
    source: VideoSource,
    progress: Progress,
    models: ModelManager,
    timings_s: dict[str, float],
) -> _Outcome:
    tracker = models.option("single_object_tracking", spec.tracker).name
    seed = _seed_in_frame(box, source.probed.width, source.probed.height)
    started = time.perf_counter()
    await asyncio.to_thread(models.load, "single_object_tracking", tracker)
    timings_s["load"] = round(time.perf_counter() - started, 3)
    meter = _Meter(spec.end_frame - seed.frame + 1)

    def followed() -> list[TrackedBox]:
        frames = video.iter_frames(source.path, source.probed, seed.frame, spec.end_frame)
        with models.lease("single_object_tracking", tracker) as model:
            single: SingleObjectTracker = model
            return single.follow(meter.counted(frames), seed)

    started = time.perf_counter()
    boxes = await _polled(followed, meter, progress, "tracking")
    timings_s["track"] = round(time.perf_counter() - started, 3)
    track = Track(track_id=1, label=spec.label or "object", boxes=boxes)
    return tracker, None, meter.count, [track] if boxes else []


def _seed_in_frame(box: SeedBox, width: int, height: int) -> Seed:
    """The seed cut to the frame; InvalidInput when nothing of it is inside."""
    left, top = max(0.0, box.x), max(0.0, box.y)
    right, bottom = min(float(width), box.x + box.w), min(float(height), box.y + box.h)
    if right - left < 1 or bottom - top < 1:
        raise InvalidInput(
            f"the seed box (x={box.x}, y={box.y}, w={box.w}, h={box.h}) is outside the "
            f"{width}x{height} frame"
        )
    return Seed(frame=box.frame, x=left, y=top, w=right - left, h=bottom - top)


def renumbered(tracks: list[Track]) -> list[TrackOut]:
    """Wire tracks with ids 1..n in order of first appearance (ties: the tracker's order)."""
    ordered = sorted(
        (track for track in tracks if track.boxes), key=lambda track: track.boxes[0].frame
    )
    return [
        TrackOut(
            track_id=number,
            label=track.label,
            confidence=min(1.0, max(0.0, fmean(box.confidence for box in track.boxes))),
            boxes=[
                TrackBox(frame=b.frame, x=b.x, y=b.y, w=b.w, h=b.h, confidence=b.confidence)
                for b in sorted(track.boxes, key=lambda b: b.frame)
            ],
        )
        for number, track in enumerate(ordered, start=1)
    ]


class _Meter:
    """Frames read by a worker thread, and a flag asking it to stop."""

    def __init__(self, total: int) -> None:
        self.total = max(1, total)
        self.count = 0
        self.stop = threading.Event()

    @property
    def percent(self) -> float:
        return min(100.0, 100.0 * self.count / self.total)

    def counted(self, frames: Iterable[tuple[int, Image]]) -> Iterator[tuple[int, Image]]:
        """``frames``, counted, ending early once ``stop`` is set."""
        for item in frames:
            if self.stop.is_set():
                return
            self.count += 1
            yield item


async def _polled(work: Callable[[], T], meter: _Meter, progress: Progress, stage: str) -> T:
    """Run ``work`` in a worker thread, reporting ``meter``'s progress while it runs."""
    running = asyncio.ensure_future(asyncio.to_thread(work))
    # If we stop waiting (cancelled), the thread's late error must not be reported as lost.
    running.add_done_callback(lambda future: future.cancelled() or future.exception())
    try:
        while True:
            done, _ = await asyncio.wait({running}, timeout=PROGRESS_EVERY_S)
            if done:
                result = running.result()
                await progress.progress(stage, 100.0)
                return result
            await progress.progress(stage, meter.percent)
    except BaseException:
        meter.stop.set()  # the thread ends at its next frame; its result is not wanted
        raise
