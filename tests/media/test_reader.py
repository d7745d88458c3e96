"""``FrameReader`` returns exactly frame n, whatever the order of requests."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from fovea.media import FrameReader, MediaError, probe
from fovea.media.reader import CACHE_BYTES_MAX
from tests.media.support import VideoCase, load_image
from tests.media.synthetic import make_corrupt_file, read_painted_number

ORDERS: dict[str, Callable[[int], list[int]]] = {
    "sequential": lambda n: list(range(n)),
    "random": lambda n: random.Random(20_240_601).sample(range(n), n),
    "backwards": lambda n: list(range(n - 1, -1, -1)),
}


@pytest.fixture
def reader_of(make_case: Callable[[str], VideoCase]) -> Iterator[Callable[..., FrameReader]]:
    """Open FrameReaders on cases by name (options passed on); all closed afterwards."""
    readers: list[FrameReader] = []

    def open_reader(name: str, **options: int) -> FrameReader:
        path = make_case(name).path
        readers.append(FrameReader(path, probe(path), **options))
        return readers[-1]

    yield open_reader
    for reader in readers:
        reader.close()


@pytest.mark.parametrize("order", list(ORDERS))
@pytest.mark.parametrize("cache_frames", [64, 0])
def test_every_frame_shows_its_own_number(
    video_case: VideoCase, order: str, cache_frames: int
) -> None:
    result = probe(video_case.path)
    frames = ORDERS[order](result.frame_count)
    with FrameReader(video_case.path, result, cache_frames=cache_frames) as reader:
        shown = {frame: read_painted_number(reader.frame_rgb(frame)) for frame in frames}
    assert [shown[frame] for frame in range(result.frame_count)] == video_case.decoded_numbers


def test_frame_rgb_is_height_by_width_by_3_uint8_in_coded_size(
    reader_of: Callable[..., FrameReader],
) -> None:
    image = reader_of("odd-size-h264-mp4").frame_rgb(5)
    assert image.shape == (241, 321, 3)
    assert image.dtype == np.uint8


def test_reading_on_after_a_seek_does_not_seek_again(
    reader_of: Callable[..., FrameReader], monkeypatch: pytest.MonkeyPatch
) -> None:
    reader = reader_of("long-gop-mov", cache_frames=0)
    seeks: list[int] = []
    seek_to = FrameReader._seek_to

    def counting_seek_to(self: FrameReader, keyframe: int) -> None:
        seeks.append(keyframe)
        seek_to(self, keyframe)

    monkeypatch.setattr(FrameReader, "_seek_to", counting_seek_to)
    for frame in range(100, 140):
        assert read_painted_number(reader.frame_rgb(frame)) == frame
    reader.frame_rgb(160)  # past the keyframe at 150: a seek beats decoding 20 frames
    reader.frame_rgb(20)  # backwards: a seek
    assert seeks == [0, 150, 0]


def test_reading_a_frame_again_comes_from_the_cache(
    reader_of: Callable[..., FrameReader], monkeypatch: pytest.MonkeyPatch
) -> None:
    reader = reader_of("long-gop-mov", cache_frames=8)
    first = reader.frame_rgb(40)
    monkeypatch.setattr(FrameReader, "_seek_to", lambda self, k: pytest.fail("seeked"))
    monkeypatch.setattr(FrameReader, "_decode_forward_to", lambda self, f: pytest.fail("decoded"))
    assert np.array_equal(reader.frame_rgb(40), first)
    assert read_painted_number(reader.frame_rgb(35)) == 35  # decoded on the way to 40


def test_the_cache_is_bounded_in_bytes() -> None:
    assert CACHE_BYTES_MAX <= 512 * 1024 * 1024


@pytest.mark.parametrize("frame", [-1, 48, 10**9])
def test_a_frame_outside_the_video_raises_index_error(
    reader_of: Callable[..., FrameReader], frame: int
) -> None:
    with pytest.raises(IndexError, match=f"frame {frame} outside"):
        reader_of("cfr-bframes-mp4").frame_rgb(frame)


@pytest.mark.parametrize(("fmt", "pillow_format"), [("jpeg", "JPEG"), ("png", "PNG")])
def test_encode_gives_an_image_of_the_frame(
    reader_of: Callable[..., FrameReader], fmt: str, pillow_format: str
) -> None:
    data = reader_of("odd-size-vp9-webm").encode(17, fmt)
    image = load_image(data)
    assert image.format == pillow_format
    assert image.size == (321, 239)
    assert read_painted_number(np.asarray(image.convert("RGB"))) == 17


def test_encode_downscales_to_max_width_keeping_aspect_and_never_enlarges(
    reader_of: Callable[..., FrameReader],
) -> None:
    reader = reader_of("cfr-bframes-mp4")
    small = load_image(reader.encode(30, max_width=160))
    assert small.size == (160, 120)
    assert read_painted_number(np.asarray(small)) == 30
    assert load_image(reader.encode(30, max_width=4000)).size == (320, 240)


def test_encode_refuses_an_unknown_format(reader_of: Callable[..., FrameReader]) -> None:
    with pytest.raises(ValueError, match="unknown image format 'gif'"):
        reader_of("cfr-bframes-mp4").encode(0, "gif")


def test_threads_sharing_a_reader_each_get_their_frame(
    reader_of: Callable[..., FrameReader],
) -> None:
    reader = reader_of("long-gop-mov", cache_frames=4)
    wrong: list[tuple[int, int]] = []

    def read(seed: int) -> None:
        for frame in random.Random(seed).sample(range(200), 40):
            shown = read_painted_number(reader.frame_rgb(frame))
            if shown != frame:
                wrong.append((frame, shown))

    threads = [threading.Thread(target=read, args=(seed,)) for seed in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


def test_a_closed_reader_refuses_to_read(reader_of: Callable[..., FrameReader]) -> None:
    reader = reader_of("cfr-bframes-mp4")
    reader.close()
    reader.close()  # closing twice is harmless
    with pytest.raises(ValueError, match="closed"):
        reader.frame_rgb(0)


def test_opening_a_corrupt_file_raises_media_error(
    tmp_path: Path, make_case: Callable[[str], VideoCase]
) -> None:
    result = probe(make_case("cfr-bframes-mp4").path)
    make_corrupt_file(tmp_path / "bad.mp4")
    with pytest.raises(MediaError, match=r"bad\.mp4"):
        FrameReader(tmp_path / "bad.mp4", result)
