"""The video folder on disk: walking it safely, paths inside it, and media types.

Every path fovea opens is resolved (symlinks followed) and must lie inside the resolved video
folder (or media folder); ``..``, absolute paths and symlinks that leave the folder are refused.
Folders that are symlinks are not descended into; hidden files and folders (``.name``), which
include unfinished uploads, are skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from fovea.config import Settings
from fovea.errors import NotFound

VIDEO_EXTENSIONS = frozenset({".mp4", ".webm", ".mov", ".mkv", ".avi", ".ogv"})
LIBRARY_SCHEME = "library:"
UPLOADS_FOLDER = "uploads"
WEBM_CODECS = frozenset({"vp8", "vp9", "av1"})


@dataclass(frozen=True)
class LibraryPaths:
    """The absolute video folder and media folder (workers must see the same paths)."""

    video_dir: Path
    media_dir: Path

    @classmethod
    def from_settings(cls, settings: Settings) -> LibraryPaths:
        return cls(settings.resolved_video_dir.resolve(), settings.media_dir.resolve())

    def media_dir_of(self, video_id: uuid.UUID) -> Path:
        """The folder of one video's thumbnails and sprite sheet."""
        return self.media_dir / str(video_id)


def library_uri(relative_path: str) -> str:
    return LIBRARY_SCHEME + relative_path


def relative_path(storage_uri: str) -> str | None:
    """The path inside the video folder of a library video; None for other storage."""
    return storage_uri.removeprefix(LIBRARY_SCHEME) if is_library(storage_uri) else None


def is_library(storage_uri: str) -> bool:
    return storage_uri.startswith(LIBRARY_SCHEME)


def resolve_inside(root: Path, relative: str) -> Path:
    """``root/relative`` resolved; NotFound when it would leave ``root``."""
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts:
        raise NotFound(f"{relative!r} is not a path inside the folder")
    base = root.resolve()
    path = base.joinpath(*parts).resolve()
    if not path.is_relative_to(base):
        raise NotFound(f"{relative!r} leads outside the folder")
    return path


def walk_videos(root: Path) -> Iterator[str]:
    """Relative POSIX paths of the video files under ``root``, sorted, symlink escapes skipped."""
    base = root.resolve()
    found: list[str] = []
    for folder, subfolders, names in os.walk(base, followlinks=False):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in names:
            if name.startswith(".") or Path(name).suffix.lower() not in VIDEO_EXTENSIONS:
                continue
            path = Path(folder, name)
            if path.resolve().is_relative_to(base) and path.resolve().is_file():
                found.append(path.relative_to(base).as_posix())
    yield from sorted(found)


def _family(container: str | None) -> str | None:
    names = set((container or "").lower().split(","))
    for family, members in (
        ("mp4", {"mp4", "mov", "m4a", "3gp", "quicktime"}),
        ("matroska", {"matroska", "webm", "mkv"}),
        ("avi", {"avi"}),
        ("ogg", {"ogg", "ogv"}),
    ):
        if names & members:
            return family
    return None


def media_type(container: str | None, codec: str | None, file_name: str) -> str:
    """The Content-Type of a video from its probed container and codec.

    The probe decides the family; the file's extension only tells QuickTime from MP4 within
    the family that PyAV reports as one (``mov,mp4,...``).
    """
    suffix = Path(file_name).suffix.lower()
    family = _family(container)
    if family == "mp4":
        return "video/quicktime" if suffix == ".mov" else "video/mp4"
    if family == "matroska":
        return "video/webm" if (codec or "").lower() in WEBM_CODECS else "video/x-matroska"
    if family == "avi":
        return "video/x-msvideo"
    if family == "ogg":
        return "video/ogg"
    return "application/octet-stream"


def extension_for(container: str | None, codec: str | None) -> str | None:
    """The file extension a probed upload is stored with; None for containers not scanned."""
    family = _family(container)
    if family == "matroska":
        return ".webm" if (codec or "").lower() in WEBM_CODECS else ".mkv"
    return {"mp4": ".mp4", "avi": ".avi", "ogg": ".ogv"}.get(family or "")
