"""Summaries and transcripts of the actor's videos: submitting their jobs, storing results.

A summary is per (video, persona) and a transcript per video: the completion hooks upsert them
(``store_summary``, ``store_transcript``), so a rerun replaces the earlier result in place
(same id, ``version`` + 1) and the same job's result stored twice changes nothing the second
time. A result whose video or persona was deleted while its job ran is dropped.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth import service as auth_service
from fovea.auth.service import Actor
from fovea.errors import InvalidInput, NotFound
from fovea.glosses.schemas import TextPart, gloss_json
from fovea.glosses.service import parse_stored
from fovea.inference.contract import (
    SummarizationResult,
    SummarizationSpec,
    TranscriptionResult,
    TranscriptionSpec,
    VideoRef,
)
from fovea.jobs import service as job_service
from fovea.jobs.models import Job
from fovea.ontology import suggest as ontology_ai
from fovea.personas import service as persona_service
from fovea.summaries.models import EMBEDDING_DIMENSIONS, Transcript, VideoSummary
from fovea.summaries.schemas import SummaryCreate, TranscriptCreate
from fovea.videos import service as video_service
from fovea.videos.files import LibraryPaths
from fovea.videos.models import Video

log = logging.getLogger(__name__)


def _video_ref(video: Video, paths: LibraryPaths) -> VideoRef:
    """The absolute path of a ready video's file; Conflict before ingest or when it is gone."""
    return VideoRef(uri=str(video_service.playable_file(video, paths)))


async def submit_summary(
    session: AsyncSession, actor: Actor, video: Video, data: SummaryCreate, paths: LibraryPaths
) -> Job:
    """Queue a ``video-summarization`` job of ``video`` for the persona ``data.persona_id``."""
    try:
        persona = await ontology_ai.persona_context(session, actor, data.persona_id)
    except NotFound as exc:
        raise InvalidInput(
            f"persona_id: there is no persona {data.persona_id}", details={"field": "persona_id"}
        ) from exc
    spec = SummarizationSpec(
        video_id=video.id,
        video=_video_ref(video, paths),
        persona=persona,
        **data.model_dump(exclude={"persona_id"}),
    )
    return await job_service.submit(session, actor, spec)


async def submit_transcription(
    session: AsyncSession, actor: Actor, video: Video, data: TranscriptCreate, paths: LibraryPaths
) -> Job:
    """Queue an ``audio-transcription`` job of ``video``."""
    spec = TranscriptionSpec(
        video_id=video.id, video=_video_ref(video, paths), language=data.language
    )
    return await job_service.submit(session, actor, spec)


async def find_transcript(session: AsyncSession, actor: Actor, video: Video) -> Transcript | None:
    return await session.scalar(
        select(Transcript).where(Transcript.owner_id == actor.id, Transcript.video_id == video.id)
    )


async def get_transcript(session: AsyncSession, actor: Actor, video: Video) -> Transcript:
    transcript = await find_transcript(session, actor, video)
    if transcript is None:
        raise NotFound(
            f"video {video.id} has no transcript yet; POST /api/videos/{video.id}/transcript "
            "makes one"
        )
    return transcript


def summary_text(stored: Sequence[Any]) -> str:
    """The plain text of a stored summary gloss: its text parts, in order."""
    return "".join(part.text for part in parse_stored(stored) if isinstance(part, TextPart))


def to_read(row: VideoSummary, transcript: Transcript | None) -> dict[str, Any]:
    """The ``SummaryRead`` JSON of a row, with the video's transcript."""
    return {
        "id": row.id,
        "video_id": row.video_id,
        "persona_id": row.persona_id,
        "summary": summary_text(row.summary),
        "summary_parts": row.summary,
        "key_frames": row.key_frames,
        "visual_analysis": row.visual_analysis,
        "shots": row.shots,
        "transcript": transcript,
        "models": row.models_used,
        "timings": row.timings_s,
        "confidence": row.confidence,
        "language": row.language,
        "searchable": row.embedding is not None,
        "job_id": row.job_id,
        "version": row.version,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


async def list_for_video(session: AsyncSession, actor: Actor, video: Video) -> list[dict[str, Any]]:
    """The video's summaries (one per persona), oldest first."""
    stmt = (
        select(VideoSummary)
        .where(VideoSummary.owner_id == actor.id, VideoSummary.video_id == video.id)
        .order_by(VideoSummary.created_at, VideoSummary.id)
    )
    rows = list(await session.scalars(stmt))
    transcript = await find_transcript(session, actor, video) if rows else None
    return [to_read(row, transcript) for row in rows]


async def _live_target(
    session: AsyncSession, owner_id: uuid.UUID, video_id: uuid.UUID, persona_id: uuid.UUID | None
) -> bool:
    """Whether the owner still has the video (and the persona) a finished job was for."""
    try:
        actor = await auth_service.get_actor(session, owner_id)
        await video_service.get(session, actor, video_id)
        if persona_id is not None:
            await persona_service.get(session, actor, persona_id)
    except NotFound:
        return False
    return True


def _embedding(values: list[float], video_id: uuid.UUID) -> list[float] | None:
    """The summary's embedding if it fits the index; otherwise None (the summary is kept)."""
    if len(values) == EMBEDDING_DIMENSIONS:
        return values
    if values:
        log.warning(
            "the summary of video %s has a %d-d embedding, not %d-d: it is not searchable",
            video_id, len(values), EMBEDDING_DIMENSIONS,
        )  # fmt: skip
    return None


async def store_summary(session: AsyncSession, job: Job, result: SummarizationResult) -> None:
    """Upsert the summary of the job's (video, persona), and the transcript it came with."""
    spec = SummarizationSpec.model_validate(job.payload)
    persona_id = spec.persona.id  # always set by submit_summary
    if persona_id is None:
        return
    if not await _live_target(session, job.owner_id, spec.video_id, persona_id):
        return
    values: dict[str, Any] = {
        "summary": gloss_json(
            [TextPart(kind="text", text=result.summary)] if result.summary else []
        ),
        "visual_analysis": result.visual_analysis,
        "key_frames": [frame.model_dump(mode="json") for frame in result.key_frames],
        "shots": [shot.model_dump(mode="json") for shot in result.shots],
        "confidence": result.confidence,
        "language": result.language,
        "models_used": dict(result.models),
        "timings_s": dict(result.timings_s),
        "embedding": _embedding(result.embedding, spec.video_id),
        "job_id": job.id,
    }
    key = {"owner_id": job.owner_id, "video_id": spec.video_id, "persona_id": persona_id}
    stmt = insert(VideoSummary).values(id=uuid.uuid4(), **key, **values)
    stmt = stmt.on_conflict_do_update(
        index_elements=["video_id", "persona_id"],
        set_={**values, "version": VideoSummary.version + 1, "updated_at": func.now()},
        where=VideoSummary.job_id.is_distinct_from(stmt.excluded.job_id),
    )
    await session.execute(stmt)
    if result.transcript is not None:
        await _upsert_transcript(session, job, spec.video_id, result.transcript)


async def store_transcript(session: AsyncSession, job: Job, result: TranscriptionResult) -> None:
    """Upsert the transcript of the job's video."""
    spec = TranscriptionSpec.model_validate(job.payload)
    if await _live_target(session, job.owner_id, spec.video_id, None):
        await _upsert_transcript(session, job, spec.video_id, result)


async def _upsert_transcript(
    session: AsyncSession, job: Job, video_id: uuid.UUID, result: TranscriptionResult
) -> None:
    values: dict[str, Any] = {
        "has_audio": result.has_audio,
        "duration_s": result.duration_s,
        "language": result.language,
        "segments": [segment.model_dump(mode="json") for segment in result.segments],
        "speakers": list(result.speakers),
        "model": result.model,
        "timings_s": dict(result.timings_s),
        "job_id": job.id,
    }
    stmt = insert(Transcript).values(
        id=uuid.uuid4(), owner_id=job.owner_id, video_id=video_id, **values
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["owner_id", "video_id"],
        set_={**values, "updated_at": func.now()},
        where=Transcript.job_id.is_distinct_from(stmt.excluded.job_id),
    )
    await session.execute(stmt)
