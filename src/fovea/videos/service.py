"""Video operations scoped to the acting user: reads and search, ingest jobs and their results.

Scanning (reconciling the library with the folder) is in ``fovea.videos.library``; what the
job watcher calls when a video job ends is in ``fovea.videos.hooks``.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from fovea.annotations.models import Annotation
from fovea.auth.service import Actor
from fovea.db import crud
from fovea.errors import Conflict, NotFound
from fovea.jobs import service as job_service
from fovea.jobs.models import Job
from fovea.jobs.specs import VideoIngestResult, VideoIngestSpec
from fovea.summaries.models import VideoSummary
from fovea.videos import sidecar
from fovea.videos.files import LibraryPaths, relative_path, resolve_inside
from fovea.videos.models import Video, VideoState
from fovea.videos.schemas import VideoQuery

SORT_COLUMNS: dict[str, Any] = {
    "title": func.lower(Video.title),
    "created_at": Video.created_at,
    "duration": Video.duration_s,
    "upload_date": Video.upload_date,
}
THUMBNAIL_SIZES = ("small", "medium", "large")


async def get(session: AsyncSession, actor: Actor, video_id: uuid.UUID) -> Video:
    return await crud.get_owned(session, Video, actor, video_id)


def _annotation_count() -> Any:
    return select(func.count(Annotation.id)).where(Annotation.video_id == Video.id)


def _summary_count() -> Any:
    return select(func.count(VideoSummary.id)).where(VideoSummary.video_id == Video.id)


def _with_counts(stmt: Select[Any]) -> Select[Any]:
    return stmt.add_columns(
        _annotation_count().scalar_subquery(), _summary_count().scalar_subquery()
    )


async def get_read(session: AsyncSession, actor: Actor, video_id: uuid.UUID) -> dict[str, Any]:
    """The video as ``VideoDetail`` JSON: flattened metadata, probe facts, counts."""
    stmt = _with_counts(select(Video).where(Video.id == video_id, Video.owner_id == actor.id))
    row = (await session.execute(stmt)).one_or_none()
    if row is None:
        raise NotFound(f"video {video_id} not found")
    video, annotations, summaries = row
    return to_read(video, annotations, summaries) | {"info": video.info}


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _matches(word: str) -> ColumnElement[bool]:
    pattern = f"%{_escape_like(word)}%"
    fields = (Video.title, Video.description, Video.uploader, func.array_to_string(Video.tags, " "))
    return or_(*(field.ilike(pattern, escape="\\") for field in fields))


def _filters(actor: Actor, query: VideoQuery) -> list[ColumnElement[bool]]:
    """Every word of ``q`` must appear in one of the searched fields; filters are ANDed."""
    where: list[ColumnElement[bool]] = [Video.owner_id == actor.id]
    where += [_matches(word) for word in (query.q or "").split()]
    if query.tag:
        where.append(Video.tags.contains([query.tag]))
    if query.state is not None:
        where.append(Video.state == query.state)
    for wanted, found in (
        (query.has_annotations, exists().where(Annotation.video_id == Video.id)),
        (query.has_summary, exists().where(VideoSummary.video_id == Video.id)),
    ):
        if wanted is not None:
            where.append(found if wanted else not_(found))
    return where


def _order(sort: str) -> list[Any]:
    column = SORT_COLUMNS[sort.lstrip("-")]
    first = column.desc() if sort.startswith("-") else column.asc()
    return [first.nulls_last(), Video.id]


async def list_page(
    session: AsyncSession, actor: Actor, query: VideoQuery, *, offset: int, limit: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of the actor's videos matching ``query`` (never loading frame-time tables)."""
    where = and_(*_filters(actor, query))
    total = await session.scalar(select(func.count(Video.id)).where(where))
    stmt = _with_counts(select(Video).where(where)).order_by(*_order(query.sort))
    rows = (await session.execute(stmt.offset(offset).limit(limit))).all()
    items = [to_read(video, annotations, summaries) for video, annotations, summaries in rows]
    return items, int(total or 0)


def _media_links(video: Video) -> dict[str, Any]:
    base = f"/api/videos/{video.id}"
    files = video.media_files or {}
    return {
        "thumbnails": {s: f"{base}/thumbnail?size={s}" for s in THUMBNAIL_SIZES if s in files},
        "sprite": f"{base}/sprite" if "sprite" in files else None,
        "sprite_index": f"{base}/sprite.json" if "sprite_index" in files else None,
    }


def to_read(video: Video, annotation_count: int, summary_count: int) -> dict[str, Any]:
    """The ``VideoRead`` JSON of a row (its frame-time table stays unloaded)."""
    columns = {
        name: getattr(video, name)
        for name in (
            "id", "title", "description", "uploader", "tags", "upload_date", "size_bytes",
            "state", "error", "ingest_job_id", "container", "codec", "duration_s", "fps",
            "real_fps", "frame_count", "keyframe_count", "width", "height", "rotation_deg",
            "is_vfr", "time_base", "audio_streams", "created_at", "updated_at",
        )
    }  # fmt: skip
    return (
        columns
        | sidecar.display_fields(video.info or {})
        | {
            "path": relative_path(video.storage_uri),
            "media": _media_links(video),
            "annotation_count": annotation_count,
            "summary_count": summary_count,
        }
    )


async def frame_times(session: AsyncSession, actor: Actor, video_id: uuid.UUID) -> dict[str, Any]:
    """The frame-time table, times rounded to microseconds; Conflict before ingest."""
    stmt = (
        select(Video)
        .where(Video.id == video_id, Video.owner_id == actor.id)
        .options(undefer(Video.frame_times_s))
    )
    video = await session.scalar(stmt)
    if video is None:
        raise NotFound(f"video {video_id} not found")
    if video.frame_times_s is None or video.frame_count is None:
        raise Conflict(f"video {video_id} is {video.state}: it has no frame-time table yet")
    return {
        "frame_count": video.frame_count,
        "fps": video.fps,
        "is_vfr": bool(video.is_vfr),
        "times_s": [round(t, 6) for t in video.frame_times_s],
    }


async def register(
    session: AsyncSession, actor: Actor, *, storage_uri: str, title: str, **facts: Any
) -> Video:
    """Record a video the caller has probed (``facts``: width, height, fps, frame_count...)."""
    video = Video(
        owner_id=actor.id, storage_uri=storage_uri, title=title, state=VideoState.READY, **facts
    )
    session.add(video)
    await session.flush()
    return video


def resolution_wh(video: Video) -> tuple[int, int] | None:
    """The frame size in pixels when known (boxes are then checked against it)."""
    if video.width and video.height:
        return (video.width, video.height)
    return None


def library_file(video: Video, paths: LibraryPaths) -> Path:
    """The path of a library video's file (resolved inside the folder; it may not exist)."""
    relative = relative_path(video.storage_uri)
    if relative is None:
        raise Conflict(f"video {video.id} has no file in the video folder")
    return resolve_inside(paths.video_dir, relative)


def playable_file(video: Video, paths: LibraryPaths) -> Path:
    """The file of a ready video; Conflict when it is not ready or the file has gone."""
    if video.state != VideoState.READY:
        reason = f": {video.error}" if video.error else ""
        raise Conflict(f"video {video.id} is {video.state}, not ready{reason}")
    path = library_file(video, paths)
    if not path.is_file():
        raise Conflict(f"the file of video {video.id} is missing; scan the library again")
    return path


def frame_file(video: Video, frame: int, paths: LibraryPaths) -> Path:
    """The file to decode ``frame`` from; NotFound for a frame outside the video."""
    path = playable_file(video, paths)
    if video.frame_count is None or not 0 <= frame < video.frame_count:
        raise NotFound(
            f"video {video.id} has frames 0 to {(video.frame_count or 0) - 1}, not {frame}"
        )
    return path


def ingest_spec(video: Video, paths: LibraryPaths) -> VideoIngestSpec:
    return VideoIngestSpec(
        video_id=video.id,
        path=str(library_file(video, paths)),
        media_dir=str(paths.media_dir_of(video.id)),
    )


async def submit_ingests(
    session: AsyncSession, actor: Actor, videos: list[Video], paths: LibraryPaths
) -> list[Job]:
    """Queue a ``video-ingest`` job per video; each video is pending until its job ends."""
    jobs = await job_service.submit_many(
        session, actor, [ingest_spec(video, paths) for video in videos]
    )
    for video, job in zip(videos, jobs, strict=True):
        video.ingest_job_id, video.state, video.error = job.id, VideoState.PENDING, None
    await session.flush()
    return jobs


async def reingest(
    session: AsyncSession, actor: Actor, video_id: uuid.UUID, paths: LibraryPaths
) -> Job:
    video = await get(session, actor, video_id)
    if video.state == VideoState.MISSING:
        raise Conflict(f"the file of video {video_id} is missing; scan the library again")
    (job,) = await submit_ingests(session, actor, [video], paths)
    await session.refresh(job)
    return job


async def _ingested_video(session: AsyncSession, job: Job) -> Video | None:
    """The video a finished ingest job was for, unless a newer ingest superseded it."""
    spec = VideoIngestSpec.model_validate(job.payload)
    stmt = (
        select(Video)
        .where(Video.id == spec.video_id, Video.owner_id == job.owner_id)
        .with_for_update()
    )
    video = await session.scalar(stmt)
    return video if video is not None and video.ingest_job_id == job.id else None


async def store_ingest(session: AsyncSession, job: Job, result: VideoIngestResult) -> None:
    """Write an ingest's facts, frame-time table and media file names; the video is ready."""
    video = await _ingested_video(session, job)
    if video is None:
        return
    if video.content_hash is not None and video.content_hash != result.content_hash:
        video.error = "the file changed while it was ingested; scan the library again"
        return
    facts = result.model_dump(exclude={"avg_fps", "keyframe_count", "content_hash"})
    for name, value in facts.items():
        setattr(video, name, value)
    video.fps, video.keyframe_count = result.avg_fps, result.keyframe_count
    video.content_hash = result.content_hash
    if video.state == VideoState.PENDING:
        video.state, video.error = VideoState.READY, None


async def mark_ingest_failed(session: AsyncSession, job: Job) -> None:
    """A failed ingest leaves its video ``failed`` with the job's error as the reason."""
    video = await _ingested_video(session, job)
    if video is None:
        return
    if video.state == VideoState.PENDING:
        video.state = VideoState.FAILED
    video.error = job.error or "ingest failed"
