"""Reading the video of a request: from its URI to frames by index, in presentation order.

A request names its video by URI: an absolute path on storage the worker shares with the
API, a ``file://`` URL, or an ``http(s)://`` URL that is downloaded once into a cache folder
(files named by the URL's hash; ``fovea-videos`` in the system's temporary folder unless the
caller names another). Frame n is frame n of ``fovea.media`` (the n-th in presentation
order), so boxes found here land on the frames annotations use.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

import av
import cv2
import httpx
import numpy as np

from fovea.errors import InvalidInput, Unavailable
from fovea.inference.backends.base import Image
from fovea.media import MediaError, ProbeResult, probe
from fovea.media._container import open_input, video_stream

DOWNLOAD_TIMEOUT_S = 60.0
CHUNK_BYTES = 1 << 20


def local_path(uri: str, cache_dir: Path | None = None) -> Path:
    """A readable local file for ``uri``; InvalidInput when it names nothing readable."""
    parsed = urlparse(uri)
    if parsed.scheme in ("http", "https"):
        return _downloaded(uri, cache_dir or Path(tempfile.gettempdir()) / "fovea-videos")
    if parsed.scheme == "file":
        path = Path(unquote(parsed.path))
    elif parsed.scheme == "":
        path = Path(uri)
    else:
        raise InvalidInput(f"video URI scheme {parsed.scheme!r} is not supported")
    if not path.is_absolute():
        raise InvalidInput(f"video path {uri!r} must be absolute")
    if not path.is_file():
        raise InvalidInput(f"video {uri!r} does not exist on this worker")
    return path


def _downloaded(url: str, cache_dir: Path) -> Path:
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / hashlib.sha256(url.encode()).hexdigest()
    if target.is_file():
        return target
    partial = target.with_suffix(".part")
    try:
        with httpx.stream("GET", url, timeout=DOWNLOAD_TIMEOUT_S, follow_redirects=True) as reply:
            if reply.status_code >= 400:
                message = f"downloading the video gave HTTP {reply.status_code}"
                if reply.status_code >= 500:
                    raise Unavailable(message)
                raise InvalidInput(message)
            with partial.open("wb") as out:
                for chunk in reply.iter_bytes(CHUNK_BYTES):
                    out.write(chunk)
    except httpx.HTTPError as exc:
        raise Unavailable(f"cannot download the video: {exc}") from exc
    partial.replace(target)
    return target


def probe_video(path: Path) -> ProbeResult:
    """The frame table of ``path``; InvalidInput when it is not a readable video."""
    try:
        return probe(path)
    except MediaError as exc:
        raise InvalidInput(f"not a readable video: {exc}") from exc


def iter_frames(
    path: Path, probed: ProbeResult, first: int, last: int, *, step: int = 1
) -> Iterator[tuple[int, Image]]:
    """Yield ``(index, BGR image)`` for frames ``first..last`` (inclusive), every ``step``.

    Seeks to the keyframe at or before ``first`` and decodes forward; if the demuxer lands
    after it (MPEG-TS seeks by decode time), decodes from the start instead.
    """
    last = min(last, probed.frame_count - 1)
    if first > last:
        return
    index_of_pts = {int(pts): index for index, pts in enumerate(probed.frame_pts)}
    for from_start in (False, True):
        seen_first = False
        for index, image in _decode(path, probed, index_of_pts, first, from_start):
            if index < first:
                continue
            if not seen_first and index > first and not from_start:
                break  # the seek overshot: decode from the start
            seen_first = True
            if index > last:
                return
            if (index - first) % step == 0:
                yield index, image
        else:
            return


def _decode(
    path: Path,
    probed: ProbeResult,
    index_of_pts: dict[int, int],
    first: int,
    from_start: bool,
) -> Iterator[tuple[int, Image]]:
    try:
        with open_input(path) as container:
            stream = video_stream(container, path.name)
            stream.thread_type = "AUTO"
            if not from_start and first > 0:
                keyframes = probed.keyframe_indices
                at = int(keyframes[max(0, int(np.searchsorted(keyframes, first, "right")) - 1)])
                container.seek(int(probed.frame_pts[at]), stream=stream, backward=True)
            for decoded in container.decode(stream):
                index = index_of_pts.get(decoded.pts if decoded.pts is not None else -1)
                if index is not None:
                    yield index, np.asarray(decoded.to_ndarray(format="bgr24"), dtype=np.uint8)
    except (MediaError, av.error.FFmpegError) as exc:
        raise InvalidInput(f"cannot decode {path.name}: {exc}") from exc


def encode_jpeg(image: Image, max_width_px: int = 768, quality: int = 85) -> bytes:
    """A JPEG of ``image``, scaled down to ``max_width_px`` wide (for VLM prompts)."""
    height, width = image.shape[:2]
    if width > max_width_px:
        scale = max_width_px / width
        image = cv2.resize(image, (max_width_px, max(1, round(height * scale)))).astype(np.uint8)
    ok, buffer = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise InvalidInput("cannot encode a frame as JPEG")
    return bytes(buffer.tobytes())
