"""Time video ingest (``probe`` + ``write_thumbnails``) against a full decode by ffmpeg.

Run as ``PYTHONPATH=src python bench/media_speed.py``. Makes a synthetic 30,000-frame H.264
video (320x240, 25 fps, B-frames, a keyframe every 250 frames) in a temporary folder: a
1,000-frame ``testsrc2`` clip encoded by the imageio-ffmpeg binary, then looped 30 times by
stream copy, so frame n decodes to exactly the picture of the clip's frame n mod 1000. Then,
in the same run:

(a) ingest: ``probe`` then ``write_thumbnails``;
(b) baseline: ``ffmpeg -v error -i FILE -f null -``, a full decode of every frame;
(c) ``FrameReader.encode(n)`` latency (JPEG, full size) for 200 random frames: p50, p99.

Prints each, the ratio ingest/baseline, and checks that the reader returns the right picture
for 50 random frames. Exits with status 1 when the ratio is MAX_RATIO or more or a frame is
wrong.
"""

from __future__ import annotations

import functools
import hashlib
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import av
import imageio_ffmpeg  # type: ignore[import-untyped]
import numpy as np

from fovea.media import FrameReader, ProbeResult, probe, write_thumbnails

CLIP_FRAMES = 1_000
LOOPS = 30
FRAME_COUNT = CLIP_FRAMES * LOOPS
SIZE = "320x240"
RANDOM_FRAMES = 200
CHECKED_FRAMES = 50
MAX_RATIO = 1.0
FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()


def run_ffmpeg(*arguments: str) -> None:
    subprocess.run([FFMPEG, "-v", "error", "-y", *arguments], check=True)


def make_long_video(directory: Path) -> tuple[Path, Path]:
    """The 1,000-frame clip and the 30,000-frame video made by looping it."""
    clip, video = directory / "clip.mp4", directory / "long.mp4"
    source = f"testsrc2=size={SIZE}:rate=25"
    encode = ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"]
    run_ffmpeg("-f", "lavfi", "-i", source, "-frames:v", str(CLIP_FRAMES), *encode, str(clip))
    run_ffmpeg("-stream_loop", str(LOOPS - 1), "-i", str(clip), "-c", "copy", str(video))
    return clip, video


def timed(action: Callable[[], object]) -> float:
    """Seconds ``action()`` takes."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def frame_hashes(path: Path) -> list[str]:
    """SHA-256 of every decoded RGB frame of ``path``, in order."""
    with av.open(str(path)) as container:
        return [
            hashlib.sha256(frame.to_ndarray(format="rgb24").tobytes()).hexdigest()
            for frame in container.decode(video=0)
        ]


def measure_ingest(video: Path, out_dir: Path) -> tuple[ProbeResult, float]:
    """Print ingest and baseline times; the probe result and the ratio ingest/baseline."""
    probe_s = timed(lambda: probe(video))
    result = probe(video)
    assert result.frame_count == FRAME_COUNT, result.frame_count
    thumbnails_s = timed(lambda: write_thumbnails(video, result, out_dir))
    ingest_s = probe_s + thumbnails_s
    baseline_s = timed(lambda: run_ffmpeg("-i", str(video), "-f", "null", "-"))
    ratio = ingest_s / baseline_s
    print(f"ingest   {ingest_s:7.3f} s (probe {probe_s:.3f} s + thumbnails {thumbnails_s:.3f} s)")
    print(f"baseline {baseline_s:7.3f} s (ffmpeg full decode to null)")
    print(f"ratio    {ratio:7.3f} (ingest / baseline, must stay below {MAX_RATIO})")
    return result, ratio


def measure_encode(video: Path, result: ProbeResult, rng: random.Random) -> None:
    """Print the p50 and p99 latency of ``FrameReader.encode`` on random frames."""
    latencies_ms = []
    with FrameReader(video, result) as reader:
        for frame in rng.sample(range(FRAME_COUNT), RANDOM_FRAMES):
            latencies_ms.append(timed(functools.partial(reader.encode, frame)) * 1000)
    p50, p99 = np.percentile(latencies_ms, [50, 99])
    print(f"encode   p50 {p50:.1f} ms, p99 {p99:.1f} ms ({RANDOM_FRAMES} random frames, JPEG)")


def count_wrong_frames(video: Path, clip: Path, result: ProbeResult, rng: random.Random) -> int:
    """How many of CHECKED_FRAMES random frames differ from the clip's frame n mod 1000."""
    expected = frame_hashes(clip)
    wrong = 0
    with FrameReader(video, result, cache_frames=0) as reader:
        for frame in rng.sample(range(FRAME_COUNT), CHECKED_FRAMES):
            digest = hashlib.sha256(reader.frame_rgb(frame).tobytes()).hexdigest()
            wrong += digest != expected[frame % CLIP_FRAMES]
    print(f"checked  {CHECKED_FRAMES} random frames against the clip: {wrong} wrong")
    return wrong


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="fovea-media-bench-") as folder:
        directory = Path(folder)
        started = time.perf_counter()
        clip, video = make_long_video(directory)
        print(f"made {FRAME_COUNT} frames ({SIZE}) in {time.perf_counter() - started:.1f} s")
        result, ratio = measure_ingest(video, directory / "thumbnails")
        rng = random.Random(7)
        measure_encode(video, result, rng)
        wrong = count_wrong_frames(video, clip, result, rng)
    return 1 if ratio >= MAX_RATIO or wrong else 0


if __name__ == "__main__":
    sys.exit(main())
