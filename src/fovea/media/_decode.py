"""Decoding a chosen set of frames of one file, keyframes only where that suffices.

``decode_selected`` yields each wanted frame once, as soon as it is decoded, so a caller
can shrink it at once instead of holding a hundred full-size frames.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from pathlib import Path

import av
from av.container import InputContainer
from av.video.stream import VideoStream

from fovea.media._container import open_input, video_stream
from fovea.media.errors import MediaError
from fovea.media.probe import ProbeResult


def decode_selected(
    path: Path, container: InputContainer, probe: ProbeResult, frames: list[int]
) -> Iterator[tuple[int, av.VideoFrame]]:
    """Yield ``(index, decoded frame)`` once for each of ``frames``, in the order decoded.

    ``container`` is ``path`` freshly opened. When every frame asked for is a keyframe,
    only keyframes are decoded (``skip_frame`` NONKEY), seeking between distant ones; a
    demuxer that seeks late (MPEG-TS seeks by decode time) can miss some, which one
    in-order pass over a reopened ``path`` then finds, keyframes only still. Otherwise the
    video is decoded in order up to the last frame wanted. MediaError (after the frames
    found are yielded) when a frame cannot be decoded.
    """
    wanted = _Wanted(probe, frames)
    keyframes_only = wanted.frames <= {int(k) for k in probe.keyframe_indices}
    try:
        stream = video_stream(container, path.name)
        if keyframes_only:
            yield from _decode_keyframes(container, stream, probe, wanted)
        else:
            yield from _decode_in_order(container, stream, wanted, keyframes_only=False)
        if wanted.missing:
            with open_input(path) as again:
                stream = video_stream(again, path.name)
                yield from _decode_in_order(again, stream, wanted, keyframes_only=True)
    except av.error.FFmpegError as err:
        raise MediaError(f"{path.name}: decoding failed ({err})") from err
    if wanted.missing:
        raise MediaError(f"{path.name}: frames {sorted(wanted.missing)[:5]} could not be decoded")


class _Wanted:
    """The frames wanted, matched to decoded frames by pts; which are still missing."""

    def __init__(self, probe: ProbeResult, frames: list[int]) -> None:
        self.frames = set(frames)
        self.missing = set(frames)
        self._frame_of_pts = {int(probe.frame_pts[f]): f for f in self.frames}

    def take(self, decoded: av.VideoFrame) -> int | None:
        """The index of ``decoded`` if it is wanted and still missing (now found), else None."""
        frame = self._frame_of_pts.get(decoded.pts if decoded.pts is not None else -1)
        if frame is None or frame not in self.missing:
            return None
        self.missing.discard(frame)
        return frame


def _decode_in_order(
    container: InputContainer, stream: VideoStream, wanted: _Wanted, *, keyframes_only: bool
) -> Iterator[tuple[int, av.VideoFrame]]:
    """Decode from the start until every wanted frame is found or the file ends."""
    if keyframes_only:
        stream.codec_context.skip_frame = "NONKEY"
    stream.thread_type = "AUTO"
    for decoded in container.decode(stream):
        frame = wanted.take(decoded)
        if frame is not None:
            yield frame, decoded
            if not wanted.missing:
                return


def _decode_keyframes(
    container: InputContainer, stream: VideoStream, probe: ProbeResult, wanted: _Wanted
) -> Iterator[tuple[int, av.VideoFrame]]:
    """Decode the wanted keyframes only (``skip_frame`` NONKEY), in ascending order.

    The next keyframe in the file is reached by reading on; a farther one by a seek.
    """
    stream.codec_context.skip_frame = "NONKEY"
    keyframe_rank = {int(k): rank for rank, k in enumerate(probe.keyframe_indices)}
    previous_rank = -2
    for frame in sorted(wanted.frames):
        if frame not in wanted.missing:
            continue
        pts = int(probe.frame_pts[frame])
        if keyframe_rank[frame] != previous_rank + 1:
            container.seek(pts, stream=stream, backward=True)  # also flushes the decoder
        previous_rank = keyframe_rank[frame]
        reached = yield from _read_until(container, stream, wanted, pts)
        if not reached:
            previous_rank = -2  # at the end of the file: the next keyframe needs a seek


def _read_until(
    container: InputContainer, stream: VideoStream, wanted: _Wanted, pts: int
) -> Generator[tuple[int, av.VideoFrame], None, bool]:
    """Demux and decode, yielding wanted frames, until a frame at or after ``pts`` comes
    out; returns False at the end of the file."""
    for packet in container.demux(stream):
        reached = False
        for decoded in packet.decode():
            frame = wanted.take(decoded)
            if frame is not None:
                yield frame, decoded
            reached = reached or (decoded.pts is not None and decoded.pts >= pts)
        if reached:
            return True
    return False
