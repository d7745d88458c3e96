"""``fingerprint``: a fast content id of a file, the same under any name or folder.

The recipe, so that another implementation (a browser before upload) can match it: SHA-256
over the file size in bytes as 8 bytes big-endian, then the file's bytes at three samples of
``SAMPLE_BYTES`` each: at offset 0, at ``(size - SAMPLE_BYTES) // 2`` and at
``size - SAMPLE_BYTES``. A file of at most ``3 * SAMPLE_BYTES`` bytes is hashed whole after
the size instead. The result is the lowercase hex digest.

It identifies a file, it does not prove integrity: two files differing only outside the
samples (and equal in size) share a fingerprint.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Final

SAMPLE_BYTES: Final = 256 * 1024


def fingerprint(path: Path) -> str:
    """The hex content id of ``path``; reads at most 3 x 256 KiB. OSError if unreadable."""
    with path.open("rb") as file:
        size_bytes = file.seek(0, 2)
        digest = hashlib.sha256(size_bytes.to_bytes(8, "big"))
        for offset, length in sample_ranges(size_bytes):
            file.seek(offset)
            digest.update(file.read(length))
    return digest.hexdigest()


def sample_ranges(size_bytes: int) -> list[tuple[int, int]]:
    """The (offset, length) byte ranges hashed for a file of ``size_bytes`` bytes."""
    if size_bytes <= 3 * SAMPLE_BYTES:
        return [(0, size_bytes)]
    middle = (size_bytes - SAMPLE_BYTES) // 2
    return [(0, SAMPLE_BYTES), (middle, SAMPLE_BYTES), (size_bytes - SAMPLE_BYTES, SAMPLE_BYTES)]
