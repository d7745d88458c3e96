"""The video job handlers run alone, as on a worker: no database, progress with stage names."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest
from tests.videos.conftest import SAMPLES, Synthetic

from fovea.jobs.context import JobContext, RecordingSink
from fovea.jobs.errors import PermanentJobError
from fovea.jobs.handlers.video_ingest import run_video_ingest
from fovea.jobs.handlers.video_scan import run_video_scan
from fovea.jobs.specs import VideoIngestSpec, VideoScanSpec


def context() -> tuple[JobContext, RecordingSink]:
    sink = RecordingSink()
    return JobContext(job_id=uuid.uuid4(), attempt=1, sink=sink), sink


def test_ingest_reports_its_stages_and_returns_facts_and_media(
    synthetic: dict[str, Synthetic], tmp_path: Path
) -> None:
    video = synthetic["cfr-bframes.mp4"]
    spec = VideoIngestSpec(video_id=uuid.uuid4(), path=str(video.path), media_dir=str(tmp_path))
    ctx, sink = context()
    result = asyncio.run(run_video_ingest(spec, ctx))
    stages = [stage for stage, _ in sink.reports]
    assert stages == ["fingerprinting", "probing", "making thumbnails", "done"]
    assert [percent for _, percent in sink.reports] == [0, 5, 60, 100]
    assert result.frame_count == 48 and result.frame_times_s == video.times_s
    assert (result.width, result.height, result.codec) == (320, 240, "h264")
    assert set(result.media_files) == {"small", "medium", "large", "sprite", "sprite_index"}
    assert all((tmp_path / name).is_file() for name in result.media_files.values())


def test_ingest_of_a_non_video_fails_permanently_with_the_reason(tmp_path: Path) -> None:
    text = tmp_path / "notes.mp4"
    text.write_text("hello\n" * 50)
    spec = VideoIngestSpec(video_id=uuid.uuid4(), path=str(text), media_dir=str(tmp_path / "m"))
    with pytest.raises(PermanentJobError, match=r"not a readable video: notes\.mp4"):
        asyncio.run(run_video_ingest(spec, context()[0]))


def test_ingest_of_a_vanished_file_fails_permanently(tmp_path: Path) -> None:
    spec = VideoIngestSpec(
        video_id=uuid.uuid4(), path=str(tmp_path / "gone.mp4"), media_dir=str(tmp_path)
    )
    with pytest.raises(PermanentJobError, match=r"gone\.mp4"):
        asyncio.run(run_video_ingest(spec, context()[0]))


def test_scan_lists_videos_with_fingerprints_and_sidecars(tmp_path: Path) -> None:
    for name in ("big-buck-bunny-720p.mp4", "big-buck-bunny-720p.info.json"):
        (tmp_path / "a").mkdir(exist_ok=True)
        (tmp_path / "a" / name).write_bytes((SAMPLES / name).read_bytes())
    (tmp_path / "broken.info.json").write_text("{not json")
    (tmp_path / "broken.webm").write_bytes((SAMPLES / "dust-storm.webm").read_bytes())
    spec = VideoScanSpec(video_dir=str(tmp_path), media_dir=str(tmp_path / "media"))
    ctx, sink = context()
    result = asyncio.run(run_video_scan(spec, ctx))
    assert result.folder_exists and result.problems == []
    bunny, broken = result.files
    assert bunny.relative_path == "a/big-buck-bunny-720p.mp4"
    assert bunny.info is not None and bunny.info["uploader"] == "Blender Foundation"
    assert broken.relative_path == "broken.webm" and broken.info is None
    assert broken.sidecar_error is not None and "not readable JSON" in broken.sidecar_error
    assert len({bunny.fingerprint, broken.fingerprint}) == 2
    assert sink.reports[-1] == ("fingerprinting (2 of 2 files)", 100)


def test_scan_of_a_missing_folder_says_so(tmp_path: Path) -> None:
    spec = VideoScanSpec(video_dir=str(tmp_path / "nope"), media_dir=str(tmp_path))
    result = asyncio.run(run_video_scan(spec, context()[0]))
    assert result.folder_exists is False and result.files == []
