"""Streaming with HTTP ranges and conditional requests; thumbnails and the sprite sheet."""

from __future__ import annotations

import io
from collections.abc import Callable
from email.utils import formatdate
from typing import Any

import pytest
from PIL import Image
from tests.videos.conftest import Library, Synthetic

RangeCase = Callable[[int], tuple[str, int, int]]  # file size -> (Range header, start, end)


@pytest.fixture
def clip(library: Library, synthetic: dict[str, Synthetic]) -> str:
    library.add(synthetic["cfr-bframes.mp4"].path, "clip.mp4")
    library.scan()
    (video,) = library.videos()
    return str(video["id"])


@pytest.fixture
def data(library: Library, clip: str) -> bytes:
    return (library.video_dir / "clip.mp4").read_bytes()


def stream(library: Library, video_id: str, **headers: str) -> Any:
    return library.http.get(f"/api/videos/{video_id}/stream", headers=headers)


def test_a_full_request_sends_the_file_with_validators(
    library: Library, clip: str, data: bytes
) -> None:
    response = stream(library, clip)
    assert response.status_code == 200 and response.content == data
    assert response.headers["content-type"] == "video/mp4"
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["content-length"] == str(len(data))
    assert response.headers["etag"].startswith('"') and response.headers["last-modified"]


@pytest.mark.parametrize(
    "case",
    [
        lambda size: ("bytes=0-99", 0, 100),
        lambda size: ("bytes=1000-1999", 1000, 2000),
        lambda size: ("bytes=1000-", 1000, size),
        lambda size: ("bytes=-500", size - 500, size),
        lambda size: (f"bytes=-{size * 2}", 0, size),
        lambda size: (f"bytes={size - 1}-{size * 2}", size - 1, size),
    ],
    ids=["first-100", "middle", "open-ended", "suffix", "suffix-past-start", "last-byte"],
)
def test_single_ranges(library: Library, clip: str, data: bytes, case: RangeCase) -> None:
    size = len(data)
    range_header, start, end = case(size)
    response = stream(library, clip, Range=range_header)
    assert response.status_code == 206
    assert response.content == data[start:end]
    assert response.headers["content-range"] == f"bytes {start}-{end - 1}/{size}"
    assert response.headers["content-length"] == str(end - start)
    assert response.headers["content-type"] == "video/mp4"


@pytest.mark.parametrize("offset", [0, 10])
def test_unsatisfiable_ranges_are_416(
    library: Library, clip: str, data: bytes, offset: int
) -> None:
    response = stream(library, clip, Range=f"bytes={len(data) + offset}-")
    assert response.status_code == 416
    assert response.headers["content-range"] == f"bytes */{len(data)}"


def test_multiple_ranges_are_refused_with_416(library: Library, clip: str, data: bytes) -> None:
    response = stream(library, clip, Range="bytes=0-9, 100-109")
    assert response.status_code == 416
    assert response.headers["content-range"] == f"bytes */{len(data)}"


def test_if_none_match_and_if_modified_since_answer_304(library: Library, clip: str) -> None:
    first = stream(library, clip)
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    for headers in (
        {"If-None-Match": etag},
        {"If-None-Match": f'"other", W/{etag}'},
        {"If-None-Match": "*"},
        {"If-Modified-Since": last_modified},
        {"If-Modified-Since": formatdate(4_000_000_000, usegmt=True)},
    ):
        response = stream(library, clip, **headers)
        assert response.status_code == 304, headers
        assert response.content == b"" and response.headers["etag"] == etag
    for headers in (
        {"If-None-Match": '"other"'},
        {"If-Modified-Since": formatdate(0, usegmt=True)},
        {"If-Modified-Since": "not a date"},
        {"If-None-Match": '"other"', "If-Modified-Since": last_modified},
    ):
        assert stream(library, clip, **headers).status_code == 200, headers


def test_if_range_serves_the_range_only_while_the_file_is_unchanged(
    library: Library, clip: str, data: bytes
) -> None:
    etag = stream(library, clip).headers["etag"]
    same = stream(library, clip, Range="bytes=0-9", **{"If-Range": etag})
    assert same.status_code == 206 and same.content == data[:10]
    changed = stream(library, clip, Range="bytes=0-9", **{"If-Range": '"stale"'})
    assert changed.status_code == 200 and changed.content == data


def test_head_sends_headers_only(library: Library, clip: str, data: bytes) -> None:
    response = library.http.head(f"/api/videos/{clip}/stream")
    assert response.status_code == 200 and response.content == b""
    assert response.headers["content-length"] == str(len(data))


def test_content_type_comes_from_the_probe_not_the_extension(
    library: Library, synthetic: dict[str, Synthetic]
) -> None:
    library.add(synthetic["odd-vp9.webm"].path, "disguised.mp4")
    library.add(synthetic["vfr.mkv"].path, "disguised.webm")
    library.scan()
    types = {}
    for video in library.videos():
        assert video["state"] == "ready", video
        response = library.http.get(
            f"/api/videos/{video['id']}/stream", headers={"Range": "bytes=0-1"}
        )
        types[video["path"]] = response.headers["content-type"]
    assert types == {"disguised.mp4": "video/webm", "disguised.webm": "video/x-matroska"}


def test_thumbnails_and_sprite_sheet(library: Library, clip: str) -> None:
    widths = []
    for size in ("small", "medium", "large"):
        response = library.http.get(f"/api/videos/{clip}/thumbnail", params={"size": size})
        assert response.status_code == 200 and response.headers["content-type"] == "image/jpeg"
        widths.append(Image.open(io.BytesIO(response.content)).width)
    assert widths == sorted(widths)
    assert library.http.get(f"/api/videos/{clip}/thumbnail?size=huge").status_code == 422
    sprite = library.http.get(f"/api/videos/{clip}/sprite")
    assert sprite.status_code == 200 and sprite.headers["content-type"] == "image/jpeg"
    index = library.http.get(f"/api/videos/{clip}/sprite.json")
    assert index.status_code == 200 and index.headers["content-type"] == "application/json"
    assert isinstance(index.json(), dict)
    etag = sprite.headers["etag"]
    cached = library.http.get(f"/api/videos/{clip}/sprite", headers={"If-None-Match": etag})
    assert cached.status_code == 304


def test_media_of_a_video_before_ingest(library: Library) -> None:
    (library.video_dir / "notes.mp4").write_text("text")
    library.scan()
    (video,) = library.videos()
    assert video["media"] == {"thumbnails": {}, "sprite": None, "sprite_index": None}
    assert library.http.get(f"/api/videos/{video['id']}/thumbnail").status_code == 404
    assert library.http.get(f"/api/videos/{video['id']}/sprite").status_code == 404
    assert library.http.get(f"/api/videos/{video['id']}/stream").status_code == 409
