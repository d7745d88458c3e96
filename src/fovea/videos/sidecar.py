"""`.info.json` sidecars in the yt-dlp format: read one, and the columns it fills.

yt-dlp writes ``<name>.info.json`` beside ``<name>.<ext>``. Every field is optional and may have
the wrong type in hand-written files; a bad field is ignored, never fatal, and the whole
sidecar is kept in ``Video.info`` for display.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

SIDECAR_SUFFIX = ".info.json"
MAX_SIDECAR_BYTES = 4 * 1024 * 1024
COUNT_FIELDS = ("view_count", "like_count", "repost_count", "comment_count")


def sidecar_path(video_path: Path) -> Path:
    """``clip.mp4`` -> ``clip.info.json`` in the same folder."""
    return video_path.with_name(video_path.stem + SIDECAR_SUFFIX)


def read_sidecar(video_path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The sidecar's JSON object (None when there is none) and why it was unreadable."""
    path = sidecar_path(video_path)
    if not path.is_file():
        return None, None
    try:
        if path.stat().st_size > MAX_SIDECAR_BYTES:
            return None, f"{path.name} is larger than {MAX_SIDECAR_BYTES} bytes"
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, f"{path.name} is not readable JSON: {exc}"
    if not isinstance(data, dict):
        return None, f"{path.name} does not hold a JSON object"
    return data, None


@dataclass(frozen=True)
class SidecarColumns:
    """What a sidecar contributes to the searchable, sortable columns of a video."""

    title: str
    description: str | None
    uploader: str | None
    tags: list[str]
    upload_date: date | None


def _text(info: dict[str, Any], key: str) -> str | None:
    value = info.get(key)
    return value.strip() or None if isinstance(value, str) else None


def _upload_date(value: object) -> date | None:
    """yt-dlp's ``upload_date`` is ``YYYYMMDD``; ISO ``YYYY-MM-DD`` is accepted too."""
    if not isinstance(value, str):
        return None
    for layout in ("%Y%m%d", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), layout).date()
        except ValueError:
            continue
    return None


def columns(info: dict[str, Any] | None, fallback_title: str) -> SidecarColumns:
    """The columns of a video described by ``info`` (None: no sidecar) or named by its file."""
    info = info or {}
    raw_tags = info.get("tags")
    tags = (
        [tag.strip() for tag in raw_tags if isinstance(tag, str) and tag.strip()]
        if (isinstance(raw_tags, list))
        else []
    )
    return SidecarColumns(
        title=_text(info, "title") or fallback_title,
        description=_text(info, "description"),
        uploader=_text(info, "uploader"),
        tags=list(dict.fromkeys(tags)),
        upload_date=_upload_date(info.get("upload_date")),
    )


def display_fields(info: dict[str, Any]) -> dict[str, Any]:
    """The sidecar fields every video JSON carries flattened: source URL, uploader id, counts."""
    fields: dict[str, Any] = {
        "uploader_id": _text(info, "uploader_id"),
        "webpage_url": _text(info, "webpage_url"),
    }
    for key in COUNT_FIELDS:
        value = info.get(key)
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        fields[key] = value if ok else None
    return fields
