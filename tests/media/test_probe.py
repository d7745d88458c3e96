"""``probe`` builds the exact frame table from packets and refuses what is not a video."""

from __future__ import annotations

import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from fovea.media import AudioStream, MediaError, probe
from tests.media.support import ASSETS, RECIPES, REMUXED_CASES, VFR_CASES, VideoCase
from tests.media.synthetic import make_audio_only, make_corrupt_file, make_video


def test_frame_count_is_what_a_full_decode_finds(video_case: VideoCase) -> None:
    result = probe(video_case.path)
    assert result.frame_count == len(video_case.decoded_pts)
    assert len(result.frame_pts) == len(result.frame_times_s) == result.frame_count


def test_frame_pts_are_the_decoded_frames_pts_in_presentation_order(video_case: VideoCase) -> None:
    result = probe(video_case.path)
    assert result.frame_pts.dtype == np.int64
    assert result.frame_pts.tolist() == video_case.decoded_pts
    assert result.frame_times_s.tolist() == [
        float(pts * result.time_base) for pts in video_case.decoded_pts
    ]


@pytest.mark.parametrize("name", sorted(set(RECIPES) - REMUXED_CASES))
def test_frame_times_equal_the_ground_truth_exactly(
    make_case: Callable[[str], VideoCase], name: str
) -> None:
    case = make_case(name)  # remuxed cases: see the start-offset and edit-list tests
    result = probe(case.path)
    assert result.frame_times_s.tolist() == case.truth_s
    assert result.frame_times_s[0] == 0.0


@pytest.mark.parametrize("name", ["mpeg-ts-start-offset", "no-edit-list-mp4"])
def test_a_late_first_frame_keeps_its_own_time_on_the_stream_timeline(
    make_case: Callable[[str], VideoCase], name: str
) -> None:
    case = make_case(name)
    result = probe(case.path)
    offset_s = result.frame_times_s[0]
    assert offset_s > 0  # what the browser reports for frame 0 of such a file
    assert result.frame_times_s - offset_s == pytest.approx(case.truth_s, abs=1e-6)


def test_edit_list_cut_leaves_out_discarded_packets(make_case: Callable[[str], VideoCase]) -> None:
    case = make_case("edit-list-cut-mp4")
    result = probe(case.path)
    assert case.decoded_numbers[0] > 0  # the cut starts inside a GOP
    assert result.frame_count == len(case.decoded_numbers)
    assert result.frame_times_s[0] == 0.0
    assert result.keyframe_indices[0] > 0  # its keyframe is before the cut, discarded


def test_only_the_vfr_videos_are_flagged_vfr(video_case: VideoCase) -> None:
    assert probe(video_case.path).is_vfr == (video_case.name in VFR_CASES)


def test_keyframes_are_the_gop_starts(make_case: Callable[[str], VideoCase]) -> None:
    assert probe(make_case("cfr-bframes-mp4").path).keyframe_indices.tolist() == [0, 12, 24, 36]
    assert probe(make_case("long-gop-mov").path).keyframe_indices.tolist() == [0, 150]


@pytest.mark.parametrize(
    ("name", "codec", "container", "size_wh"),
    [
        ("cfr-bframes-mp4", "h264", "mov,mp4,m4a,3gp,3g2,mj2", (320, 240)),
        ("vp9-webm", "vp9", "matroska,webm", (320, 240)),
        ("odd-size-h264-mp4", "h264", "mov,mp4,m4a,3gp,3g2,mj2", (321, 241)),
        ("odd-size-vp9-webm", "vp9", "matroska,webm", (321, 239)),
        ("mpeg-ts-start-offset", "h264", "mpegts", (320, 240)),
    ],
)
def test_codec_container_and_coded_size(
    make_case: Callable[[str], VideoCase],
    name: str,
    codec: str,
    container: str,
    size_wh: tuple[int, int],
) -> None:
    result = probe(make_case(name).path)
    assert (result.codec, result.container) == (codec, container)
    assert (result.width, result.height) == size_wh
    assert result.rotation_deg == 0
    assert result.audio_streams == ()


def test_rates_and_duration_of_a_constant_rate_video(make_case: Callable[[str], VideoCase]) -> None:
    result = probe(make_case("cfr-bframes-mp4").path)
    assert result.avg_fps == 25.0
    assert result.real_fps == 25.0
    assert result.duration_s == pytest.approx(48 / 25)
    assert isinstance(result.time_base, Fraction)


def test_duration_of_a_vfr_video_ends_with_its_last_frame(
    make_case: Callable[[str], VideoCase],
) -> None:
    result = probe(make_case("vfr-mkv").path)
    assert result.duration_s == pytest.approx(3.84)  # last frame at 3.72 s lasts 3/25 s


@pytest.mark.parametrize("rotation_deg", [0, 90, 180, 270])
def test_rotation_is_read_clockwise_from_the_display_matrix(
    tmp_path: Path, rotation_deg: int
) -> None:
    make_video(tmp_path / "r.mp4", frame_count=4, rotation_deg=rotation_deg)
    result = probe(tmp_path / "r.mp4")
    assert result.rotation_deg == rotation_deg
    assert (result.width, result.height) == (320, 240)  # coded size is not rotated


def test_audio_streams_of_a_real_video() -> None:
    result = probe(ASSETS / "big-buck-bunny-720p.mp4")
    assert result.audio_streams == (AudioStream("aac", 6, 48_000, None),)


def test_probe_reads_packets_without_decoding_every_frame(tmp_path: Path) -> None:
    path = tmp_path / "long.mp4"
    make_video(path, frame_count=300, size_wh=(640, 360), gop=300)
    started = time.perf_counter()
    result = probe(path)
    probe_s = time.perf_counter() - started
    started = time.perf_counter()
    with av.open(str(path)) as container:
        decoded = sum(1 for _ in container.decode(video=0))
    decode_s = time.perf_counter() - started
    assert result.frame_count == decoded == 300
    assert probe_s < decode_s / 4


@pytest.mark.parametrize(
    ("write", "message"),
    [
        (lambda p: p.write_bytes(b""), "empty"),
        (make_corrupt_file, "not a video file"),
        (lambda p: p.write_text("hello, this is not a video\n" * 40), "not a video file"),
        (make_audio_only, "no video stream .audio only"),
    ],
    ids=["empty", "corrupt", "text", "audio-only"],
)
def test_what_is_not_a_video_raises_media_error_saying_why(
    tmp_path: Path, write: Callable[[Path], object], message: str
) -> None:
    path = tmp_path / "upload.mp4"
    write(path)
    with pytest.raises(MediaError, match=message) as caught:
        probe(path)
    assert "upload.mp4" in str(caught.value)
    assert str(tmp_path) not in str(caught.value)  # no full path leaks into the message


def test_a_missing_file_raises_media_error(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match=r"cannot read gone\.mp4"):
        probe(tmp_path / "gone.mp4")


@pytest.mark.parametrize("suffix", [".webm", ".mkv"])
def test_a_truncated_video_counts_only_the_frames_present(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"whole{suffix}"
    make_video(path, frame_count=48)
    truncated = tmp_path / f"truncated{suffix}"
    truncated.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    result = probe(truncated)
    with av.open(str(truncated)) as container:
        decoded = sum(1 for _ in container.decode(video=0))
    assert 0 < result.frame_count == decoded < 48


def test_a_truncated_mp4_without_its_index_raises_media_error(tmp_path: Path) -> None:
    path = tmp_path / "whole.mp4"
    make_video(path, frame_count=48)  # the index (moov) is written last
    truncated = tmp_path / "truncated.mp4"
    truncated.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(MediaError, match="not a video file"):
        probe(truncated)


def test_results_compare_by_value_and_their_arrays_are_read_only(
    make_case: Callable[[str], VideoCase],
) -> None:
    path = make_case("vfr-mkv").path
    first, second = probe(path), probe(path)
    assert first == second
    assert first != probe(make_case("vp9-webm").path)
    with pytest.raises(ValueError, match="read-only"):
        first.frame_pts[0] = 1
    with pytest.raises(TypeError):
        hash(first)
