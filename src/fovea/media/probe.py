"""``probe``: a video's streams and its exact frame table, from demuxed packets.

The frame table comes from the packets of the video stream, never from container metadata
and never from decoding every frame: every packet with a timestamp is one frame, and sorting
the packets' presentation timestamps (pts) gives presentation order, so frame n is the
packet with the n-th smallest pts. This handles B-frames (decode order differs from
presentation order) and variable frame rate. Packets the demuxer marks as discarded (the
part of a GOP an MP4 edit list cuts away) are left out, as decoders drop them too. A packet
without pts falls back to its dts, which is right for streams without B-frames (raw or AVI
streams); a packet with neither raises MediaError. Exactly one frame is decoded, to learn the
display rotation and to prove the stream decodes.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from fractions import Fraction
from pathlib import Path
from typing import Final, TypeVar

import av
import numpy as np
import numpy.typing as npt
from av.container import InputContainer
from av.packet import Packet
from av.video.stream import VideoStream

from fovea.media._container import open_input, video_stream
from fovea.media.errors import MediaError

_Scalar = TypeVar("_Scalar", bound=np.generic)

VFR_TOLERANCE_TICKS: Final = 2
"""Frame durations differing by at most this many time-base ticks still count as constant
(a 29.97 fps file in Matroska's 1 ms time base alternates 33 and 34 ms)."""

VFR_TOLERANCE_FRACTION: Final = 0.01
"""...or by at most this fraction of the median frame duration."""


@dataclass(frozen=True, slots=True)
class AudioStream:
    """One audio stream: codec name ("aac", "opus"), channel count, sample rate in Hz and
    ISO 639 language code (None when absent or "und")."""

    codec: str
    channels: int
    sample_rate_hz: int
    language: str | None


@dataclass(frozen=True, eq=False)
class ProbeResult:
    """What ``probe`` learnt about a video. See the package docstring for the timeline.

    ``frame_pts`` (int64, stream ticks), ``frame_times_s`` (float64 s) have one entry per
    frame in presentation order; ``keyframe_indices`` (int64) are the frames that start a
    decodable group. ``width``/``height`` are the decoded (coded) frame size in pixels, the
    space boxes are drawn in; ``rotation_deg`` is the clockwise rotation (0, 90, 180, 270) a
    player applies for display. ``duration_s`` is when the last frame ends on the same
    timeline as ``frame_times_s``. The arrays ``probe`` returns are read-only. Results
    compare equal field by field (arrays element by element) and are not hashable.
    """

    container: str
    codec: str
    width: int
    height: int
    rotation_deg: int
    duration_s: float
    frame_count: int
    avg_fps: float | None
    real_fps: float | None
    is_vfr: bool
    time_base: Fraction
    frame_pts: npt.NDArray[np.int64]
    frame_times_s: npt.NDArray[np.float64]
    keyframe_indices: npt.NDArray[np.int64]
    audio_streams: tuple[AudioStream, ...]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ProbeResult):
            return NotImplemented
        return all(_same(getattr(self, f.name), getattr(other, f.name)) for f in fields(self))


def _same(a: object, b: object) -> bool:
    """Equality that compares numpy arrays element by element."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and np.array_equal(a, b)
    return a == b


@dataclass(frozen=True, slots=True)
class _PacketTable:
    """The video packets in presentation order: pts, keyframe flags, durations (ticks)."""

    pts: npt.NDArray[np.int64]
    is_keyframe: npt.NDArray[np.bool_]
    duration: npt.NDArray[np.int64]


def probe(path: Path) -> ProbeResult:
    """Probe the video at ``path``; MediaError when it is not a readable video."""
    with open_input(path) as container:
        stream = video_stream(container, path.name)
        time_base = stream.time_base
        if time_base is None or time_base <= 0:
            raise MediaError(f"{path.name}: the video stream has no time base")
        table, rotation_deg = _read_packets(container, stream, path.name)
        return _result(container, stream, table, time_base, rotation_deg)


def _read_packets(
    container: InputContainer, stream: VideoStream, name: str
) -> tuple[_PacketTable, int]:
    """Demux every packet of ``stream``; decode only until the first frame comes out."""
    pts: list[int] = []
    keyframes: list[bool] = []
    durations: list[int] = []
    rotation_deg: int | None = None
    try:
        for packet in container.demux(stream):
            if packet.size == 0 or packet.is_discard:
                continue  # end-of-stream marker, or cut by an edit list
            timestamp = packet.pts if packet.pts is not None else packet.dts
            if timestamp is None:
                raise MediaError(f"{name}: a video packet has no timestamp (remux the file)")
            pts.append(timestamp)
            keyframes.append(packet.is_keyframe)
            durations.append(packet.duration or 0)
            if rotation_deg is None:
                rotation_deg = _decode_rotation(stream, packet)
    except av.error.FFmpegError as err:
        raise MediaError(f"{name}: the file is damaged ({err.strerror or err})") from err
    if not pts:
        raise MediaError(f"{name}: the video stream has no frames")
    if rotation_deg is None:
        rotation_deg = _decode_rotation(stream, None)
    if rotation_deg is None:
        raise MediaError(f"{name}: no frame of the {stream.codec.name} video could be decoded")
    return _sorted_table(pts, keyframes, durations), rotation_deg


def _decode_rotation(stream: VideoStream, packet: Packet[VideoStream] | None) -> int | None:
    """Feed ``packet`` (None: flush) to the decoder; the first frame's clockwise rotation.

    None while no frame has come out, or when the packet does not decode.
    """
    try:
        frames = stream.decode(packet)
    except av.error.FFmpegError:
        return None
    if not frames:
        return None
    return (-round(frames[0].rotation)) % 360  # FFmpeg's display matrix counts counterclockwise


def _sorted_table(pts: list[int], keyframes: list[bool], durations: list[int]) -> _PacketTable:
    """The packet columns reordered from decode order to presentation order (stable)."""
    pts_array = np.asarray(pts, dtype=np.int64)
    order = np.argsort(pts_array, kind="stable")
    return _PacketTable(
        pts=pts_array[order],
        is_keyframe=np.asarray(keyframes, dtype=np.bool_)[order],
        duration=np.asarray(durations, dtype=np.int64)[order],
    )


def _result(
    container: InputContainer,
    stream: VideoStream,
    table: _PacketTable,
    time_base: Fraction,
    rotation_deg: int,
) -> ProbeResult:
    """Assemble the ProbeResult from the stream's header and the packet table."""
    # ticks * numerator / denominator rounds once, so 0.04 s reads back as exactly 0.04.
    times_s = (table.pts * time_base.numerator).astype(np.float64) / time_base.denominator
    last_duration_s = _last_frame_duration_ticks(table, stream) * float(time_base)
    return ProbeResult(
        container=container.format.name,
        codec=stream.codec.name,
        width=stream.codec_context.width,
        height=stream.codec_context.height,
        rotation_deg=rotation_deg,
        duration_s=float(times_s[-1] + last_duration_s),
        frame_count=len(table.pts),
        avg_fps=_rate(stream.average_rate),
        real_fps=_rate(stream.base_rate) or _rate(stream.guessed_rate),
        is_vfr=_is_variable_rate(table.pts),
        time_base=time_base,
        frame_pts=_read_only(table.pts),
        frame_times_s=_read_only(times_s),
        keyframe_indices=_read_only(np.flatnonzero(table.is_keyframe).astype(np.int64)),
        audio_streams=tuple(_audio_stream(s) for s in container.streams.audio),
    )


def _last_frame_duration_ticks(table: _PacketTable, stream: VideoStream) -> float:
    """The last frame's duration in ticks: its packet's, else the median step, else 1/fps."""
    if table.duration[-1] > 0:
        return float(table.duration[-1])
    if len(table.pts) > 1:
        return float(np.median(np.diff(table.pts)))
    rate, time_base = stream.average_rate or stream.guessed_rate, stream.time_base
    if rate and time_base:
        return float(1 / (rate * time_base))
    return 0.0


def _is_variable_rate(frame_pts: npt.NDArray[np.int64]) -> bool:
    """Whether the steps between sorted ``frame_pts`` differ beyond rounding noise.

    The tolerance is the larger of VFR_TOLERANCE_TICKS ticks and VFR_TOLERANCE_FRACTION of
    the median step.
    """
    if len(frame_pts) < 3:
        return False
    steps = np.diff(frame_pts)
    tolerance_ticks = max(VFR_TOLERANCE_TICKS, VFR_TOLERANCE_FRACTION * float(np.median(steps)))
    return bool(steps.max() - steps.min() > tolerance_ticks)


def _read_only(array: npt.NDArray[_Scalar]) -> npt.NDArray[_Scalar]:
    """``array``, no longer writable (a ProbeResult is shared between threads)."""
    array.flags.writeable = False
    return array


def _rate(rate: Fraction | None) -> float | None:
    """A frame rate as float, None when unknown or zero."""
    return float(rate) if rate else None


def _audio_stream(stream: av.audio.stream.AudioStream) -> AudioStream:
    """The summary of one audio stream."""
    language = stream.language or stream.metadata.get("language")
    return AudioStream(
        codec=stream.codec.name,
        channels=stream.channels,
        sample_rate_hz=stream.sample_rate,
        language=None if language in (None, "", "und") else language,
    )
