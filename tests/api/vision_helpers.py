"""Helpers of the detection and tracking API tests.

``store_detections`` and ``store_tracks`` run the completion hooks directly (as the job watcher
does, in one transaction) with a constructed result, so the review routes can be tested without
running a model. ``library_app`` is a single-user app with its own video folder and a fast
watcher, for the flows that run real jobs on a synthetic scene.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from fovea.inference.contract import (
    DetectedBox,
    DetectionResult,
    DetectionSpec,
    TrackBox,
    TrackingResult,
    TrackingSpec,
    TrackOut,
    VideoRef,
)
from fovea.jobs.models import Job
from fovea.server import create_app
from fovea.videos import service as video_service
from fovea.vision import hooks
from tests.conftest import make_settings
from tests.factories import actor_of
from tests.jobs.helpers import wait_until_finished

FAST = {"job_poll_interval_s": 0.05, "job_heartbeat_timeout_s": 60}
Xywh = tuple[float, float, float, float]


def register_video(http: TestClient, **facts: Any) -> str:
    """A ready video of the client's user with the given probe facts and no file."""
    actor = actor_of(http)
    factory = http.app.state.session_factory  # type: ignore[attr-defined]
    values = {"width": 640, "height": 360, "frame_count": 100, "fps": 25.0} | facts

    async def _register() -> str:
        async with factory() as session, session.begin():
            video = await video_service.register(
                session, actor, storage_uri="file:///vision.mp4", title="vision", **values
            )
            return str(video.id)

    assert http.portal is not None
    return http.portal.call(_register)


def _job(http: TestClient, spec: DetectionSpec | TrackingSpec, job_id: str | None) -> Job:
    """A job row as the watcher holds it when the hook runs (never stored: not needed)."""
    return Job(
        id=uuid.UUID(job_id) if job_id else uuid.uuid4(),
        owner_id=actor_of(http).id,
        kind=spec.kind,
        payload=spec.model_dump(mode="json"),
    )


def _run(http: TestClient, hook: Any, job: Job, result: Any) -> None:
    factory = http.app.state.session_factory  # type: ignore[attr-defined]

    async def _store() -> None:
        async with factory() as session, session.begin():
            await hook(session, job, result)

    assert http.portal is not None
    http.portal.call(_store)


def detected(frame: int, xywh: Xywh, confidence: float = 0.9, label: str = "ship") -> DetectedBox:
    x, y, w, h = xywh
    return DetectedBox(frame=frame, x=x, y=y, w=w, h=h, label=label, confidence=confidence)


def store_detections(
    http: TestClient,
    video_id: str,
    boxes: list[DetectedBox],
    *,
    job_id: str | None = None,
    size_wh: tuple[int, int] = (640, 360),
) -> str:
    """Run the detection hook for a job that found ``boxes``; the job's id."""
    spec = DetectionSpec(
        video_id=uuid.UUID(video_id),
        video=VideoRef(uri="/videos/vision.mp4"),
        frames=sorted({box.frame for box in boxes}) or [0],
    )
    job = _job(http, spec, job_id)
    result = DetectionResult(
        video_id=spec.video_id, detector="motion", model="opencv-mog2", frame_count=100,
        width=size_wh[0], height=size_wh[1], frames_processed=len(spec.frames), boxes=boxes,
    )  # fmt: skip
    _run(http, hooks.on_detection_completed, job, result)
    return str(job.id)


def track_out(
    track_id: int, boxes: dict[int, Xywh], confidence: float = 0.8, label: str = "object"
) -> TrackOut:
    """A tracker's track with one box per frame of ``boxes`` (confidence 0.5 + frame/1000)."""
    return TrackOut(
        track_id=track_id,
        label=label,
        confidence=confidence,
        boxes=[
            TrackBox(frame=frame, x=x, y=y, w=w, h=h, confidence=0.5 + frame / 1000)
            for frame, (x, y, w, h) in sorted(boxes.items())
        ],
    )


def store_tracks(
    http: TestClient,
    video_id: str,
    tracks: list[TrackOut],
    *,
    job_id: str | None = None,
    size_wh: tuple[int, int] = (640, 360),
) -> str:
    """Run the tracking hook for a job that found ``tracks``; the job's id."""
    spec = TrackingSpec(
        video_id=uuid.UUID(video_id),
        video=VideoRef(uri="/videos/vision.mp4"),
        start_frame=0,
        end_frame=99,
    )
    job = _job(http, spec, job_id)
    result = TrackingResult(
        video_id=spec.video_id, tracker="bytetrack", detector="motion", frame_count=100,
        width=size_wh[0], height=size_wh[1], start_frame=0, end_frame=99, frames_processed=100,
        tracks=tracks,
    )  # fmt: skip
    _run(http, hooks.on_tracking_completed, job, result)
    return str(job.id)


def listed(http: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paged list route."""
    response = http.get(path, params={"page_size": 500, **params})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def iou(a: Xywh, b: Xywh) -> float:
    """Intersection over union of two xywh boxes."""
    left, top = max(a[0], b[0]), max(a[1], b[1])
    right, bottom = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    inter = max(0.0, right - left) * max(0.0, bottom - top)
    return inter / (a[2] * a[3] + b[2] * b[3] - inter)


def xywh(item: dict[str, Any]) -> Xywh:
    return (item["x"], item["y"], item["w"], item["h"])


@contextmanager
def library_app(database_url: str, data_dir: Path) -> Iterator[TestClient]:
    """A single-user app whose video folder is ``data_dir/videos``; jobs run in-process."""
    (data_dir / "videos").mkdir(parents=True, exist_ok=True)
    settings = make_settings(database_url, data_dir, video_dir=data_dir / "videos", **FAST)
    with TestClient(create_app(settings)) as http:
        yield http


def scan_library(http: TestClient) -> dict[str, dict[str, Any]]:
    """Scan the folder, wait for every ingest; the videos by path."""
    response = http.post("/api/videos/scan")
    assert response.status_code == 202, response.text
    assert wait_until_finished(http, response.json()["id"], timeout_s=60)["state"] == "completed"
    videos = listed(http, "/api/videos")
    for video in videos:
        if video["ingest_job_id"] is not None:
            wait_until_finished(http, video["ingest_job_id"], timeout_s=60)
    return {video["path"]: video for video in listed(http, "/api/videos")}
