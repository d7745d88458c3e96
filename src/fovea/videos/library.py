"""Reconciling the library with the video folder, after a scan or an upload.

Identity is content: a video's id is ``uuid5(owner id + fingerprint)``, and a file is matched
first by fingerprint (so a renamed or moved file keeps its row, id and annotations), then by
path (a file changed in place keeps its row and is ingested again), else it is new. Library rows
whose file was not found become ``missing``; a missing video whose content comes back is
restored. Nothing is ever deleted. Reconciliations of one owner are serialised by a
transaction-scoped advisory lock, so a scan and an upload never race.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from pathlib import Path, PurePosixPath

import anyio
from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth.service import Actor
from fovea.jobs import service as job_service
from fovea.jobs.models import ACTIVE_STATES, Job
from fovea.jobs.specs import ScannedFile, VideoScanResult, VideoScanSpec
from fovea.videos import service as video_service
from fovea.videos import sidecar
from fovea.videos.files import LIBRARY_SCHEME, LibraryPaths, library_uri, relative_path
from fovea.videos.models import Video, VideoState
from fovea.videos.upload import StoredUpload, remove_upload

log = logging.getLogger(__name__)

ID_NAMESPACE = uuid.UUID("5b0f2a63-4a7e-4c47-9a43-3f0e6f3c2d1a")  # never change: ids derive from it
PROBE_COLUMNS = (
    "container", "codec", "duration_s", "fps", "real_fps", "frame_count", "keyframe_count",
    "width", "height", "rotation_deg", "is_vfr", "time_base", "frame_times_s",
)  # fmt: skip


def video_id_for(owner_id: uuid.UUID, fingerprint: str, salt: str = "") -> uuid.UUID:
    """The stable id of a video: the same content of the same owner has the same id."""
    return uuid.uuid5(ID_NAMESPACE, f"{owner_id}:{fingerprint}{salt}")


async def _lock_owner(session: AsyncSession, actor: Actor) -> None:
    key = uuid.uuid5(ID_NAMESPACE, f"library-lock:{actor.id}").int % (1 << 63)
    await session.execute(select(func.pg_advisory_xact_lock(key)))


def in_library() -> ColumnElement[bool]:
    """Whether a video's file is in the video folder (not another storage)."""
    return Video.storage_uri.startswith(LIBRARY_SCHEME)


async def _library_rows(
    session: AsyncSession, actor: Actor, *where: ColumnElement[bool]
) -> list[Video]:
    """The actor's library videos (those with a file in the folder), or those of them matching
    ``where``."""
    stmt = select(Video).where(Video.owner_id == actor.id, in_library(), *where)
    return list((await session.scalars(stmt)).all())


def _describe(video: Video, found: ScannedFile) -> None:
    """Copy what the folder says (path, size, sidecar) onto the row."""
    video.storage_uri = library_uri(found.relative_path)
    video.size_bytes = found.size_bytes
    info = found.info or {}
    described = sidecar.columns(info, PurePosixPath(found.relative_path).stem)
    video.title, video.description = described.title, described.description
    video.uploader, video.tags, video.upload_date = (
        described.uploader, described.tags, described.upload_date,
    )  # fmt: skip
    video.info = info


def _forget_probe(video: Video) -> None:
    for name in PROBE_COLUMNS:
        setattr(video, name, None)
    video.audio_streams, video.media_files = [], {}


class _Reconciler:
    """One reconciliation: the owner's library rows, what was done to them, what to ingest."""

    def __init__(self, session: AsyncSession, actor: Actor, rows: list[Video]) -> None:
        self.session, self.actor = session, actor
        self.rows = rows
        self.ids = {row.id for row in rows}
        self.by_hash = {row.content_hash: row for row in rows if row.content_hash}
        self.by_path = {relative_path(row.storage_uri): row for row in rows}
        self.claimed: set[uuid.UUID] = set()
        self.to_ingest: list[Video] = []
        self.counts: Counter[str] = Counter()

    def same_content(self, found: ScannedFile) -> bool:
        """Match by fingerprint: unchanged, renamed, or back after being missing."""
        row = self.by_hash.get(found.fingerprint)
        if row is None:
            return False
        if row.id in self.claimed:
            self.counts["duplicates"] += 1  # a copy of a file already matched: ignored
            return True
        self.claimed.add(row.id)
        moved = row.storage_uri != library_uri(found.relative_path)
        _describe(row, found)
        if row.state == VideoState.MISSING:
            self.counts["restored"] += 1
            self._restore(row)
        elif row.state == VideoState.PENDING:
            self.to_ingest.append(row)
        self.counts["moved" if moved else "unchanged"] += 1
        return True

    def _restore(self, row: Video) -> None:
        if row.frame_count is not None:
            row.state, row.error = VideoState.READY, None
        else:
            row.state = VideoState.PENDING
            self.to_ingest.append(row)

    def changed_in_place(self, found: ScannedFile) -> bool:
        """Match by path: the same file name now holds other content; ingest it again."""
        row = self.by_path.get(found.relative_path)
        if row is None or row.id in self.claimed:
            return False
        self.claimed.add(row.id)
        row.content_hash = found.fingerprint
        _describe(row, found)
        _forget_probe(row)
        row.state, row.error = VideoState.PENDING, None
        self.to_ingest.append(row)
        self.counts["changed"] += 1
        return True

    def add(self, found: ScannedFile) -> Video:
        video_id = video_id_for(self.actor.id, found.fingerprint)
        if video_id in self.ids:  # the id's content changed in place earlier; derive another
            video_id = video_id_for(self.actor.id, found.fingerprint, ":" + found.relative_path)
        video = Video(id=video_id, owner_id=self.actor.id, content_hash=found.fingerprint,
                      state=VideoState.PENDING, tags=[], info={}, audio_streams=[],
                      media_files={})  # fmt: skip
        _describe(video, found)
        self.session.add(video)
        self.rows.append(video)
        self.ids.add(video.id)
        self.by_hash[found.fingerprint] = video
        self.claimed.add(video.id)
        self.to_ingest.append(video)
        self.counts["added"] += 1
        return video

    def place(self, found: ScannedFile) -> None:
        if not self.same_content(found) and not self.changed_in_place(found):
            self.add(found)

    def mark_missing(self) -> None:
        for row in self.rows:
            if row.id not in self.claimed and row.state != VideoState.MISSING:
                row.state = VideoState.MISSING
                self.counts["missing"] += 1

    async def submit_ingests(self, paths: LibraryPaths) -> None:
        """Queue ingest jobs, except for videos whose ingest job is still queued or running."""
        job_ids = [row.ingest_job_id for row in self.to_ingest if row.ingest_job_id]
        active = set()
        if job_ids:
            stmt = select(Job.id).where(Job.id.in_(job_ids), Job.state.in_(ACTIVE_STATES))
            active = set((await self.session.scalars(stmt)).all())
        await self.session.flush()
        due = [row for row in self.to_ingest if row.ingest_job_id not in active]
        if due:
            await video_service.submit_ingests(self.session, self.actor, due, paths)


async def reconcile(
    session: AsyncSession, actor: Actor, spec: VideoScanSpec, result: VideoScanResult
) -> Counter[str]:
    """Apply a scan's findings to the actor's library; return what changed, by kind."""
    await _lock_owner(session, actor)
    paths = LibraryPaths(Path(spec.video_dir), Path(spec.media_dir))
    work = _Reconciler(session, actor, await _library_rows(session, actor))
    for found in result.files:
        work.place(found)
    work.mark_missing()
    await work.submit_ingests(paths)
    work.counts["problems"] = len(result.problems)
    log.info("library of %s reconciled: %s", actor.username, dict(work.counts))
    return work.counts


async def submit_scan(session: AsyncSession, actor: Actor, paths: LibraryPaths) -> Job:
    """Queue a scan of the video folder, or return the actor's scan already queued or running."""
    stmt = (
        select(Job)
        .where(
            Job.owner_id == actor.id,
            Job.kind == VideoScanSpec.kind,
            Job.state.in_(ACTIVE_STATES),
        )
        .order_by(Job.created_at)
        .limit(1)
    )
    job = await session.scalar(stmt)
    if job is not None:
        return job
    spec = VideoScanSpec(video_dir=str(paths.video_dir), media_dir=str(paths.media_dir))
    return await job_service.submit(session, actor, spec)


async def add_upload(
    session: AsyncSession, actor: Actor, stored: StoredUpload, paths: LibraryPaths
) -> tuple[uuid.UUID, bool]:
    """Add an uploaded file to the library and queue its ingest; (id, True).

    When the same content is already in the library with its file on disk, the upload is
    removed and the existing video's id comes back with False. A missing video whose content
    is uploaded again is restored at the upload's path.
    """
    await _lock_owner(session, actor)
    same = or_(
        Video.content_hash == stored.fingerprint,
        Video.id == video_id_for(actor.id, stored.fingerprint),
    )
    work = _Reconciler(session, actor, await _library_rows(session, actor, same))
    existing = work.by_hash.get(stored.fingerprint)
    if existing is not None:
        existing_file = video_service.library_file(existing, paths)
        if await anyio.to_thread.run_sync(existing_file.is_file):
            await anyio.to_thread.run_sync(remove_upload, paths.video_dir, stored)
            return existing.id, False
    found = ScannedFile(
        relative_path=stored.relative_path,
        fingerprint=stored.fingerprint,
        size_bytes=stored.size_bytes,
        info=stored.info,
    )
    work.place(found)
    await work.submit_ingests(paths)
    return work.by_hash[stored.fingerprint].id, True
