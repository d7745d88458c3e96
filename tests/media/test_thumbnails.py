"""``write_thumbnails`` writes posters and a sprite sheet whose index says what each tile is."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from fovea.media import MediaError, ProbeResult, probe, write_thumbnails
from tests.media.support import VideoCase, load_image
from tests.media.synthetic import make_video, read_painted_number


def sprite_tiles(paths: dict[str, Path]) -> tuple[dict[str, Any], list[npt.NDArray[np.uint8]]]:
    """The sprite index and the tiles cut out of the sprite sheet, in index order."""
    index = json.loads(paths["sprite_index"].read_text())
    sheet = np.asarray(load_image(paths["sprite"]).convert("RGB"))
    tile_w, tile_h = index["tile_wh"]
    tiles = []
    for number in range(len(index["times_s"])):
        row, column = divmod(number, index["columns"])
        tiles.append(
            sheet[row * tile_h : (row + 1) * tile_h, column * tile_w : (column + 1) * tile_w]
        )
    return index, tiles


def write(path: Path, out_dir: Path) -> tuple[ProbeResult, dict[str, Path]]:
    result = probe(path)
    return result, write_thumbnails(path, result, out_dir)


def test_posters_are_jpegs_of_the_stated_widths_keeping_aspect(
    make_case: Callable[[str], VideoCase], tmp_path: Path
) -> None:
    _, paths = write(make_case("cfr-bframes-mp4").path, tmp_path)
    assert set(paths) == {"small", "medium", "large", "sprite", "sprite_index"}
    for key, size_wh in {"small": (160, 120), "medium": (320, 240), "large": (640, 480)}.items():
        image = load_image(paths[key])
        assert (image.format, image.size) == ("JPEG", size_wh)
        assert paths[key].parent == tmp_path


def test_the_poster_is_the_keyframe_nearest_a_tenth_of_the_duration(
    make_case: Callable[[str], VideoCase], tmp_path: Path
) -> None:
    _, paths = write(make_case("long-gop-mov").path, tmp_path)  # keyframes 0 and 150 of 200
    assert read_painted_number(np.asarray(load_image(paths["medium"]))) == 0
    video = tmp_path / "many-keyframes.mp4"
    make_video(video, frame_count=200, gop=10)
    _, paths = write(video, tmp_path / "out")
    assert read_painted_number(np.asarray(load_image(paths["large"]))) == 20


@pytest.mark.parametrize("name", ["cfr-bframes-mp4", "vfr-mkv", "vp9-webm", "edit-list-cut-mp4"])
def test_a_short_video_gets_a_tile_per_frame_near_each_time(
    make_case: Callable[[str], VideoCase], tmp_path: Path, name: str
) -> None:
    case = make_case(name)
    result, paths = write(case.path, tmp_path)
    index, tiles = sprite_tiles(paths)
    frames = index["frames"]
    assert frames == sorted(set(frames))
    assert index["times_s"] == [result.frame_times_s[f] for f in frames]
    assert [read_painted_number(t) for t in tiles] == [case.decoded_numbers[f] for f in frames]
    assert index["tile_wh"] == [160, 120]
    assert index["columns"] == 10


@pytest.mark.parametrize("suffix", [".mp4", ".webm", ".ts"])
def test_a_long_video_gets_100_keyframe_tiles(tmp_path: Path, suffix: str) -> None:
    video = tmp_path / f"long{suffix}"
    make_video(video, frame_count=500, size_wh=(160, 120), gop=4)
    result, paths = write(video, tmp_path / "out")
    index, tiles = sprite_tiles(paths)
    assert len(tiles) == 100
    assert set(index["frames"]) <= set(result.keyframe_indices.tolist())
    assert [read_painted_number(t) for t in tiles] == index["frames"]
    assert load_image(paths["sprite"]).size == (1600, 1200)
    spacing_s = np.diff(index["times_s"])
    assert set(np.round(spacing_s, 6)) <= {0.16, 0.32}  # keyframes are 0.16 s apart


def test_rotation_is_applied_to_posters_and_tiles(tmp_path: Path) -> None:
    video = tmp_path / "portrait.mp4"
    make_video(video, frame_count=12, rotation_deg=90)
    _, paths = write(video, tmp_path / "out")
    poster = np.asarray(load_image(paths["small"]))
    assert poster.shape[:2] == (213, 160)
    assert read_painted_number(np.rot90(poster, k=1)) == 0  # undo 90 degrees clockwise
    index, tiles = sprite_tiles(paths)
    assert index["tile_wh"] == [160, 213]
    assert [read_painted_number(np.rot90(t, k=1)) for t in tiles] == index["frames"]


def test_writing_again_replaces_the_files_and_leaves_no_temporaries(
    make_case: Callable[[str], VideoCase], tmp_path: Path
) -> None:
    path = make_case("vp9-webm").path
    first = write(path, tmp_path)[1]
    before = {key: p.read_bytes() for key, p in first.items()}
    second = write(path, tmp_path)[1]
    assert {key: p.read_bytes() for key, p in second.items()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "sprite.jpg",
        "sprite.json",
        "thumb-large.jpg",
        "thumb-medium.jpg",
        "thumb-small.jpg",
    ]


def test_a_file_that_is_not_a_video_raises_media_error(
    make_case: Callable[[str], VideoCase], tmp_path: Path
) -> None:
    result = probe(make_case("cfr-bframes-mp4").path)
    (tmp_path / "notes.mp4").write_text("not a video")
    with pytest.raises(MediaError, match=r"notes\.mp4"):
        write_thumbnails(tmp_path / "notes.mp4", result, tmp_path / "out")
