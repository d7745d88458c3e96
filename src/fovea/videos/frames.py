"""Exact frames by index: an LRU of open ``FrameReader``s shared by the process's requests.

Opening a reader probes the file (its frame table) once; after that, frame n costs a seek to
the keyframe before it and a decode forward, and the reader caches decoded frames. Everything
here blocks: call it in a worker thread, never in the event loop. A reader evicted while a
request still uses it is closed when that request is done with it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from fovea.media import FrameReader, probe

DEFAULT_CAPACITY = 8  # open files per process; each keeps up to 64 decoded frames


@dataclass
class _Entry:
    reader: FrameReader
    users: int = 0
    evicted: bool = False


class FrameReaders:
    """Readers keyed by (path, size, modification time): a changed file gets a new reader."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self._capacity = capacity
        self._entries: OrderedDict[tuple[str, int, int], _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def encode(self, path: Path, frame: int, fmt: str, max_width: int | None) -> bytes:
        """Frame ``frame`` of ``path`` as JPEG or PNG bytes, at most ``max_width`` px wide."""
        with self._using(path) as reader:
            return reader.encode(frame, fmt=fmt, max_width=max_width)

    @contextmanager
    def _using(self, path: Path) -> Iterator[FrameReader]:
        entry = self._acquire(path)
        try:
            yield entry.reader
        finally:
            with self._lock:
                entry.users -= 1
                close = entry.evicted and entry.users == 0
            if close:
                entry.reader.close()

    def _acquire(self, path: Path) -> _Entry:
        stat = path.stat()
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                entry.users += 1
                return entry
        opened = FrameReader(path, probe(path))  # slow: outside the lock
        with self._lock:
            entry = self._entries.get(key)
            closing = [opened] if entry is not None else []  # another thread was quicker
            if entry is None:
                entry = self._entries[key] = _Entry(opened)
            entry.users += 1
            closing += self._evict()
        for reader in closing:
            reader.close()
        return entry

    def _evict(self) -> list[FrameReader]:
        """Drop the least recently used entries over capacity; return the readers to close."""
        closing = []
        while len(self._entries) > self._capacity:
            _, entry = self._entries.popitem(last=False)
            entry.evicted = True
            if entry.users == 0:
                closing.append(entry.reader)
        return closing

    def close(self) -> None:
        """Close every reader not in use now; those in use close when their request ends."""
        with self._lock:
            closing = []
            for entry in self._entries.values():
                entry.evicted = True
                if entry.users == 0:
                    closing.append(entry.reader)
            self._entries.clear()
        for reader in closing:
            reader.close()


READERS = FrameReaders()
