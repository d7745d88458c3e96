"""The synthetic videos carry their ground truth through encoding, decoding and scaling."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from tests.media.synthetic import (
    make_audio_only,
    make_corrupt_file,
    make_video,
    paint_number,
    read_painted_number,
)

CASES = {
    "h264-bframes.mp4": {},
    "h264-vfr.mkv": {"vfr": True},
    "h264-vfr.mp4": {"vfr": True},
    "vp9.webm": {},
    "h264-odd.mp4": {"size_wh": (321, 241)},
    "vp9-odd.webm": {"size_wh": (321, 239)},
    "h264-no-bframes.mov": {"bframes": False},
}


def decode_all(path: Path) -> tuple[list[int], list[float], str]:
    """Painted numbers and times (s) of every decoded frame, and the picture types."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = list(container.decode(stream))
        numbers = [read_painted_number(f.to_ndarray(format="rgb24")) for f in frames]
        times_s = [float(f.time) for f in frames]
        kinds = "".join(" IPB"[f.pict_type] for f in frames)
    return numbers, times_s, kinds


@pytest.mark.parametrize("number", [0, 1, 2, 255, 4096, 29_999, 65_535])
def test_painted_number_reads_back_exactly(number: int) -> None:
    assert read_painted_number(paint_number(number, (320, 240))) == number


def test_painted_number_survives_downscaling_to_thumbnail_width() -> None:
    image = Image.fromarray(paint_number(12_345, (1280, 720))).resize((160, 90))
    assert read_painted_number(np.asarray(image)) == 12_345


def test_reading_an_unpainted_image_raises() -> None:
    with pytest.raises(ValueError, match="marker"):
        read_painted_number(np.full((240, 320, 3), 128, dtype=np.uint8))


def test_painting_a_number_too_large_raises() -> None:
    with pytest.raises(ValueError, match="16 bits"):
        paint_number(1 << 16, (320, 240))


@pytest.mark.parametrize(("name", "options"), CASES.items(), ids=list(CASES))
def test_every_frame_decodes_to_its_number_at_its_ground_truth_time(
    tmp_path: Path, name: str, options: dict[str, object]
) -> None:
    path = tmp_path / name
    truth_s = make_video(path, frame_count=30, **options)  # type: ignore[arg-type]
    numbers, times_s, _ = decode_all(path)
    assert numbers == list(range(30))
    assert times_s == pytest.approx(truth_s, abs=1e-9)


def test_h264_videos_really_contain_b_frames(tmp_path: Path) -> None:
    make_video(tmp_path / "b.mp4", frame_count=24, gop=12)
    assert decode_all(tmp_path / "b.mp4")[2] == "IBBPBBPBBPBP" * 2


def test_vfr_ground_truth_alternates_short_and_long_frames(tmp_path: Path) -> None:
    truth_s = make_video(tmp_path / "v.mkv", frame_count=5, fps=25, vfr=True)
    assert truth_s == pytest.approx([0.0, 0.04, 0.16, 0.2, 0.32])


def test_rotation_is_stored_as_metadata_and_frames_stay_upright(tmp_path: Path) -> None:
    make_video(tmp_path / "r.mp4", frame_count=3, rotation_deg=90)
    with av.open(str(tmp_path / "r.mp4")) as container:
        frame = next(container.decode(video=0))
    assert frame.rotation == -90  # FFmpeg counts counterclockwise
    assert read_painted_number(frame.to_ndarray(format="rgb24")) == 0


def test_audio_only_file_has_no_video_stream(tmp_path: Path) -> None:
    make_audio_only(tmp_path / "a.m4a")
    with av.open(str(tmp_path / "a.m4a")) as container:
        assert len(container.streams.audio) == 1
        assert len(container.streams.video) == 0


def test_corrupt_file_starts_like_an_mp4_and_does_not_open(tmp_path: Path) -> None:
    make_corrupt_file(tmp_path / "c.mp4")
    data = (tmp_path / "c.mp4").read_bytes()
    assert data[4:8] == b"ftyp"
    with pytest.raises(av.error.InvalidDataError):
        av.open(str(tmp_path / "c.mp4"))
