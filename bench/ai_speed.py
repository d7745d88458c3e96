"""Time the default CPU AI: video summaries, sentence embeddings and transcription.

Run as ``.venv/bin/python bench/ai_speed.py`` (about a minute and a half on 2 cores). Makes
a synthetic 1-minute 640x360 25 fps H.264 video in a temporary folder: six 10 s shots
(solid colour scenes, each with a shape gliding across) and the committed speech clip
(``tests/fixtures/speech/red-car.wav``, 5.5 s) muxed in as AAC at the start of every shot.
Then, with one model manager on the CPU:

(a) summary: ``run_summarization`` with the storyboard, transcription and detection, once
    cold (models load) and once warm; seconds per minute of video and per stage;
(b) embeddings: all-MiniLM-L6-v2 sentences per second at batch 1 and at batch 64;
(c) transcription: Whisper tiny.en's real-time factor (seconds of compute per second of
    audio) on the committed clip, the best of three warm runs.

Exits with status 1 when a warm summary takes MAX_SUMMARY_S_PER_MIN or more per minute of
video (slower than real time) or the transcription real-time factor is MAX_TRANSCRIPTION_RTF
or more.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
import uuid
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np
import numpy.typing as npt

from fovea.inference.catalogue import load_catalogue
from fovea.inference.contract import (
    NoProgress,
    PersonaContext,
    SummarizationResult,
    SummarizationSpec,
    VideoRef,
)
from fovea.inference.registry import ModelManager, load_model_config
from fovea.inference.tasks.summarize import run_summarization
from fovea.inference.tasks.transcribe import transcribe_video

SPEECH = Path(__file__).parents[1] / "tests" / "fixtures" / "speech" / "red-car.wav"
SPEECH_S = 5.524
SIZE_WH = (640, 360)
FPS = 25
SHOT_S = 10
SHOTS = 6
SAMPLE_RATE_HZ = 16_000
COLOURS_BGR = [
    (40, 40, 200),
    (200, 90, 30),
    (60, 170, 60),
    (30, 200, 220),
    (160, 60, 160),
    (90, 90, 90),
]
MAX_SUMMARY_S_PER_MIN = 60.0
MAX_TRANSCRIPTION_RTF = 0.5
PERSONA = PersonaContext(
    role="Security analyst watching a site entrance",
    information_need="Which vehicles stop at the gate and who walks to the door",
)


def make_minute(path: Path) -> None:
    """The 1-minute benchmark video (see the module docstring)."""
    frame_count = SHOTS * SHOT_S * FPS
    with av.open(str(path), mode="w") as container:
        video = container.add_stream("libx264", rate=FPS, options={"preset": "veryfast"})
        video.width, video.height = SIZE_WH
        video.pix_fmt = "yuv420p"
        audio = container.add_stream("aac", rate=SAMPLE_RATE_HZ, layout="mono")
        packets = []
        for index in range(frame_count):
            packets += video.encode(av.VideoFrame.from_ndarray(scene(index), format="bgr24"))
        packets += video.encode(None)
        packets += encode_audio(audio, soundtrack(frame_count / FPS))
        packets.sort(key=lambda p: float((p.dts or 0) * p.time_base) if p.time_base else 0.0)
        container.mux(packets)


def scene(index: int) -> npt.NDArray[np.uint8]:
    shot, offset = divmod(index, SHOT_S * FPS)
    width, height = SIZE_WH
    image = np.empty((height, width, 3), dtype=np.uint8)
    image[:] = COLOURS_BGR[shot % len(COLOURS_BGR)]
    x = 40 + offset * (width - 160) // (SHOT_S * FPS)
    cv2.rectangle(image, (x, height // 2 - 40), (x + 80, height // 2 + 40), (240, 240, 240), -1)
    return image


def soundtrack(duration_s: float) -> npt.NDArray[np.int16]:
    """Silence with the speech clip starting at every shot."""
    with av.open(str(SPEECH)) as source:
        speech = np.concatenate([f.to_ndarray().ravel() for f in source.decode(audio=0)])
    track = np.zeros(round(duration_s * SAMPLE_RATE_HZ), dtype=np.int16)
    for shot in range(SHOTS):
        start = (shot * SHOT_S + 1) * SAMPLE_RATE_HZ
        track[start : start + len(speech)] = speech
    return track


def encode_audio(
    stream: av.audio.stream.AudioStream, samples: npt.NDArray[np.int16]
) -> list[av.Packet]:
    packets = []
    for start in range(0, len(samples), 1024):
        frame = av.AudioFrame.from_ndarray(
            samples[None, start : start + 1024], format="s16", layout="mono"
        )
        frame.sample_rate, frame.pts = SAMPLE_RATE_HZ, start
        frame.time_base = Fraction(1, SAMPLE_RATE_HZ)
        packets += stream.encode(frame)
    return packets + stream.encode(None)


def summarize(models: ModelManager, video: Path) -> tuple[float, SummarizationResult]:
    spec = SummarizationSpec(video_id=uuid.uuid4(), video=VideoRef(uri=str(video)), persona=PERSONA)
    started = time.perf_counter()
    result = asyncio.run(run_summarization(spec, NoProgress(), models))
    return time.perf_counter() - started, result


def measure_summary(models: ModelManager, video: Path) -> float:
    """Print cold and warm summary times; the warm seconds per minute of video."""
    cold_s, _ = summarize(models, video)
    warm_s, result = summarize(models, video)
    minutes = SHOTS * SHOT_S / 60
    stages = ", ".join(f"{stage} {took:.2f}" for stage, took in result.timings_s.items())
    print(f"summary  cold {cold_s:6.2f} s, warm {warm_s:6.2f} s per {minutes:.0f} min of video")
    print(f"         warm stages (s): {stages}")
    print(
        f"         {len(result.shots)} shots, {len(result.key_frames)} key frames, "
        f"{len(result.transcript.segments) if result.transcript else 0} speech segments"
    )
    return warm_s / minutes


def measure_embeddings(models: ModelManager) -> None:
    texts = [entry.text for entry in load_catalogue()]
    with models.lease("embedding") as embedder:
        embedder.embed(texts[:8])  # warm up
        started = time.perf_counter()
        for text in texts[:100]:
            embedder.embed([text])
        single = 100 / (time.perf_counter() - started)
        batches = [texts[i : i + 64] for i in range(0, 320, 64)]
        started = time.perf_counter()
        for batch in batches:
            embedder.embed(batch)
        batched = 320 / (time.perf_counter() - started)
    print(
        f"embed    {single:6.0f} sentences/s at batch 1, {batched:6.0f} at batch 64 "
        f"(catalogue texts, {np.mean([len(t) for t in texts]):.0f} characters on average)"
    )


def measure_transcription(models: ModelManager) -> float:
    transcribe_video(models, uuid.uuid4(), SPEECH, "en")  # warm up
    runs_s = []
    for _ in range(3):
        started = time.perf_counter()
        transcribe_video(models, uuid.uuid4(), SPEECH, "en")
        runs_s.append(time.perf_counter() - started)
    factor = min(runs_s) / SPEECH_S
    took = f"{min(runs_s):.2f} s for {SPEECH_S:.1f} s of speech"
    print(f"whisper  real-time factor {factor:.3f} ({took})")
    return factor


def main() -> int:
    print(f"CPU cores: {os.cpu_count()}")
    models = ModelManager(load_model_config(), "cpu", 4 * 1024**3)
    with tempfile.TemporaryDirectory(prefix="fovea-ai-bench-") as folder:
        video = Path(folder) / "minute.mp4"
        started = time.perf_counter()
        make_minute(video)
        made_s = time.perf_counter() - started
        print(f"made     {SHOTS * SHOT_S} s of {SIZE_WH[0]}x{SIZE_WH[1]} video in {made_s:.1f} s")
        per_minute_s = measure_summary(models, video)
    measure_embeddings(models)
    factor = measure_transcription(models)
    slow = per_minute_s >= MAX_SUMMARY_S_PER_MIN or factor >= MAX_TRANSCRIPTION_RTF
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
