"""Receiving an uploaded video: the multipart body streamed to disk, its type proved by probing.

The ``file`` part of a ``multipart/form-data`` body is written in chunks to a hidden
``uploads/.upload-<random>.part`` inside the video folder (the scan skips hidden files), with
the size limit enforced as the bytes arrive. The file is then probed: a file that is not a
readable video, or whose container the library does not scan, is removed and refused. A
video is linked (never renamed over anything) to ``uploads/<random>-<sanitised name><ext>``,
the extension chosen by the probed container, beside a ``.info.json`` sidecar holding the
original file name as title, so a later scan finds the same video with the same title.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import IO, Any

import anyio
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from fovea.errors import InvalidInput, TooLarge, UnsupportedMediaType
from fovea.media import MediaError, fingerprint, probe
from fovea.videos.files import UPLOADS_FOLDER, extension_for, resolve_inside
from fovea.videos.sidecar import sidecar_path

FILE_FIELD = "file"
WRITE_BUFFER_BYTES = 1024 * 1024
MULTIPART_OVERHEAD_BYTES = 64 * 1024  # boundaries and part headers around the file
MAX_NAME_CHARS = 80


@dataclass(frozen=True)
class StoredUpload:
    relative_path: str  # inside the video folder
    fingerprint: str
    size_bytes: int
    info: dict[str, Any]  # what its sidecar says


@dataclass
class _FilePart:
    """python-multipart callbacks: keep the first ``file`` part's bytes and its file name."""

    pending: list[bytes] = field(default_factory=list)
    filename: str | None = None
    complete: bool = False
    _headers: dict[bytes, bytes] = field(default_factory=dict)
    _name: bytes = b""
    _value: bytes = b""
    _active: bool = False

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self._begin, "on_header_field": self._header_field,
            "on_header_value": self._header_value, "on_header_end": self._header_end,
            "on_headers_finished": self._headers_done, "on_part_data": self._data,
            "on_part_end": self._end,
        }  # fmt: skip

    def _begin(self) -> None:
        self._headers, self._active = {}, False

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._name += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        self._headers[self._name.lower()] = self._value
        self._name = self._value = b""

    def _headers_done(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        is_file = options.get(b"name") == FILE_FIELD.encode() and b"filename" in options
        if is_file and self.filename is None:
            self.filename = options[b"filename"].decode("utf-8", "replace")
            self._active = True

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._active:
            self.pending.append(data[start:end])

    def _end(self) -> None:
        if self._active:
            self.complete, self._active = True, False


def _boundary(request: Request) -> bytes:
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    if content_type != b"multipart/form-data" or not options.get(b"boundary"):
        raise UnsupportedMediaType("send the video as multipart/form-data with a 'file' field")
    return options[b"boundary"]


def _check_declared_length(request: Request, max_bytes: int) -> None:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes + MULTIPART_OVERHEAD_BYTES:
        raise TooLarge(f"the upload is larger than the limit of {max_bytes} bytes")


async def _receive(request: Request, out: IO[bytes], max_bytes: int) -> _FilePart:
    """Stream the body through the parser into ``out``; TooLarge as soon as it is too big."""
    part = _FilePart()
    parser = MultipartParser(_boundary(request), part.callbacks())  # type: ignore[arg-type]
    size_bytes, buffer = 0, bytearray()
    try:
        async for chunk in request.stream():
            parser.write(chunk)
            for piece in part.pending:
                size_bytes += len(piece)
                buffer += piece
            part.pending.clear()
            if size_bytes > max_bytes:
                raise TooLarge(f"the upload is larger than the limit of {max_bytes} bytes")
            if len(buffer) >= WRITE_BUFFER_BYTES:
                await anyio.to_thread.run_sync(out.write, bytes(buffer))
                buffer.clear()
        parser.finalize()
    except FormParserError as exc:
        raise InvalidInput(f"the multipart body is malformed: {exc}") from exc
    await anyio.to_thread.run_sync(out.write, bytes(buffer + b"".join(part.pending)))
    if not part.complete:
        raise InvalidInput("the body has no complete 'file' part with a filename")
    return part


def _sanitised_stem(filename: str) -> str:
    stem = PurePosixPath(filename.replace("\\", "/")).stem
    safe = re.sub(r"[-\s]*[^A-Za-z0-9._-]+[-\s]*|-{2,}", "-", stem).strip(".-_")
    return safe[:MAX_NAME_CHARS] or "video"


def _title(filename: str) -> str:
    stem = PurePosixPath(filename.replace("\\", "/")).stem
    return "".join(ch for ch in stem if ch.isprintable()).strip()[:200] or "Uploaded video"


def _store(part_path: Path, uploads: Path, filename: str) -> StoredUpload:
    """Probe the received file and link it under its final name (blocking: run in a thread)."""
    try:
        probed = probe(part_path)
    except MediaError as exc:
        raise UnsupportedMediaType(f"the upload is not a readable video: {exc}") from exc
    extension = extension_for(probed.container, probed.codec)
    if extension is None:
        raise UnsupportedMediaType(f"videos in the {probed.container} container are not supported")
    final = uploads / f"{uuid.uuid4().hex[:12]}-{_sanitised_stem(filename)}{extension}"
    os.link(part_path, final)  # fails rather than overwrite
    info = {"title": _title(filename), "original_filename": filename}
    stored = StoredUpload(f"{UPLOADS_FOLDER}/{final.name}", "", 0, info)
    try:
        with sidecar_path(final).open("x", encoding="utf-8") as sidecar:
            json.dump(info, sidecar)
        return replace(stored, fingerprint=fingerprint(final), size_bytes=final.stat().st_size)
    except BaseException:
        remove_upload(uploads.parent, stored)
        raise


async def receive_upload(request: Request, video_dir: Path, max_bytes: int) -> StoredUpload:
    """Receive, check and store the uploaded video; on any failure nothing stays on disk."""
    _check_declared_length(request, max_bytes)
    await anyio.to_thread.run_sync(
        lambda: (video_dir / UPLOADS_FOLDER).mkdir(parents=True, exist_ok=True)
    )
    uploads = resolve_inside(video_dir, UPLOADS_FOLDER)  # not a symlink leaving the folder
    part_path = uploads / f".upload-{uuid.uuid4().hex}.part"
    out = await anyio.to_thread.run_sync(part_path.open, "xb")
    try:
        try:
            part = await _receive(request, out, max_bytes)
        finally:
            await anyio.to_thread.run_sync(out.close)
        assert part.filename is not None
        return await anyio.to_thread.run_sync(_store, part_path, uploads, part.filename)
    finally:
        await anyio.to_thread.run_sync(lambda: part_path.unlink(missing_ok=True))


def remove_upload(video_dir: Path, stored: StoredUpload) -> None:
    """Delete a stored upload and its sidecar (a duplicate of a video already in the library)."""
    path = video_dir / stored.relative_path
    for leftover in (path, sidecar_path(path)):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
