"""Synthetic scenes with ground truth, for the detection and tracking tests and the benchmark.

A scene is a static textured background (smooth blotches plus fine grain, and a little fresh
noise on every frame, as a camera sensor adds) with objects moving on straight paths: filled
rectangles of their own colour with a blotchy texture, or plain dark people-like silhouettes
(head, torso, arms, legs) that OpenCV's HOG people detector recognises. Objects are placed in a
640x360 reference frame and scaled to the video's size, so the same scene can be written at
any resolution. Each object may be left out of some frames (it is hidden: the ground truth has
no box there).

``CROSSING`` has three boxes: one crossing the top of the frame that disappears for eight
frames, and two whose paths cross head-on in the middle (the front one, drawn last, covers the
other while they overlap). ``PEOPLE`` has two silhouettes walking towards each other on
different rows.

``make_scene`` writes H.264 (yuv420p) MP4 with PyAV and returns the ``Scene``: the path and,
per object, its box (x, y, w, h in video pixels: the exact pixel extent drawn) on every frame
where it is drawn.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Final, Literal

import av
import numpy as np
import numpy.typing as npt

REFERENCE_WH: Final = (640, 360)
Xywh = tuple[float, float, float, float]
BgrImage = npt.NDArray[np.uint8]
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class MovingObject:
    """An object on a straight path; positions and sizes in reference (640x360) pixels.

    ``start_xy``/``end_xy`` are the top-left corner on the scene's first and last frame;
    ``hidden`` is the [first, last] frame range (inclusive) where the object is not drawn.
    """

    name: str
    shape: Literal["box", "person"]
    colour_bgr: tuple[int, int, int]
    size_wh: tuple[float, float]
    start_xy: tuple[float, float]
    end_xy: tuple[float, float]
    hidden: tuple[int, int] | None = None

    def is_hidden(self, frame: int) -> bool:
        return self.hidden is not None and self.hidden[0] <= frame <= self.hidden[1]


CROSSING: Final = (
    MovingObject("top", "box", (40, 40, 210), (40, 64), (20, 24), (560, 40), hidden=(62, 69)),
    MovingObject("green", "box", (60, 190, 60), (48, 48), (40, 140), (540, 270)),
    MovingObject("blue", "box", (200, 90, 30), (36, 60), (560, 140), (60, 270)),
)
PEOPLE: Final = (
    MovingObject("walker", "person", (50, 40, 40), (44, 150), (40, 20), (250, 30)),
    MovingObject("other", "person", (30, 50, 70), (44, 150), (560, 190), (350, 185)),
)


@dataclass(frozen=True)
class Scene:
    """A written scene: ``truth[object_id][frame]`` is the drawn box (video pixels).

    Object ids are 1, 2, 3... in the order of ``objects``.
    """

    path: Path
    size_wh: tuple[int, int]
    fps: int
    frame_count: int
    objects: tuple[MovingObject, ...]
    truth: dict[int, dict[int, Xywh]]

    def boxes_on(self, frame: int) -> dict[int, Xywh]:
        """Object id -> box of every object drawn on ``frame``."""
        return {oid: boxes[frame] for oid, boxes in self.truth.items() if frame in boxes}


def make_scene(
    path: Path,
    objects: tuple[MovingObject, ...] = CROSSING,
    *,
    size_wh: tuple[int, int] = REFERENCE_WH,
    frame_count: int = 96,
    fps: int = 25,
    seed: int = 0,
) -> Scene:
    """Write the scene to ``path`` (.mp4) and return it with its ground truth."""
    rng = np.random.default_rng(seed)
    background = _background(size_wh, rng)
    truth: dict[int, dict[int, Xywh]] = {oid: {} for oid in range(1, len(objects) + 1)}

    def frames() -> Iterator[BgrImage]:
        for frame in range(frame_count):
            image = background.copy()
            for oid, thing in enumerate(objects, start=1):
                if not thing.is_hidden(frame):
                    truth[oid][frame] = _draw(image, thing, frame / (frame_count - 1), size_wh)
            grain = rng.integers(-3, 4, size=image.shape, dtype=np.int16)
            yield np.clip(image.astype(np.int16) + grain, 0, 255).astype(np.uint8)

    write_video(path, frames(), size_wh, fps)
    return Scene(path, size_wh, fps, frame_count, objects, truth)


def write_video(path: Path, frames: Iterator[BgrImage], size_wh: tuple[int, int], fps: int) -> None:
    """Encode BGR frames as H.264 (CRF 18, yuv420p, a keyframe every second) with PyAV."""
    with av.open(str(path), mode="w") as container:
        options = {"crf": "18", "preset": "veryfast"}
        stream = container.add_stream("libx264", rate=fps, options=options)
        stream.width, stream.height = size_wh
        stream.pix_fmt = "yuv420p"
        stream.gop_size = fps
        stream.codec_context.time_base = Fraction(1, fps)
        for image in frames:
            frame = av.VideoFrame.from_ndarray(image, format="bgr24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))


def _background(size_wh: tuple[int, int], rng: np.random.Generator) -> BgrImage:
    """Smooth colour blotches (a coarse random grid, bilinearly enlarged) plus fine grain."""
    width, height = size_wh
    coarse = rng.uniform(90, 170, size=(10, 17, 3))
    rows, columns = _enlarging(height, coarse.shape[0]), _enlarging(width, coarse.shape[1])
    smooth = np.asarray(np.einsum("hi,ijc,wj->hwc", rows, coarse, columns), dtype=np.float64)
    grain = rng.normal(0, 10, size=smooth.shape)
    background: BgrImage = np.clip(smooth + grain, 0, 255).astype(np.uint8)
    return background


def _enlarging(size_out: int, size_in: int) -> npt.NDArray[np.float64]:
    """The (size_out, size_in) matrix of linear interpolation from size_in samples."""
    positions = np.linspace(0, size_in - 1, size_out)
    low = np.minimum(positions.astype(np.int64), size_in - 2)
    fraction = positions - low
    matrix = np.zeros((size_out, size_in))
    matrix[np.arange(size_out), low] = 1 - fraction
    matrix[np.arange(size_out), low + 1] = fraction
    return matrix


def _draw(image: BgrImage, thing: MovingObject, progress: float, size_wh: tuple[int, int]) -> Xywh:
    """Draw ``thing`` at ``progress`` (0..1) along its path; its drawn box in video pixels."""
    scale_x, scale_y = size_wh[0] / REFERENCE_WH[0], size_wh[1] / REFERENCE_WH[1]
    x = (thing.start_xy[0] + (thing.end_xy[0] - thing.start_xy[0]) * progress) * scale_x
    y = (thing.start_xy[1] + (thing.end_xy[1] - thing.start_xy[1]) * progress) * scale_y
    w, h = thing.size_wh[0] * scale_x, thing.size_wh[1] * scale_y
    left, top = round(x), round(y)
    right, bottom = min(round(x + w), size_wh[0]), min(round(y + h), size_wh[1])
    patch = image[top:bottom, left:right]
    rows, columns = np.mgrid[0 : bottom - top, 0 : right - left]
    if thing.shape == "box":
        mask = np.ones(rows.shape, dtype=np.bool_)
    else:
        mask = _silhouette(rows / (bottom - top), columns / (right - left))
    # Boxes carry a blotchy texture of their own (random 8 px cells, fixed per object) for
    # appearance trackers to lock on, not a periodic one they could slip along by a cell;
    # silhouettes stay plain: edges inside the body hide the outline HOG looks for.
    cell_rows, cell_columns = max(2, round(8 * scale_y)), max(2, round(8 * scale_x))
    cells = np.random.default_rng(zlib.crc32(thing.name.encode())).integers(-30, 31, (64, 64))
    texture = cells[rows // cell_rows, columns // cell_columns]
    texture = texture if thing.shape == "box" else np.zeros_like(texture)
    colour = np.array(thing.colour_bgr, dtype=np.int16) + texture[..., None].astype(np.int16)
    patch[mask] = np.clip(colour, 0, 255).astype(np.uint8)[mask]
    found_rows, found_columns = np.nonzero(mask)
    return (
        float(left + found_columns.min()),
        float(top + found_rows.min()),
        float(found_columns.max() - found_columns.min() + 1),
        float(found_rows.max() - found_rows.min() + 1),
    )


def _silhouette(v: npt.NDArray[np.float64], u: npt.NDArray[np.float64]) -> Mask:
    """A standing person filling its box: ``v`` rows and ``u`` columns as fractions 0..1."""

    def ellipse(cu: float, cv: float, ru: float, rv: float) -> Mask:
        result: Mask = ((u - cu) / ru) ** 2 + ((v - cv) / rv) ** 2 <= 1
        return result

    def rect(u0: float, v0: float, u1: float, v1: float) -> Mask:
        result: Mask = (u >= u0) & (u < u1) & (v >= v0) & (v < v1)
        return result

    head = ellipse(0.5, 0.0625, 0.15, 0.0625)
    torso = ellipse(0.5, 0.325, 0.38, 0.21) | rect(0.16, 0.15, 0.84, 0.525)
    arms = rect(0.0, 0.1625, 0.16, 0.54) | rect(0.84, 0.1625, 1.0, 0.54)
    legs = rect(0.18, 0.525, 0.46, 1.0) | rect(0.54, 0.525, 0.82, 1.0)
    return head | torso | arms | legs
