"""The process's LRU of open frame readers."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from tests.media.synthetic import read_painted_number
from tests.videos.conftest import Synthetic

from fovea.videos.frames import FrameReaders


def number(data: bytes) -> int:
    return read_painted_number(np.asarray(Image.open(io.BytesIO(data)).convert("RGB")))


def test_readers_are_reused_evicted_and_renewed_when_the_file_changes(
    synthetic: dict[str, Synthetic], tmp_path: Path
) -> None:
    readers = FrameReaders(capacity=2)
    paths = []
    for index, name in enumerate(["cfr-bframes.mp4", "vfr.mkv", "odd-h264.mov"]):
        paths.append(tmp_path / f"{index}{synthetic[name].path.suffix}")
        shutil.copyfile(synthetic[name].path, paths[-1])
    assert number(readers.encode(paths[0], 5, "png", None)) == 5
    first = next(iter(readers._entries.values())).reader
    assert number(readers.encode(paths[0], 6, "png", None)) == 6
    assert len(readers) == 1
    for path in paths[1:]:
        assert number(readers.encode(path, 9, "png", None)) == 9
    assert len(readers) == 2
    with pytest.raises(ValueError):  # the least recently used reader was closed
        first.encode(1)
    shutil.copyfile(synthetic["odd-h264.mov"].path, paths[0])
    assert number(readers.encode(paths[0], 40, "jpeg", 64)) == 40
    readers.close()
    assert len(readers) == 0
