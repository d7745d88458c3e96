"""Paths inside the video folder, media types from probed containers, sidecar fields."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from fovea.errors import NotFound
from fovea.videos import sidecar
from fovea.videos.files import extension_for, media_type, resolve_inside, walk_videos
from fovea.videos.upload import _sanitised_stem

MP4 = "mov,mp4,m4a,3gp,3g2,mj2"
MKV = "matroska,webm"


@pytest.mark.parametrize("relative", ["../x.mp4", "a/../../x.mp4", "/etc/passwd", "", "."])
def test_paths_leaving_the_folder_are_refused(tmp_path: Path, relative: str) -> None:
    with pytest.raises(NotFound):
        resolve_inside(tmp_path, relative)


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "root").mkdir()
    (tmp_path / "secret.mp4").write_bytes(b"x")
    (tmp_path / "root" / "link.mp4").symlink_to(tmp_path / "secret.mp4")
    with pytest.raises(NotFound):
        resolve_inside(tmp_path / "root", "link.mp4")
    assert resolve_inside(tmp_path, "root/link.mp4") == (tmp_path / "secret.mp4").resolve()


def test_walk_lists_videos_inside_only_sorted(tmp_path: Path) -> None:
    for name in ("b/clip.MKV", "a.mp4", "c.ogv", ".part.mp4", "x.txt", ".hidden/d.mp4"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "inside-link.webm").symlink_to(tmp_path / "a.mp4")
    (tmp_path / "broken-link.mp4").symlink_to(tmp_path / "nowhere.mp4")
    assert list(walk_videos(tmp_path)) == ["a.mp4", "b/clip.MKV", "c.ogv", "inside-link.webm"]


@pytest.mark.parametrize(
    ("container", "codec", "name", "expected"),
    [
        (MP4, "h264", "clip.mp4", "video/mp4"),
        (MP4, "h264", "clip.mkv", "video/mp4"),
        (MP4, "prores", "clip.MOV", "video/quicktime"),
        (MKV, "vp9", "clip.mkv", "video/webm"),
        (MKV, "av1", "clip.mp4", "video/webm"),
        (MKV, "h264", "clip.webm", "video/x-matroska"),
        ("avi", "mpeg4", "clip.mp4", "video/x-msvideo"),
        ("ogg", "theora", "clip.ogv", "video/ogg"),
        ("mpegts", "h264", "clip.mp4", "application/octet-stream"),
        (None, None, "clip.mp4", "application/octet-stream"),
    ],
)
def test_media_type_comes_from_the_container(
    container: str | None, codec: str | None, name: str, expected: str
) -> None:
    assert media_type(container, codec, name) == expected


@pytest.mark.parametrize(
    ("container", "codec", "expected"),
    [(MP4, "h264", ".mp4"), (MKV, "vp8", ".webm"), (MKV, "h264", ".mkv"), ("avi", "x", ".avi"),
     ("ogg", "theora", ".ogv"), ("mpegts", "h264", None), ("image2", "png", None)],
)  # fmt: skip
def test_uploads_get_the_extension_of_their_container(
    container: str, codec: str, expected: str | None
) -> None:
    assert extension_for(container, codec) == expected


@pytest.mark.parametrize(
    ("filename", "expected"),
    [("../../Evil name; rm -rf.MP4", "Evil-name-rm-rf"), ("..hidden.mp4", "hidden"),
     ("C:\\Users\\me\\clip 1.mov", "clip-1"), ("名前.mp4", "video"), ("a--b.webm", "a-b"),
     ("x" * 300 + ".mp4", "x" * 80)],
)  # fmt: skip
def test_upload_names_are_sanitised(filename: str, expected: str) -> None:
    assert _sanitised_stem(filename) == expected


def test_sidecar_columns_tolerate_wrong_types() -> None:
    info: dict[str, Any] = {
        "title": "  A title ", "description": 3, "uploader": "", "tags": ["a", 1, " a ", "b", ""],
        "upload_date": "2020-02-30", "like_count": True, "view_count": 12,
        "comment_count": -1, "webpage_url": ["no"],
    }  # fmt: skip
    columns = sidecar.columns(info, "fallback")
    assert columns == sidecar.SidecarColumns("A title", None, None, ["a", "b"], None)
    display = sidecar.display_fields(info)
    assert display["view_count"] == 12 and display["like_count"] is None
    assert display["comment_count"] is None and display["webpage_url"] is None


@pytest.mark.parametrize(
    ("raw", "expected"), [("20080530", date(2008, 5, 30)), ("2008-05-30", date(2008, 5, 30)),
                          ("May 2008", None), (20080530, None)]
)  # fmt: skip
def test_sidecar_upload_dates(raw: object, expected: date | None) -> None:
    assert sidecar.columns({"upload_date": raw}, "x").upload_date == expected


def test_without_a_sidecar_the_title_is_the_file_name() -> None:
    assert sidecar.columns(None, "harbour-cam-2") == sidecar.SidecarColumns(
        "harbour-cam-2", None, None, [], None
    )


def test_reading_sidecars(tmp_path: Path) -> None:
    video = tmp_path / "clip.mp4"
    assert sidecar.read_sidecar(video) == (None, None)
    (tmp_path / "clip.info.json").write_text('["a list"]')
    assert sidecar.read_sidecar(video)[1] == "clip.info.json does not hold a JSON object"
    (tmp_path / "clip.info.json").write_text('{"title": "ok"}')
    assert sidecar.read_sidecar(video) == ({"title": "ok"}, None)
