"""``fingerprint`` identifies content whatever the file is called, from three samples."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest

from fovea.media import fingerprint
from fovea.media.fingerprint import SAMPLE_BYTES, sample_ranges

SIZE_BYTES = 5 * SAMPLE_BYTES + 12_345


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    path = tmp_path / "video.mp4"
    path.write_bytes(np.random.default_rng(3).integers(0, 256, SIZE_BYTES, np.uint8).tobytes())
    return path


def flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def test_same_content_under_another_name_has_the_same_fingerprint(
    big_file: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "elsewhere" / "renamed.webm"
    copy.parent.mkdir()
    shutil.copyfile(big_file, copy)
    assert fingerprint(copy) == fingerprint(big_file)
    assert len(fingerprint(big_file)) == 64


@pytest.mark.parametrize(
    "offset",
    [0, SAMPLE_BYTES - 1, (SIZE_BYTES - SAMPLE_BYTES) // 2 + 7, SIZE_BYTES - 1],
    ids=["start", "end-of-first-sample", "middle", "last-byte"],
)
def test_one_changed_byte_in_a_sample_changes_the_fingerprint(big_file: Path, offset: int) -> None:
    before = fingerprint(big_file)
    flip_byte(big_file, offset)
    assert fingerprint(big_file) != before


def test_a_change_between_the_samples_goes_unnoticed_as_documented(big_file: Path) -> None:
    before = fingerprint(big_file)
    flip_byte(big_file, SAMPLE_BYTES + 10)
    assert fingerprint(big_file) == before


def test_appending_a_byte_changes_the_fingerprint(big_file: Path) -> None:
    before = fingerprint(big_file)
    with big_file.open("ab") as file:
        file.write(b"\0")
    assert fingerprint(big_file) != before


def test_the_recipe_is_size_then_samples(big_file: Path) -> None:
    data = big_file.read_bytes()
    middle = (SIZE_BYTES - SAMPLE_BYTES) // 2
    expected = hashlib.sha256(SIZE_BYTES.to_bytes(8, "big"))
    for start in (0, middle, SIZE_BYTES - SAMPLE_BYTES):
        expected.update(data[start : start + SAMPLE_BYTES])
    assert fingerprint(big_file) == expected.hexdigest()


@pytest.mark.parametrize("size_bytes", [0, 1, 3 * SAMPLE_BYTES, 3 * SAMPLE_BYTES + 1, 10**12])
def test_at_most_three_samples_are_read(size_bytes: int) -> None:
    ranges = sample_ranges(size_bytes)
    assert sum(length for _, length in ranges) <= 3 * SAMPLE_BYTES
    assert all(start >= 0 and start + length <= size_bytes for start, length in ranges)


def test_a_small_file_is_hashed_whole(tmp_path: Path) -> None:
    path = tmp_path / "tiny.mp4"
    path.write_bytes(b"abc")
    expected = hashlib.sha256((3).to_bytes(8, "big") + b"abc").hexdigest()
    assert fingerprint(path) == expected
