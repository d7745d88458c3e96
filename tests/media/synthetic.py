"""Synthetic test videos whose every frame says which frame it is.

Frame n shows n as 16 large black/white cells (a 4x4 grid, most significant bit top left)
beside a fixed marker column (white, black, white, black from the top) that tells the reader
what "white" and "black" look like after compression and scaling::

    +---+---+---+---+---+
    | W |b15|b14|b13|b12|
    | B |b11|b10| b9| b8|
    | W | b7| b6| b5| b4|
    | B | b3| b2| b1| b0|
    +---+---+---+---+---+

Each cell is a fifth of the width and a quarter of the height, so the pattern survives
lossy encoding, odd sizes and downscaling to 160 px. Numbers up to 65,535 fit.

``make_video`` returns the ground truth: the presentation time in seconds of every frame,
taken from the timestamps written (1 ms ticks), not read back. Encoders:

- ``.mp4``/``.mov``/``.mkv``/``.ts`` use libx264 with a closed GOP of exactly ``gop``
  frames and, when ``bframes``, a fixed IBBP pattern (``bframes=2:b-adapt=0``: left to
  itself x264 chooses no B-frames at all for this abrupt content). Odd sizes are encoded as
  ``yuv444p`` (libx264 refuses to open for odd sizes in 4:2:0; browsers will not play
  4:4:4, which does not matter for tests), even sizes as ``yuv420p``.
- ``.webm`` uses libvpx-vp9 in ``yuv420p``, which accepts odd sizes.

Also here: ``make_audio_only`` (a file with no video stream) and ``make_corrupt_file``. An
empty file or a text file named ``.mp4`` need no helper.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from pathlib import Path
from typing import Any, Final

import av
import numpy as np
import numpy.typing as npt
from av.packet import Packet
from av.video.stream import VideoStream

GRID_COLUMNS: Final = 5
GRID_ROWS: Final = 4
DATA_BITS: Final = 16
MARKER: Final = (True, False, True, False)  # white, black, white, black, top to bottom
VFR_STEPS: Final = (1, 3)  # frame durations in 1/fps units, cycled, for vfr=True
TIME_BASE_PER_SECOND: Final = 1000  # ticks per second of the fine time base used for VFR

RgbImage = npt.NDArray[np.uint8]


def paint_number(number: int, size_wh: tuple[int, int]) -> RgbImage:
    """An HxWx3 uint8 image showing ``number`` (0..65535) as cells (see module docstring)."""
    if not 0 <= number < 1 << DATA_BITS:
        raise ValueError(f"{number} does not fit in {DATA_BITS} bits")
    width, height = size_wh
    cells = np.zeros((GRID_ROWS, GRID_COLUMNS), dtype=bool)
    cells[:, 0] = MARKER
    bits = [(number >> (DATA_BITS - 1 - i)) & 1 for i in range(DATA_BITS)]
    cells[:, 1:] = np.array(bits, dtype=bool).reshape(GRID_ROWS, GRID_COLUMNS - 1)
    rows = np.arange(height) * GRID_ROWS // height
    columns = np.arange(width) * GRID_COLUMNS // width
    white = cells[rows[:, None], columns[None, :]]
    image = np.where(white, 255, 0).astype(np.uint8)
    return np.repeat(image[:, :, None], 3, axis=2)


def read_painted_number(image_rgb: npt.NDArray[Any]) -> int:
    """The number painted into an HxWx3 frame, after lossy encoding and any scaling.

    Reads the mean of the central half of every cell and compares it with the marker
    column's white and black. Raises ``ValueError`` when the marker is not there (the image
    is not a painted frame, or is rotated or damaged).
    """
    grey = np.asarray(image_rgb, dtype=np.float64).mean(axis=2)
    height, width = grey.shape
    means = np.empty((GRID_ROWS, GRID_COLUMNS))
    for row in range(GRID_ROWS):
        for column in range(GRID_COLUMNS):
            top, bottom = _central_half(row, GRID_ROWS, height)
            left, right = _central_half(column, GRID_COLUMNS, width)
            means[row, column] = grey[top:bottom, left:right].mean()
    marker = means[:, 0]
    white_level = marker[list(MARKER)].min()
    black_level = marker[[not m for m in MARKER]].max()
    if white_level - black_level < 64:
        raise ValueError(f"no marker column (white {white_level:.0f}, black {black_level:.0f})")
    bits = means[:, 1:].ravel() > (white_level + black_level) / 2
    return int(sum(1 << (DATA_BITS - 1 - i) for i, bit in enumerate(bits) if bit))


def _central_half(cell: int, cells: int, pixels: int) -> tuple[int, int]:
    """Pixel range [start, stop) of the central half of cell ``cell`` out of ``cells``."""
    start, stop = cell * pixels / cells, (cell + 1) * pixels / cells
    quarter = (stop - start) / 4
    return int(start + quarter), max(int(start + quarter) + 1, int(stop - quarter))


def make_video(
    path: Path,
    *,
    frame_count: int = 48,
    size_wh: tuple[int, int] = (320, 240),
    fps: int = 25,
    codec: str = "h264",
    bframes: bool = True,
    vfr: bool = False,
    gop: int = 12,
    rotation_deg: int = 0,
) -> list[float]:
    """Write a video whose frame n shows n; return every frame's presentation time in s.

    The container comes from the suffix (.mp4, .mkv, .webm, .mov, .ts); ``codec`` is "h264" or
    "vp9" (.webm is always vp9). ``vfr`` gives frames durations of 1/fps and 3/fps in turn,
    through explicit timestamps in a 1 ms time base. Times start at 0.0. ``rotation_deg``
    stores a display rotation (clockwise, as ``ProbeResult.rotation_deg``) in the metadata;
    the coded frames stay upright.
    """
    codec = "vp9" if path.suffix == ".webm" else codec
    edges = _frame_ticks(frame_count + 1, fps, vfr)  # each frame's start, then the end
    duration_by_tick = {start: end - start for start, end in itertools.pairwise(edges)}
    with av.open(str(path), mode="w") as container:
        stream = _add_video_stream(container, codec, size_wh, fps, bframes=bframes, gop=gop)
        stream.codec_context.time_base = Fraction(1, TIME_BASE_PER_SECOND)
        if rotation_deg:
            stream.set_display_rotation(-rotation_deg)  # FFmpeg's angle is counterclockwise
        for number, (tick, duration) in enumerate(duration_by_tick.items()):
            frame = av.VideoFrame.from_ndarray(paint_number(number, size_wh), format="rgb24")
            frame = frame.reformat(format=stream.codec_context.pix_fmt)
            frame.pts, frame.duration = tick, duration
            frame.time_base = Fraction(1, TIME_BASE_PER_SECOND)
            container.mux(_with_durations(stream.encode(frame), duration_by_tick))
        container.mux(_with_durations(stream.encode(None), duration_by_tick))
    return [tick / TIME_BASE_PER_SECOND for tick in edges[:-1]]


def _with_durations(
    packets: list[Packet[VideoStream]], duration_by_tick: dict[int, int]
) -> list[Packet[VideoStream]]:
    """``packets`` with their true durations (encoders stamp 1/fps), in 1 ms ticks."""
    for packet in packets:
        if packet.pts is not None:
            packet.duration = duration_by_tick[packet.pts]
    return packets


def _frame_ticks(frame_count: int, fps: int, vfr: bool) -> list[int]:
    """Presentation time of every frame in 1 ms ticks; regular unless ``vfr``."""
    if TIME_BASE_PER_SECOND % fps:
        raise ValueError(f"fps {fps} does not divide {TIME_BASE_PER_SECOND}")
    step = TIME_BASE_PER_SECOND // fps
    ticks, tick = [], 0
    for number in range(frame_count):
        ticks.append(tick)
        tick += step * (VFR_STEPS[number % len(VFR_STEPS)] if vfr else 1)
    return ticks


def _add_video_stream(
    container: av.container.OutputContainer,
    codec: str,
    size_wh: tuple[int, int],
    fps: int,
    *,
    bframes: bool,
    gop: int,
) -> VideoStream:
    """A configured libx264 or libvpx-vp9 stream of ``size_wh`` pixels."""
    width, height = size_wh
    if codec == "h264":
        odd = width % 2 or height % 2
        # b-adapt=0 forces the B-frames x264 would otherwise skip on this abrupt content.
        x264 = f"bframes={2 if bframes else 0}:b-adapt=0:keyint={gop}:min-keyint={gop}:scenecut=0"
        options = {"preset": "veryfast", "crf": "20", "x264-params": x264}
        stream = container.add_stream("libx264", rate=fps, options=options)
        stream.pix_fmt = "yuv444p" if odd else "yuv420p"
    elif codec == "vp9":
        options = {"deadline": "realtime", "cpu-used": "8", "crf": "30", "b": "0"}
        stream = container.add_stream("libvpx-vp9", rate=fps, options=options)
        stream.pix_fmt = "yuv420p"
    else:
        raise ValueError(f"unknown codec {codec!r}: use 'h264' or 'vp9'")
    stream.width, stream.height = width, height
    stream.gop_size = gop
    if codec == "h264":
        stream.codec_context.max_b_frames = 2 if bframes else 0
    return stream


def make_audio_only(path: Path, *, duration_s: float = 1.0, sample_rate_hz: int = 48_000) -> None:
    """Write an audio-only file (AAC in .mp4/.m4a, Opus in .webm/.ogg) of a quiet tone."""
    with av.open(str(path), mode="w") as container:
        if path.suffix in {".webm", ".ogg"}:
            stream = container.add_stream("libopus", rate=sample_rate_hz, layout="mono")
        else:
            stream = container.add_stream("aac", rate=sample_rate_hz, layout="mono")
        samples_per_frame = 960
        total = int(duration_s * sample_rate_hz)
        for start in range(0, total, samples_per_frame):
            time_s = (start + np.arange(samples_per_frame)) / sample_rate_hz
            tone = (0.1 * np.sin(2 * np.pi * 440 * time_s)).astype(np.float32)[None, :]
            frame = av.AudioFrame.from_ndarray(tone, format="flt", layout="mono")
            frame.sample_rate = sample_rate_hz
            frame.pts = start
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))


def make_corrupt_file(path: Path) -> None:
    """Bytes that start like an MP4 (``ftyp``, then ``mdat`` claiming 1 MiB) but hold 4 KiB
    of noise and no ``moov``: FFmpeg refuses to open it."""
    ftyp = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"
    mdat_header = b"\x00\x10\x00\x00mdat"
    noise = np.random.default_rng(7).integers(0, 256, 4096, dtype=np.uint8).tobytes()
    path.write_bytes(ftyp + mdat_header + noise)
