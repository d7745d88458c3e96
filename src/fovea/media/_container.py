"""Opening a file with PyAV and choosing its video stream, with errors turned into MediaError."""

from __future__ import annotations

from pathlib import Path

import av
from av.container import InputContainer
from av.stream import Disposition
from av.video.stream import VideoStream

from fovea.media.errors import MediaError


def open_input(path: Path) -> InputContainer:
    """Open ``path`` for demuxing; MediaError when it is missing, empty or not media."""
    try:
        size_bytes = path.stat().st_size
    except OSError as err:
        raise MediaError(f"cannot read {path.name}: {err.strerror or err}") from err
    if size_bytes == 0:
        raise MediaError(f"{path.name} is empty (0 bytes)")
    try:
        return av.open(str(path), mode="r")
    except (av.error.FFmpegError, OSError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise MediaError(f"{path.name} is not a video file FFmpeg can read ({reason})") from err


def video_stream(container: InputContainer, name: str) -> VideoStream:
    """The first video stream that is not cover art; MediaError when there is none.

    ``probe`` and ``FrameReader`` both call this, so they agree on the stream.
    """
    for stream in container.streams.video:
        if not stream.disposition & Disposition.attached_pic:
            return stream
    audio_count = len(container.streams.audio)
    if container.streams.video:
        raise MediaError(f"{name} has no video stream, only a still cover picture")
    if audio_count:
        raise MediaError(f"{name} has no video stream (audio only: {audio_count} audio stream)")
    raise MediaError(f"{name} has no video stream")
