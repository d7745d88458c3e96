"""Scanning the video folder: ingest, stable ids, missing and restored videos, broken files."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import av
from tests.factories import actor_of, box, make_persona, make_type, sequence
from tests.media.synthetic import make_corrupt_file
from tests.videos.conftest import SAMPLES, Library, Synthetic

from fovea.videos import library as video_library
from fovea.videos.files import LibraryPaths

BUNNY = "big-buck-bunny-720p.mp4"
DUST = "dust-storm.webm"
CLIP, OTHER = "clip.mp4", "other.mkv"


def decoded_frame_count(path: Path) -> int:
    with av.open(str(path)) as container:
        return sum(1 for _ in container.decode(video=0))


def annotate(library: Library, video_id: str) -> str:
    persona_id = make_persona(library.http)
    type_id = make_type(library.http, persona_id)
    body = {"kind": "type", "persona_id": persona_id, "type_id": type_id,
            "sequence": sequence(box(0), box(10))}  # fmt: skip
    response = library.http.post(f"/api/videos/{video_id}/annotations", json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def test_scan_ingests_the_samples_with_their_sidecar_metadata(library: Library) -> None:
    library.add_samples()
    library.scan()
    videos = library.by_path()
    bunny, dust = videos[BUNNY], videos[DUST]
    assert (bunny["state"], dust["state"]) == ("ready", "ready")
    assert bunny["title"] == "Big Buck Bunny (opening, 5 s)"
    assert bunny["uploader"] == "Blender Foundation" and bunny["uploader_id"] == "blender"
    assert bunny["tags"] == ["animation", "open movie", "rabbit", "nature"]
    assert bunny["upload_date"] == "2008-05-30"
    assert bunny["webpage_url"] == "https://peach.blender.org/"
    assert (bunny["width"], bunny["height"], bunny["codec"]) == (1280, 720, "h264")
    assert bunny["fps"] == 25 and bunny["is_vfr"] is False
    assert bunny["frame_count"] == decoded_frame_count(SAMPLES / BUNNY) == 132
    assert dust["title"] == "Dust Storm Test Video" and dust["codec"] == "vp9"
    assert dust["frame_count"] == decoded_frame_count(SAMPLES / DUST)
    assert set(bunny["media"]["thumbnails"]) == {"small", "medium", "large"}
    assert bunny["annotation_count"] == 0 and bunny["summary_count"] == 0


def test_ingest_stores_the_frame_table(library: Library, synthetic: dict[str, Synthetic]) -> None:
    library.add(synthetic["vfr.mkv"].path)
    library.scan()
    video = library.videos()[0]
    job = library.http.get(f"/api/jobs/{video['ingest_job_id']}").json()
    assert job["state"] == "completed" and job["kind"] == "video-ingest"
    times = library.http.get(f"/api/videos/{video['id']}/frame-times").json()
    assert times["is_vfr"] is True and times["frame_count"] == 48
    assert times["times_s"] == synthetic["vfr.mkv"].times_s


def test_a_rescan_marks_a_deleted_file_missing_keeps_annotations_and_restores_it(
    library: Library, synthetic: dict[str, Synthetic]
) -> None:
    library.add(synthetic["cfr-bframes.mp4"].path, CLIP)
    library.add(synthetic["vfr.mkv"].path, OTHER)
    library.scan()
    video_id = library.by_path()[CLIP]["id"]
    annotation_id = annotate(library, video_id)
    moved_away = library.video_dir.parent / "away.mp4"
    shutil.move(library.video_dir / CLIP, moved_away)
    library.scan()
    missing = library.http.get(f"/api/videos/{video_id}").json()
    assert missing["state"] == "missing" and missing["annotation_count"] == 1
    assert library.http.get(f"/api/annotations/{annotation_id}").status_code == 200
    assert library.http.get(f"/api/videos/{video_id}/stream").status_code == 409
    assert library.http.get(f"/api/videos/{video_id}/thumbnail").status_code == 200
    assert library.by_path()[OTHER]["state"] == "ready"
    shutil.move(moved_away, library.video_dir / CLIP)
    library.scan()
    back = library.http.get(f"/api/videos/{video_id}").json()
    assert back["state"] == "ready" and back["annotation_count"] == 1
    assert back["ingest_job_id"] == missing["ingest_job_id"]  # no second ingest was needed


def test_a_renamed_file_keeps_its_id_and_annotations(
    library: Library, synthetic: dict[str, Synthetic]
) -> None:
    library.add(synthetic["cfr-bframes.mp4"].path, CLIP)
    (library.video_dir / "clip.info.json").write_text('{"title": "Harbour", "tags": ["port"]}')
    library.add(synthetic["vfr.mkv"].path, OTHER)
    library.scan()
    before = library.by_path()[CLIP]
    annotate(library, before["id"])
    (library.video_dir / "moved").mkdir()
    (library.video_dir / CLIP).rename(library.video_dir / "moved" / "harbour.mp4")
    (library.video_dir / "clip.info.json").rename(library.video_dir / "moved" / "harbour.info.json")
    library.scan()
    videos = library.by_path()
    after = videos["moved/harbour.mp4"]
    assert after["id"] == before["id"] and after["state"] == "ready"
    assert after["annotation_count"] == 1 and after["title"] == before["title"] == "Harbour"
    assert after["ingest_job_id"] == before["ingest_job_id"]
    assert CLIP not in videos and len(videos) == 2


def test_a_file_changed_in_place_keeps_its_row_and_is_ingested_again(
    library: Library, synthetic: dict[str, Synthetic]
) -> None:
    library.add(synthetic["cfr-bframes.mp4"].path, CLIP)
    library.scan()
    before = library.videos()[0]
    library.add(synthetic["odd-h264.mov"].path, CLIP)
    library.scan()
    after = library.http.get(f"/api/videos/{before['id']}").json()
    assert (before["width"], after["width"]) == (320, 171) and after["state"] == "ready"
    assert after["ingest_job_id"] != before["ingest_job_id"]
    assert library.http.get("/api/videos").json()["total"] == 1


def test_broken_files_fail_with_a_reason_while_the_rest_of_the_scan_completes(
    library: Library, synthetic: dict[str, Synthetic]
) -> None:
    library.add(synthetic["cfr-bframes.mp4"].path, CLIP)
    make_corrupt_file(library.video_dir / "corrupt.mp4")
    (library.video_dir / "empty.mp4").write_bytes(b"")
    (library.video_dir / "notes.mp4").write_text("these are notes, not a video\n" * 20)
    library.scan()
    videos = library.by_path()
    assert videos[CLIP]["state"] == "ready"
    for name, reason in (
        ("corrupt.mp4", "corrupt.mp4"),
        ("empty.mp4", "empty"),
        ("notes.mp4", "not a video file"),
    ):
        video = videos[name]
        assert video["state"] == "failed", video
        assert video["error"].startswith("not a readable video") and reason in video["error"]
        assert video["frame_count"] is None


def test_duplicate_copies_are_one_video(library: Library, synthetic: dict[str, Synthetic]) -> None:
    library.add(synthetic["vfr.mkv"].path, "a.mkv")
    library.add(synthetic["vfr.mkv"].path, "b/copy.mkv")
    library.scan()
    assert [video["path"] for video in library.videos()] == ["a.mkv"]


def test_hidden_files_and_other_extensions_are_not_scanned(library: Library) -> None:
    library.add(SAMPLES / BUNNY, ".hidden.mp4")
    library.add(SAMPLES / BUNNY, ".cache/clip.mp4")
    library.add(SAMPLES / BUNNY, "clip.txt")
    library.scan()
    assert library.videos() == []


def test_a_symlink_leaving_the_folder_is_not_followed(library: Library, tmp_path: Path) -> None:
    outside = tmp_path / "outside.mp4"
    shutil.copyfile(SAMPLES / BUNNY, outside)
    (library.video_dir / "escape.mp4").symlink_to(outside)
    (library.video_dir / "folder-link").symlink_to(tmp_path, target_is_directory=True)
    library.scan()
    assert library.videos() == []


def test_a_scan_of_a_missing_folder_marks_videos_missing_and_deletes_nothing(
    library: Library, synthetic: dict[str, Synthetic]
) -> None:
    library.add(synthetic["vfr.mkv"].path)
    library.scan()
    shutil.rmtree(library.video_dir)
    job = library.scan()
    assert job["result"]["folder_exists"] is False
    assert [video["state"] for video in library.videos()] == ["missing"]


def test_reingest_runs_the_job_again(library: Library, synthetic: dict[str, Synthetic]) -> None:
    library.add(synthetic["vfr.mkv"].path)
    library.scan()
    video = library.videos()[0]
    response = library.http.post(f"/api/videos/{video['id']}/ingest")
    assert response.status_code == 202 and response.json()["kind"] == "video-ingest"
    library.wait_for_ingests()
    again = library.http.get(f"/api/videos/{video['id']}").json()
    assert again["state"] == "ready" and again["ingest_job_id"] == response.json()["id"]


def test_editing_a_sidecar_updates_the_video_on_rescan(
    library: Library, synthetic: dict[str, Synthetic]
) -> None:
    library.add(synthetic["vfr.mkv"].path, "cam.mkv")
    library.scan()
    assert library.videos()[0]["title"] == "cam"
    (library.video_dir / "cam.info.json").write_text(
        '{"title": "Night camera", "tags": ["night"], "upload_date": "20240102"}'
    )
    library.scan()
    (video,) = library.videos(tag="night")
    assert video["title"] == "Night camera" and video["upload_date"] == "2024-01-02"


def test_a_second_scan_request_returns_the_scan_already_queued(library: Library) -> None:
    factory = library.http.app.state.session_factory  # type: ignore[attr-defined]
    actor = actor_of(library.http)
    paths = LibraryPaths(library.video_dir, library.media_dir)

    async def submit_twice() -> tuple[uuid.UUID, uuid.UUID]:
        async with factory() as session, session.begin():
            first = await video_library.submit_scan(session, actor, paths)
            second = await video_library.submit_scan(session, actor, paths)
            return first.id, second.id

    assert library.http.portal is not None
    first, second = library.http.portal.call(submit_twice)
    assert first == second
