"""The synthetic video cases of the media tests, and small helpers they share.

The reference for a case is an independent full decode with PyAV (every frame's pts and
painted number, in output order), plus ``make_video``'s timestamps where the file keeps them.
"""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import av
import imageio_ffmpeg  # type: ignore[import-untyped]
from PIL import Image

from tests.media.synthetic import make_video, read_painted_number

ASSETS = Path(__file__).resolve().parents[2] / "samples" / "videos"


@dataclass(frozen=True)
class Recipe:
    """How to make a case: ``make_video`` options, then an optional ffmpeg stream copy."""

    file: str
    options: dict[str, Any] = field(default_factory=dict)
    remux_input: tuple[str, ...] = ()  # ffmpeg arguments before "-i"
    remux_output: tuple[str, ...] = ()  # ffmpeg arguments after "-c copy"

    @property
    def remuxed(self) -> bool:
        return bool(self.remux_input or self.remux_output)

    @property
    def frame_count(self) -> int:
        return int(self.options.get("frame_count", 48))


RECIPES: dict[str, Recipe] = {
    "cfr-bframes-mp4": Recipe("cfr.mp4"),
    "vfr-mkv": Recipe("vfr.mkv", {"vfr": True}),
    "vfr-mp4": Recipe("vfr.mp4", {"vfr": True}),
    "vp9-webm": Recipe("vp9.webm"),
    "odd-size-h264-mp4": Recipe("odd.mp4", {"size_wh": (321, 241)}),
    "odd-size-vp9-webm": Recipe("odd.webm", {"size_wh": (321, 239)}),
    "long-gop-mov": Recipe("long-gop.mov", {"frame_count": 200, "gop": 150}),
    "no-bframes-mkv": Recipe("no-bframes.mkv", {"bframes": False}),
    "mpeg-ts-start-offset": Recipe("offset.ts", remux_output=("-f", "mpegts")),
    "edit-list-cut-mp4": Recipe("cut.mp4", remux_input=("-ss", "0.5")),
    "no-edit-list-mp4": Recipe("no-edit-list.mp4", remux_output=("-use_editlist", "0")),
}
VFR_CASES = {"vfr-mkv", "vfr-mp4"}
REMUXED_CASES = {name for name, recipe in RECIPES.items() if recipe.remuxed}


@dataclass(frozen=True)
class VideoCase:
    """A synthetic video and what an independent full decode found in it."""

    name: str
    path: Path
    recipe: Recipe
    truth_s: list[float]  # make_video's frame times (s), before any remux
    decoded_pts: list[int]  # pts of every decoded frame, in output (presentation) order
    decoded_numbers: list[int]  # the number painted in every decoded frame, same order


def decode_reference(path: Path) -> tuple[list[int], list[int]]:
    """Pts and painted numbers of every frame PyAV decodes from ``path``, in output order."""
    with av.open(str(path)) as container:
        frames = list(container.decode(video=0))
        pts = [f.pts for f in frames if f.pts is not None]
        numbers = [read_painted_number(f.to_ndarray(format="rgb24")) for f in frames]
    assert len(pts) == len(frames)
    return pts, numbers


def remux(source: Path, target: Path, recipe: Recipe) -> None:
    """Copy the streams of ``source`` into ``target`` with the imageio-ffmpeg binary."""
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", *recipe.remux_input]
    command += ["-i", str(source), "-c", "copy", *recipe.remux_output, str(target)]
    subprocess.run(command, check=True)


def load_image(source: Path | bytes) -> Image.Image:
    """An image file or bytes, fully read and closed (its ``format`` kept)."""
    with Image.open(source if isinstance(source, Path) else io.BytesIO(source)) as image:
        image.load()
        return image


def build_case(name: str, directory: Path) -> VideoCase:
    """Make the case called ``name`` in ``directory`` and decode it for reference."""
    recipe = RECIPES[name]
    path = directory / recipe.file
    source = directory / f"source-{recipe.file}.mp4" if recipe.remuxed else path
    truth_s = make_video(source, **recipe.options)
    if recipe.remuxed:
        remux(source, path, recipe)
    pts, numbers = decode_reference(path)
    return VideoCase(name, path, recipe, truth_s, pts, numbers)
