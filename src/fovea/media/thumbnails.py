"""``write_thumbnails``: poster images and a timeline sprite sheet, as a player shows them.

Every image is in display orientation (``ProbeResult.rotation_deg`` applied) and display
aspect (the stream's sample aspect ratio applied). Files written into ``out_dir``:

- ``thumb-small.jpg``, ``thumb-medium.jpg``, ``thumb-large.jpg``: 160, 320 and 640 px wide
  (enlarged when the video is narrower), of the keyframe nearest 10% of the duration.
- ``sprite.jpg``: up to 100 tiles, 160 px wide, ``SPRITE_COLUMNS`` a row, left to right
  then top to bottom, of the keyframes nearest 100 evenly spaced times (each keyframe
  once), decoding keyframes only. A short video with too few keyframes for that (at most
  ``FULL_DECODE_MAX_PIXELS`` pixels in all) is decoded whole and its tiles are the frames
  nearest those times.
- ``sprite.json``: ``{"tile_wh": [w, h], "columns": c, "times_s": [...], "frames": [...]}``,
  the time (same timeline as ``frame_times_s``) and frame index each tile shows, in order.

Files are written under a temporary name and renamed, so a reader never sees half a file
and running again (an idempotent job) replaces them.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from fractions import Fraction
from pathlib import Path
from typing import Final

import av
import numpy as np
import numpy.typing as npt
from av.container import InputContainer
from PIL import Image

from fovea.media._container import open_input, video_stream
from fovea.media._decode import decode_selected
from fovea.media.images import display_image, encode_image, scaled_height
from fovea.media.probe import ProbeResult

THUMBNAIL_WIDTHS: Final = {"small": 160, "medium": 320, "large": 640}
POSTER_POSITION: Final = 0.1  # fraction of the duration the poster frame is taken from
SPRITE_TILE_WIDTH: Final = 160
SPRITE_TILES_MAX: Final = 100
SPRITE_COLUMNS: Final = 10
FULL_DECODE_MAX_PIXELS: Final = 600 * 1280 * 720  # about 600 frames of 720p


def write_thumbnails(path: Path, probe: ProbeResult, out_dir: Path) -> dict[str, Path]:
    """Write the poster thumbnails and the sprite of ``path`` into ``out_dir``.

    Returns the paths by key: "small", "medium", "large", "sprite", "sprite_index".
    MediaError when a needed frame cannot be decoded.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    poster, tiles = _poster_frame(probe), _sprite_frames(probe)
    with open_input(path) as container:
        display_wh = _display_wh(probe, video_stream(container, path.name).sample_aspect_ratio)
        tile_wh = (SPRITE_TILE_WIDTH, scaled_height(SPRITE_TILE_WIDTH, display_wh))
        poster_frame, sheet = _render(path, container, probe, poster, tiles, tile_wh)
    written = {}
    for key, width in THUMBNAIL_WIDTHS.items():
        jpeg = _poster_jpeg(poster_frame, width, display_wh, probe)
        written[key] = _write(out_dir / f"thumb-{key}.jpg", jpeg)
    written["sprite"] = _write(out_dir / "sprite.jpg", encode_image(sheet, "jpeg"))
    index = _sprite_index(probe, tiles, tile_wh)
    written["sprite_index"] = _write(out_dir / "sprite.json", index.encode())
    return written


def _render(
    path: Path,
    container: InputContainer,
    probe: ProbeResult,
    poster: int,
    tiles: list[int],
    tile_wh: tuple[int, int],
) -> tuple[av.VideoFrame, Image.Image]:
    """Decode the poster frame (kept whole) and the tiles (pasted on the sheet at once)."""
    sheet = _blank_sheet(len(tiles), tile_wh)
    position = {frame: number for number, frame in enumerate(tiles)}
    poster_frame = None
    for frame, decoded in decode_selected(path, container, probe, sorted({poster, *tiles})):
        if frame == poster:
            poster_frame = decoded  # one full frame, to render three sizes from
        if frame in position:
            tile = display_image(decoded, tile_wh, probe.rotation_deg)
            sheet.paste(tile, _tile_origin(position[frame], tile_wh))
    assert poster_frame is not None  # decode_selected raises when a frame is missing
    return poster_frame, sheet


def _poster_jpeg(
    frame: av.VideoFrame, width: int, display_wh: tuple[int, int], probe: ProbeResult
) -> bytes:
    """The poster ``frame`` as a JPEG ``width`` px wide, in display aspect and orientation."""
    size_wh = (width, scaled_height(width, display_wh))
    return encode_image(display_image(frame, size_wh, probe.rotation_deg), "jpeg")


def _display_wh(probe: ProbeResult, sample_aspect: Fraction | None) -> tuple[int, int]:
    """Display size in pixels: coded size, widened by the sample aspect, then rotated."""
    width = probe.width * float(sample_aspect) if sample_aspect else float(probe.width)
    wh = (max(1, round(width)), probe.height)
    return (wh[1], wh[0]) if probe.rotation_deg in (90, 270) else wh


def _poster_frame(probe: ProbeResult) -> int:
    """The keyframe whose time is nearest ``POSTER_POSITION`` of the duration."""
    times_s = probe.frame_times_s
    target_s = times_s[0] + POSTER_POSITION * (probe.duration_s - times_s[0])
    keyframes = probe.keyframe_indices if len(probe.keyframe_indices) else np.array([0])
    return int(keyframes[np.abs(times_s[keyframes] - target_s).argmin()])


def _sprite_frames(probe: ProbeResult) -> list[int]:
    """Frame indices of the sprite tiles, ascending and distinct (see module docstring)."""
    times_s = probe.frame_times_s
    span_s = probe.duration_s - times_s[0]
    targets_s = times_s[0] + (np.arange(SPRITE_TILES_MAX) + 0.5) * span_s / SPRITE_TILES_MAX
    keyframes = probe.keyframe_indices if len(probe.keyframe_indices) else np.array([0])
    candidates = keyframes
    if len(keyframes) < SPRITE_TILES_MAX and _full_decode_is_cheap(probe):
        candidates = np.arange(probe.frame_count)
    return sorted({int(i) for i in _nearest(candidates, times_s[candidates], targets_s)})


def _full_decode_is_cheap(probe: ProbeResult) -> bool:
    """Whether decoding every frame stays within ``FULL_DECODE_MAX_PIXELS``."""
    return probe.frame_count * probe.width * probe.height <= FULL_DECODE_MAX_PIXELS


def _nearest(
    items: npt.NDArray[np.int64],
    item_times_s: npt.NDArray[np.float64],
    targets_s: npt.NDArray[np.float64],
) -> npt.NDArray[np.int64]:
    """For each target time, the item whose (ascending) time is nearest."""
    right = np.clip(np.searchsorted(item_times_s, targets_s), 1, max(1, len(items) - 1))
    left = right - 1
    right = np.minimum(right, len(items) - 1)
    pick_right = np.abs(item_times_s[right] - targets_s) < np.abs(item_times_s[left] - targets_s)
    return items[np.where(pick_right, right, left)]


def _blank_sheet(tile_count: int, tile_wh: tuple[int, int]) -> Image.Image:
    """A black sheet for ``tile_count`` tiles in rows of ``SPRITE_COLUMNS``."""
    columns = min(SPRITE_COLUMNS, tile_count)
    rows = math.ceil(tile_count / columns)
    return Image.new("RGB", (columns * tile_wh[0], rows * tile_wh[1]))


def _tile_origin(number: int, tile_wh: tuple[int, int]) -> tuple[int, int]:
    """Top-left pixel of tile ``number`` (0-based, left to right, then top to bottom)."""
    row, column = divmod(number, SPRITE_COLUMNS)
    return column * tile_wh[0], row * tile_wh[1]


def _sprite_index(probe: ProbeResult, tiles: list[int], tile_wh: tuple[int, int]) -> str:
    """The JSON text of ``sprite.json``."""
    index = {
        "tile_wh": list(tile_wh),
        "columns": min(SPRITE_COLUMNS, len(tiles)),
        "times_s": [float(probe.frame_times_s[t]) for t in tiles],
        "frames": tiles,
    }
    return json.dumps(index)


def _write(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.fchmod(handle, 0o644)  # mkstemp makes 0600; a web server may need to read these
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    Path(name).replace(path)
    return path
