"""``FrameReader``: the exact image of frame n, by index, from one open container.

Frame n is the frame whose pts is ``probe.frame_pts[n]``. To reach it the reader seeks to
the keyframe at or before it and decodes forward until a frame with that pts comes out. The
decoder position is kept: a request for a later frame of the same group of pictures (the
next frame, typically) decodes on from there instead of seeking again. Decoded frames
(still in the decoder's pixel format) are kept in an LRU cache. If a seek lands after the
target (MPEG-TS seeks by decode time), the reader retries from the keyframe before, and for
a frame of the first group from the reopened file's start; if the frame still does not
come out, MediaError.

Frames decoded after a seek but presented before the keyframe sought (the leading pictures
of an open GOP, which lack their references) are never cached or returned.
"""

from __future__ import annotations

import operator
import threading
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Final

import av
import numpy as np
import numpy.typing as npt
from av.container import InputContainer
from av.video.stream import VideoStream

from fovea.media._container import open_input, video_stream
from fovea.media.errors import MediaError
from fovea.media.images import (
    IMAGE_FORMATS,
    encode_image,
    frame_to_image,
    rgb_array,
    scaled_height,
)
from fovea.media.probe import ProbeResult

CACHE_BYTES_MAX: Final = 256 * 1024 * 1024
"""Upper bound of the frame cache in bytes (counted as 3 bytes a pixel), whatever
``cache_frames`` asks: 64 frames of 4K video would otherwise hold 1.6 GB."""


class FrameReader:
    """Exact random access to the frames of one video; thread-safe (one lock).

    ``probe`` must be the result of ``probe(path)`` for this file. Use as a context manager
    or call ``close``.
    """

    def __init__(self, path: Path, probe: ProbeResult, cache_frames: int = 64) -> None:
        self._probe = probe
        self._name = path.name
        self._lock = threading.Lock()
        self._path = path
        self._container, self._stream = _open_video(path)
        frame_bytes = max(1, probe.width * probe.height * 3)
        self._cache_frames = max(0, min(cache_frames, CACHE_BYTES_MAX // frame_bytes))
        self._cache: OrderedDict[int, av.VideoFrame] = OrderedDict()
        self._frames: Iterator[av.VideoFrame] | None = None
        self._last_index = -1  # last frame the decoder delivered, in presentation order
        self._first_valid_index = 0  # frames before the keyframe sought are not trusted
        self._closed = False

    def frame_rgb(self, frame: int) -> npt.NDArray[np.uint8]:
        """Frame ``frame`` as an HxWx3 uint8 RGB array (coded size, no rotation)."""
        with self._lock:
            decoded = self._decoded(frame)
        return rgb_array(decoded)

    def encode(self, frame: int, fmt: str = "jpeg", max_width: int | None = None) -> bytes:
        """Frame ``frame`` as JPEG or PNG bytes, coded orientation, at most ``max_width`` px
        wide (aspect kept; never enlarged). ValueError for another ``fmt``."""
        if fmt.lower() not in IMAGE_FORMATS:
            raise ValueError(f"unknown image format {fmt!r}: use one of {sorted(IMAGE_FORMATS)}")
        width, height = self._probe.width, self._probe.height
        if max_width is not None and 0 < max_width < width:
            width, height = max_width, scaled_height(max_width, (width, height))
        with self._lock:
            image = frame_to_image(self._decoded(frame), (width, height))
        return encode_image(image, fmt)

    def close(self) -> None:
        """Close the container and drop the cache; later reads raise ValueError."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._frames = None
                self._cache.clear()
                self._container.close()

    def __enter__(self) -> FrameReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _decoded(self, frame: int) -> av.VideoFrame:
        """The decoded frame ``frame``, from the cache, by decoding on, or after a seek."""
        frame = self._checked_index(frame)
        cached = self._cache.get(frame)
        if cached is not None:
            self._cache.move_to_end(frame)
            return cached
        if self._can_decode_on_to(frame):
            found = self._decode_forward_to(frame)
            if found is not None:
                return found
        for keyframe in self._seek_candidates(frame):
            self._seek_to(keyframe)
            found = self._decode_forward_to(frame)
            if found is not None:
                return found
        if self._in_first_group(frame):  # no earlier keyframe to try: decode from the start
            self._restart()
            found = self._decode_forward_to(frame)
            if found is not None:
                return found
        raise MediaError(f"{self._name}: frame {frame} could not be decoded")

    def _checked_index(self, frame: int) -> int:
        """``frame`` as a plain int; IndexError outside the video, ValueError when closed."""
        if self._closed:
            raise ValueError("the FrameReader is closed")
        index = operator.index(frame)
        if not 0 <= index < self._probe.frame_count:
            raise IndexError(f"frame {index} outside [0, {self._probe.frame_count})")
        return index

    def _keyframe_at_or_before(self, frame: int) -> int:
        """Index of the last keyframe at or before ``frame`` (0 when none is)."""
        keyframes = self._probe.keyframe_indices
        position = int(np.searchsorted(keyframes, frame, side="right")) - 1
        return int(keyframes[position]) if position >= 0 else 0

    def _in_first_group(self, frame: int) -> bool:
        """Whether ``frame`` comes before the second keyframe."""
        keyframes = self._probe.keyframe_indices
        return len(keyframes) < 2 or frame < keyframes[1]

    def _can_decode_on_to(self, frame: int) -> bool:
        """Whether decoding on from the current position is no slower than seeking."""
        return (
            self._frames is not None
            and self._last_index < frame
            and self._last_index + 1 >= self._keyframe_at_or_before(frame)
        )

    def _seek_candidates(self, frame: int) -> list[int]:
        """Keyframes to seek to, in order: at or before ``frame``, then the one before.

        The second try is for demuxers that seek by decode time and land one group late
        (MPEG-TS).
        """
        nearest = self._keyframe_at_or_before(frame)
        earlier = self._keyframe_at_or_before(nearest - 1) if nearest > 0 else 0
        return list(dict.fromkeys([nearest, earlier]))

    def _restart(self) -> None:
        """Reopen the file and decode from its first packet: the last resort after seeks
        for frames of the first group, which a late-landing seek cannot reach."""
        self._container.close()
        self._container, self._stream = _open_video(self._path)
        self._frames = self._container.decode(self._stream)
        self._last_index = -1
        self._first_valid_index = 0

    def _seek_to(self, keyframe: int) -> None:
        """Position the demuxer at ``keyframe`` (or before it) and restart decoding."""
        pts = int(self._probe.frame_pts[keyframe])
        try:
            self._container.seek(pts, stream=self._stream, backward=True, any_frame=False)
        except av.error.FFmpegError as err:
            raise MediaError(f"{self._name}: cannot seek to frame {keyframe} ({err})") from err
        self._frames = self._container.decode(self._stream)
        self._last_index = keyframe - 1
        self._first_valid_index = keyframe

    def _decode_forward_to(self, frame: int) -> av.VideoFrame | None:
        """Decode on until ``frame`` comes out; None when the decoder passes it or ends."""
        assert self._frames is not None
        try:
            for decoded in self._frames:
                index = self._index_of(decoded)
                if index is None or index < self._first_valid_index:
                    continue
                self._last_index = index
                self._remember(index, decoded)
                if index >= frame:
                    return decoded if index == frame else None
        except av.error.FFmpegError as err:
            raise MediaError(f"{self._name}: decoding failed near frame {frame} ({err})") from err
        self._frames = None  # end of stream: the next read seeks
        return None

    def _index_of(self, decoded: av.VideoFrame) -> int | None:
        """The frame index of a decoded frame, by its pts; None when the table lacks it.

        Frames sharing a pts (a broken file) get consecutive indices in output order.
        """
        pts = decoded.pts if decoded.pts is not None else decoded.dts
        if pts is None:
            return None
        table = self._probe.frame_pts
        index = int(np.searchsorted(table, pts, side="left"))
        if index <= self._last_index < len(table) - 1 and table[self._last_index + 1] == pts:
            index = self._last_index + 1
        return index if index < len(table) and table[index] == pts else None

    def _remember(self, index: int, decoded: av.VideoFrame) -> None:
        """Put a decoded frame in the LRU cache, evicting the least recently used."""
        if self._cache_frames == 0:
            return
        self._cache[index] = decoded
        self._cache.move_to_end(index)
        while len(self._cache) > self._cache_frames:
            self._cache.popitem(last=False)


def _open_video(path: Path) -> tuple[InputContainer, VideoStream]:
    """Open ``path`` and its video stream for multithreaded decoding."""
    container = open_input(path)
    try:
        stream = video_stream(container, path.name)
    except MediaError:
        container.close()
        raise
    stream.thread_type = "AUTO"
    return container, stream
