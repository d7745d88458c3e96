"""Decoded frames to scaled, rotated Pillow images and to JPEG or PNG bytes."""

from __future__ import annotations

import io
from typing import Final

import av
import numpy as np
import numpy.typing as npt
from PIL import Image

JPEG_QUALITY: Final = 85
"""Pillow JPEG quality (0-100) for frames, thumbnails and sprites."""

IMAGE_FORMATS: Final = {"jpeg": "JPEG", "png": "PNG"}
"""Accepted ``fmt`` names and their Pillow format names."""

_TRANSPOSE_CLOCKWISE: Final = {
    90: Image.Transpose.ROTATE_270,  # Pillow's ROTATE_* turn counterclockwise
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


def scaled_height(width: int, source_wh: tuple[float, float]) -> int:
    """The height, in pixels, that keeps ``source_wh``'s aspect at ``width`` (at least 1)."""
    source_width, source_height = source_wh
    return max(1, round(width * source_height / source_width))


def rgb_array(frame: av.VideoFrame) -> npt.NDArray[np.uint8]:
    """``frame`` as an HxWx3 uint8 RGB array, in its own size."""
    return frame.to_ndarray(format="rgb24").astype(np.uint8, copy=False)


def frame_to_image(frame: av.VideoFrame, size_wh: tuple[int, int]) -> Image.Image:
    """``frame`` as an RGB image of exactly ``size_wh`` pixels, scaled by libswscale."""
    width, height = size_wh
    if (width, height) != (frame.width, frame.height):
        frame = frame.reformat(width=width, height=height, interpolation="AREA")
    return Image.fromarray(rgb_array(frame))


def display_image(
    frame: av.VideoFrame, display_wh: tuple[int, int], rotation_deg: int
) -> Image.Image:
    """``frame`` as shown by a player: scaled to ``display_wh`` after the clockwise rotation."""
    width, height = display_wh
    coded_wh = (height, width) if rotation_deg in (90, 270) else (width, height)
    image = frame_to_image(frame, coded_wh)
    transpose = _TRANSPOSE_CLOCKWISE.get(rotation_deg)
    return image if transpose is None else image.transpose(transpose)


def encode_image(image: Image.Image, fmt: str = "jpeg") -> bytes:
    """``image`` as JPEG or PNG bytes; ValueError for another ``fmt``."""
    pillow_format = IMAGE_FORMATS.get(fmt.lower())
    if pillow_format is None:
        raise ValueError(f"unknown image format {fmt!r}: use one of {sorted(IMAGE_FORMATS)}")
    buffer = io.BytesIO()
    if pillow_format == "JPEG":
        image.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    else:
        image.save(buffer, format="PNG", compress_level=1)  # speed over size for one frame
    return buffer.getvalue()
