"""The real sample videos (samples/videos, licences in its README) probe, read and thumbnail."""

from __future__ import annotations

import json
from pathlib import Path

import av
import numpy as np
import pytest

from fovea.media import FrameReader, probe, write_thumbnails
from tests.media.support import ASSETS, load_image

SAMPLES = {
    "big-buck-bunny-720p.mp4": ("h264", "mov,mp4,m4a,3gp,3g2,mj2", 25.0),
    "dust-storm.webm": ("vp9", "matroska,webm", 30.0),
}


def decoded_frames(path: Path) -> list[np.ndarray]:
    """Every frame of ``path`` as RGB, decoded in order by PyAV directly."""
    with av.open(str(path)) as container:
        return [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]


@pytest.fixture(scope="module", params=list(SAMPLES))
def sample(request: pytest.FixtureRequest) -> tuple[Path, list[np.ndarray]]:
    path = ASSETS / request.param
    return path, decoded_frames(path)


def test_probe_matches_a_full_decode(sample: tuple[Path, list[np.ndarray]]) -> None:
    path, frames = sample
    codec, container, fps = SAMPLES[path.name]
    result = probe(path)
    assert (result.codec, result.container) == (codec, container)
    assert (result.width, result.height, result.rotation_deg) == (1280, 720, 0)
    assert result.frame_count == len(frames)
    assert result.frame_times_s[0] == 0.0
    assert result.avg_fps == pytest.approx(fps, rel=0.01)
    assert not result.is_vfr
    assert result.duration_s == pytest.approx(len(frames) / fps, abs=0.02)


def test_reader_frames_equal_the_decoded_frames_in_any_order(
    sample: tuple[Path, list[np.ndarray]],
) -> None:
    path, frames = sample
    result = probe(path)
    wanted = [len(frames) - 1, 0, 57, 56, 100, 3]
    with FrameReader(path, result, cache_frames=2) as reader:
        for frame in wanted:
            assert np.array_equal(reader.frame_rgb(frame), frames[frame]), frame


def test_thumbnails_and_sprite_are_jpegs_of_the_stated_sizes(
    sample: tuple[Path, list[np.ndarray]], tmp_path: Path
) -> None:
    path = sample[0]
    result = probe(path)
    paths = write_thumbnails(path, result, tmp_path)
    for key, size_wh in {"small": (160, 90), "medium": (320, 180), "large": (640, 360)}.items():
        image = load_image(paths[key])
        assert (image.format, image.size) == ("JPEG", size_wh)
    index = json.loads(paths["sprite_index"].read_text())
    tiles = len(index["times_s"])
    assert 1 <= tiles <= 100
    assert index["tile_wh"] == [160, 90]
    rows = -(-tiles // index["columns"])
    sprite = load_image(paths["sprite"])
    assert (sprite.format, sprite.size) == ("JPEG", (160 * index["columns"], 90 * rows))
    assert index["times_s"] == sorted(index["times_s"])
    assert index["times_s"][-1] <= result.duration_s
