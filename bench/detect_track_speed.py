"""Time detection and tracking on the CPU against the video's own frame rate.

Run as ``.venv/bin/python bench/detect_track_speed.py``. Writes the ``CROSSING`` scene of
``tests/inference/scenes.py`` (three textured boxes on a textured background, 25 fps) at
640x360 and at 1280x720 in a temporary folder, then times, through the same task functions
the model service runs (decoding included, models loaded beforehand):

- motion + ByteTrack: ``run_tracking`` over every frame (MOG2 analyses at 640 px wide);
- motion alone: ``run_detection`` on every frame;
- HOG people: ``run_detection`` on HOG_FRAMES frames spread over the video (every sixth:
  the frames between are decoded too); it analyses at 960 px wide at most;
- CSRT: ``run_tracking`` seeded with one object's true box, to the last frame.

Each is run REPEATS times and the fastest run counts. Prints frames per second and the ratio
to the video's 25 fps (above 1: faster than real time). Finishes in about a minute on a
two-core laptop; exits 0 (it measures, it does not judge).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script: make `tests.inference.scenes` importable

from tests.inference.scenes import Scene, make_scene  # noqa: E402

from fovea.inference.contract import (  # noqa: E402
    DetectionSpec,
    NoProgress,
    TrackingSpec,
    VideoRef,
)
from fovea.inference.registry import ModelManager, load_model_config  # noqa: E402
from fovea.inference.tasks.detect import run_detection  # noqa: E402
from fovea.inference.tasks.track import run_tracking  # noqa: E402

SIZES_WH = ((640, 360), (1280, 720))
FRAME_COUNT = 150
FPS = 25
HOG_FRAMES = 25
REPEATS = 2
SEEDED_OBJECT = 3  # the front one of the crossing pair

Run = Callable[[], Coroutine[Any, Any, object]]


def timed(run: Run) -> float:
    """Seconds the fastest of REPEATS runs of the coroutine ``run()`` takes (the others are
    slowed by whatever else the machine was doing)."""
    seconds = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        asyncio.run(run())
        seconds.append(time.perf_counter() - started)
    return min(seconds)


def report(name: str, size_wh: tuple[int, int], frames: int, seconds: float) -> None:
    fps = frames / seconds
    size = f"{size_wh[0]}x{size_wh[1]}"
    print(
        f"{name:22s} {size:>9s} {frames:5d} frames {seconds:6.2f} s {fps:7.1f} fps "
        f"{fps / FPS:6.2f}x real time"
    )


def measure(models: ModelManager, scene: Scene) -> None:
    video = VideoRef(uri=str(scene.path))
    last = scene.frame_count - 1

    def tracking(**options: object) -> Run:
        spec = TrackingSpec.model_validate({"video_id": uuid.uuid4(), "video": video, **options})
        return lambda: run_tracking(spec, NoProgress(), models)

    def detection(frames: list[int], detector: str) -> Run:
        spec = DetectionSpec(video_id=uuid.uuid4(), video=video, frames=frames, detector=detector)
        return lambda: run_detection(spec, NoProgress(), models)

    every = list(range(scene.frame_count))
    seconds = timed(tracking(start_frame=0, end_frame=last))
    report("motion + bytetrack", scene.size_wh, scene.frame_count, seconds)
    report("motion", scene.size_wh, scene.frame_count, timed(detection(every, "motion")))
    spread = every[:: scene.frame_count // HOG_FRAMES][:HOG_FRAMES]
    seconds = timed(detection(spread, "people"))
    report(f"hog people (1/{spread[1]})", scene.size_wh, len(spread), seconds)
    x, y, w, h = scene.truth[SEEDED_OBJECT][0]
    seed = {"frame": 0, "x": x, "y": y, "w": w, "h": h}
    seconds = timed(tracking(start_frame=0, end_frame=last, box=seed))
    report("csrt (seeded)", scene.size_wh, scene.frame_count, seconds)


def main() -> int:
    models = ModelManager(load_model_config(), "cpu", 4 * 1024**3)
    for task, option in (
        ("detection", "motion"),
        ("detection", "people"),
        ("tracking", None),
        ("single_object_tracking", None),
    ):
        models.load(task, option)
    with tempfile.TemporaryDirectory(prefix="fovea-vision-bench-") as folder:
        for size_wh in SIZES_WH:
            started = time.perf_counter()
            path = Path(folder) / f"crossing-{size_wh[0]}.mp4"
            scene = make_scene(path, size_wh=size_wh, frame_count=FRAME_COUNT, fps=FPS)
            print(
                f"made {FRAME_COUNT} frames at {size_wh[0]}x{size_wh[1]}, {FPS} fps, "
                f"in {time.perf_counter() - started:.1f} s"
            )
            measure(models, scene)
    return 0


if __name__ == "__main__":
    sys.exit(main())
