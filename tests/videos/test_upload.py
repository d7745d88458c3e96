"""Uploading videos: streamed to disk, checked by probing, never overwriting, nothing left over.

The library app's limit is 3,000,000 bytes (``FAST`` in conftest).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
from tests.videos.conftest import SAMPLES, Library, Synthetic

LIMIT = 3_000_000
BOUNDARY = "fovea-test-boundary"


def upload(library: Library, name: str, content: bytes, field: str = "file") -> httpx.Response:
    return library.http.post("/api/videos", files={field: (name, content, "video/mp4")})


def chunked_multipart(name: str, content_size: int) -> Iterator[bytes]:
    """A multipart body sent without Content-Length, in 64 KiB chunks."""
    yield (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        f"Content-Type: video/mp4\r\n\r\n"
    ).encode()
    for _ in range(content_size // 65536):
        yield b"\0" * 65536
    yield f"\r\n--{BOUNDARY}--\r\n".encode()


def stored_files(library: Library) -> list[str]:
    return sorted(
        p.relative_to(library.video_dir).as_posix()
        for p in library.video_dir.rglob("*")
        if p.is_file()
    )


def test_an_upload_is_stored_under_uploads_with_a_safe_name_and_ingested(
    library: Library, synthetic: dict[str, Synthetic]
) -> None:
    content = synthetic["cfr-bframes.mp4"].path.read_bytes()
    response = upload(library, "../../Evil name; rm -rf.MP4", content)
    assert response.status_code == 201, response.text
    video = response.json()
    path = video["path"]
    assert path.startswith("uploads/") and path.endswith("-Evil-name-rm-rf.mp4")
    assert ".." not in path and video["title"] == "Evil name; rm -rf"
    assert (library.video_dir / path).read_bytes() == content
    assert video["state"] == "pending" and video["ingest_job_id"] is not None
    library.wait_for_ingests()
    ready = library.http.get(f"/api/videos/{video['id']}").json()
    assert ready["state"] == "ready" and ready["frame_count"] == 48
    assert ready["info"]["original_filename"] == "../../Evil name; rm -rf.MP4"


def test_the_same_content_twice_is_one_video(library: Library) -> None:
    content = (SAMPLES / "dust-storm.webm").read_bytes()
    first = upload(library, "a.webm", content)
    second = upload(library, "b.webm", content)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert len([f for f in stored_files(library) if not f.endswith(".info.json")]) == 1


def test_the_extension_comes_from_the_probed_container(library: Library) -> None:
    content = (SAMPLES / "dust-storm.webm").read_bytes()
    response = upload(library, "really-webm.mp4", content)
    assert response.status_code == 201
    assert response.json()["path"].endswith("-really-webm.webm")


def test_a_rescan_finds_the_upload_as_the_same_video(library: Library) -> None:
    content = (SAMPLES / "dust-storm.webm").read_bytes()
    video = upload(library, "Storm.webm", content).json()
    library.wait_for_ingests()
    library.scan()
    (again,) = library.videos()
    assert again["id"] == video["id"] and again["title"] == "Storm" and again["state"] == "ready"


def test_a_text_file_named_mp4_is_415_and_nothing_stays(library: Library) -> None:
    response = upload(library, "notes.mp4", b"not a video at all\n" * 100)
    assert response.status_code == 415
    assert response.json()["error"] == "UNSUPPORTED_MEDIA_TYPE"
    assert "not a readable video" in response.json()["message"]
    assert stored_files(library) == []
    assert library.videos() == []


def test_an_upload_over_the_limit_is_413_and_nothing_stays(library: Library) -> None:
    response = upload(library, "big.mp4", b"\0" * (LIMIT + 1))
    assert response.status_code == 413 and response.json()["error"] == "TOO_LARGE"
    assert stored_files(library) == []


def test_an_upload_without_content_length_is_cut_at_the_limit(library: Library) -> None:
    response = library.http.post(
        "/api/videos",
        content=chunked_multipart("big.mp4", LIMIT + 65536 * 4),
        headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    assert response.status_code == 413
    assert stored_files(library) == []


def test_bodies_that_are_not_a_file_upload(library: Library) -> None:
    as_json = library.http.post("/api/videos", json={"file": "x"})
    assert as_json.status_code == 415
    wrong_field = upload(library, "clip.mp4", b"data", field="video")
    assert wrong_field.status_code == 422
    no_name = library.http.post("/api/videos", data={"file": "x"}, files={"other": b"x"})
    assert no_name.status_code == 422
    assert stored_files(library) == []


def test_an_uploads_folder_linking_out_of_the_video_folder_is_refused(
    library: Library, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (library.video_dir / "uploads").symlink_to(outside, target_is_directory=True)
    response = upload(library, "clip.webm", (SAMPLES / "dust-storm.webm").read_bytes())
    assert response.status_code == 404
    assert list(outside.iterdir()) == []
