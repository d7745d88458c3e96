"""Synthetic videos with known shots and known speech, for the language and summary tests.

``make_shots_video`` writes an H.264 MP4 whose shots are solid-colour scenes, each with a
shape of another colour gliding across it, cut at known frames; ``SHOT_SCENES`` lists the
scenes. With ``speech`` it also muxes a WAV file in as an AAC track, after ``lead_silence_s``
of silence (so speech starts at a known time). ``SPEECH`` is the committed espeak-ng clip,
``SPEECH_TEXT`` what it says, and ``word_error_rate`` scores a transcript against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Final

import av
import cv2
import numpy as np
import numpy.typing as npt

SPEECH: Final = Path(__file__).parents[1] / "fixtures" / "speech" / "red-car.wav"
SPEECH_TEXT: Final = "The red car stops at the gate. A man in a blue coat walks to the door."
SAMPLE_RATE_HZ: Final = 16_000

BgrImage = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class Scene:
    """A solid background and a shape moving left to right across it (BGR colours)."""

    background_bgr: tuple[int, int, int]
    shape_bgr: tuple[int, int, int]
    circle: bool


SHOT_SCENES: Final = (
    Scene((40, 40, 200), (240, 240, 240), circle=True),  # red, a white disc
    Scene((200, 90, 30), (0, 220, 255), circle=False),  # blue, a yellow square
    Scene((60, 170, 60), (30, 30, 30), circle=True),  # green, a dark disc
)


def make_shots_video(
    path: Path,
    cuts: tuple[int, ...],
    frame_count: int,
    *,
    size_wh: tuple[int, int] = (320, 180),
    fps: int = 25,
    speech: Path | None = None,
    lead_silence_s: float = 0.0,
) -> None:
    """A video of ``frame_count`` frames whose shot n starts at frame ``cuts[n - 1]``."""
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("libx264", rate=fps, options={"preset": "veryfast"})
        stream.width, stream.height = size_wh
        stream.pix_fmt = "yuv420p"
        audio = _add_audio(container) if speech is not None else None
        packets = []
        for index in range(frame_count):
            image = shot_frame(index, cuts, frame_count, size_wh)
            packets += stream.encode(av.VideoFrame.from_ndarray(image, format="bgr24"))
        packets += stream.encode(None)
        if audio is not None and speech is not None:
            packets += _encode_audio(audio, _speech_samples(speech, lead_silence_s))
        packets.sort(key=lambda p: float((p.dts or 0) * p.time_base) if p.time_base else 0.0)
        container.mux(packets)


def shot_frame(
    index: int, cuts: tuple[int, ...], frame_count: int, size_wh: tuple[int, int]
) -> BgrImage:
    """Frame ``index``: its shot's background, the shape at its place along its path."""
    shot = sum(index >= cut for cut in cuts)
    scene = SHOT_SCENES[shot % len(SHOT_SCENES)]
    starts = (0, *cuts, frame_count)
    progress = (index - starts[shot]) / max(1, starts[shot + 1] - starts[shot] - 1)
    width, height = size_wh
    image = np.empty((height, width, 3), dtype=np.uint8)
    image[:] = scene.background_bgr
    side = height // 4
    x, y = int(side + progress * (width - 3 * side)), height // 2 - side // 2 + shot * 8
    if scene.circle:
        cv2.circle(image, (x + side // 2, y + side // 2), side // 2, scene.shape_bgr, -1)
    else:
        cv2.rectangle(image, (x, y), (x + side, y + side), scene.shape_bgr, -1)
    return image


def _add_audio(container: av.container.OutputContainer) -> av.audio.stream.AudioStream:
    stream = container.add_stream("aac", rate=SAMPLE_RATE_HZ, layout="mono")
    stream.bit_rate = 64_000
    return stream


def _speech_samples(speech: Path, lead_silence_s: float) -> npt.NDArray[np.int16]:
    """The clip's 16 kHz mono samples after ``lead_silence_s`` of silence."""
    with av.open(str(speech)) as source:
        samples = np.concatenate([f.to_ndarray().ravel() for f in source.decode(audio=0)])
    silence = np.zeros(round(lead_silence_s * SAMPLE_RATE_HZ), dtype=np.int16)
    return np.concatenate([silence, samples.astype(np.int16)])


def _encode_audio(
    stream: av.audio.stream.AudioStream, samples: npt.NDArray[np.int16]
) -> list[av.Packet]:
    packets = []
    chunk = 1024
    for start in range(0, len(samples), chunk):
        piece = samples[start : start + chunk]
        frame = av.AudioFrame.from_ndarray(piece.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = SAMPLE_RATE_HZ
        frame.pts = start
        frame.time_base = Fraction(1, SAMPLE_RATE_HZ)
        packets += stream.encode(frame)
    return packets + stream.encode(None)


def speech_onset_s(path: Path = SPEECH) -> float:
    """When the clip's speech starts: the first 10 ms window above 5% of the loudest."""
    with av.open(str(path)) as source:
        samples = np.concatenate([f.to_ndarray().ravel() for f in source.decode(audio=0)])
    window = SAMPLE_RATE_HZ // 100
    levels = np.abs(samples[: len(samples) // window * window].astype(np.float64))
    levels = levels.reshape(-1, window).mean(axis=1)
    return float(np.flatnonzero(levels > 0.05 * levels.max())[0]) / 100


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def word_error_rate(reference: str, hypothesis: str) -> float:
    """(substitutions + deletions + insertions) / reference words, by edit distance."""
    ref, hyp = words(reference), words(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, ref_word in enumerate(ref, start=1):
        previous, row[0] = row[0], i
        for j, hyp_word in enumerate(hyp, start=1):
            previous, row[j] = (
                row[j],
                min(row[j] + 1, row[j - 1] + 1, previous + (ref_word != hyp_word)),
            )
    return row[-1] / max(1, len(ref))
