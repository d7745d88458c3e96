"""Semantic search: the actor's summaries and annotation notes nearest in meaning to a query.

The query is embedded (``fovea.search.embedding``) and compared with the stored embeddings by
cosine distance (pgvector's ``<=>``, ``ORDER BY distance LIMIT n``, which the HNSW indexes on
``video_summaries.embedding`` and ``annotations.note_embedding`` serve). A hit's ``score`` is
``1 - distance``; hits of both kinds are merged, best first.

Summary embeddings come with the summary job. Note embeddings are made here, lazily: editing
``notes`` clears ``note_embedding``, and each search first embeds up to ``BACKFILL_BATCH`` of
the actor's notes that have none. So the first search after many note edits (or an import)
takes longer, and notes beyond the batch are found by the searches that follow.
"""

from __future__ import annotations

import re
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, Table, bindparam, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.annotations.models import Annotation
from fovea.auth.service import Actor
from fovea.config import Settings
from fovea.errors import InvalidInput, ModelFailed
from fovea.search.embedding import embed_texts
from fovea.search.schemas import HitKind
from fovea.summaries import service as summary_service
from fovea.summaries.models import EMBEDDING_DIMENSIONS, VideoSummary

BACKFILL_BATCH = 256
SNIPPET_CHARS = 200
_SPACES = re.compile(r"\s+")
# The owner filter applies after an HNSW index scan, which yields ``hnsw.ef_search`` rows
# (40) by default: with pgvector 0.8+, let the scan go on until it has ``limit`` rows of the
# actor's (for this transaction). Older pgvector has no such setting, and is left alone.
ITERATIVE_SCANS = text(
    "SELECT set_config('hnsw.iterative_scan', 'strict_order', true) FROM pg_extension "
    "WHERE extname = 'vector' AND string_to_array(extversion, '.')::int[] >= '{0,8}'"
)


def snippet(full_text: str) -> str:
    """The text on one line, cut to ``SNIPPET_CHARS`` characters."""
    line = _SPACES.sub(" ", full_text).strip()
    return line if len(line) <= SNIPPET_CHARS else line[: SNIPPET_CHARS - 1].rstrip() + "…"


async def backfill_note_embeddings(session: AsyncSession, actor: Actor, settings: Settings) -> int:
    """Embed up to ``BACKFILL_BATCH`` of the actor's notes that have no embedding; the count.

    A note edited meanwhile keeps no embedding (the write names the text that was embedded);
    ``updated_at`` and ``version`` stay as they are: the annotation itself did not change.
    """
    pending = (
        await session.execute(
            select(Annotation.id, Annotation.notes)
            .where(
                Annotation.owner_id == actor.id,
                Annotation.note_embedding.is_(None),
                func.length(func.trim(Annotation.notes)) > 0,
            )
            .order_by(Annotation.updated_at.desc(), Annotation.id)
            .limit(BACKFILL_BATCH)
        )
    ).all()
    if not pending:
        return 0
    vectors = _checked(await embed_texts(settings, [notes or "" for _, notes in pending]))
    table = cast(Table, Annotation.__table__)
    stmt = (
        update(table)
        .where(table.c.id == bindparam("row_id"), table.c.notes == bindparam("embedded_notes"))
        .values(note_embedding=bindparam("vector"), updated_at=table.c.updated_at)
    )
    await session.execute(
        stmt,
        [
            {"row_id": row_id, "embedded_notes": notes, "vector": vector}
            for (row_id, notes), vector in zip(pending, vectors, strict=True)
        ],
    )
    return len(pending)


def _checked(vectors: list[list[float]]) -> list[list[float]]:
    for vector in vectors:
        if len(vector) != EMBEDDING_DIMENSIONS:
            raise ModelFailed(
                f"the embedding model gives {len(vector)}-d vectors; search stores "
                f"{EMBEDDING_DIMENSIONS}-d ones: select a {EMBEDDING_DIMENSIONS}-d embedding model"
            )
    return vectors


def _nearest_summaries(actor: Actor, query: list[float], limit: int) -> Select[Any]:
    distance = VideoSummary.embedding.cosine_distance(query)
    return _nearest(
        select(VideoSummary.id, VideoSummary.video_id, VideoSummary.persona_id,
               VideoSummary.summary, distance.label("distance"))
        .where(VideoSummary.owner_id == actor.id, VideoSummary.embedding.is_not(None)),
        distance,
        limit,
    )  # fmt: skip


def _nearest_notes(actor: Actor, query: list[float], limit: int) -> Select[Any]:
    distance = Annotation.note_embedding.cosine_distance(query)
    return _nearest(
        select(Annotation.id, Annotation.video_id, Annotation.persona_id, Annotation.notes,
               distance.label("distance"))
        .where(Annotation.owner_id == actor.id, Annotation.note_embedding.is_not(None)),
        distance,
        limit,
    )  # fmt: skip


def _nearest(stmt: Select[Any], distance: ColumnElement[float], limit: int) -> Select[Any]:
    return stmt.order_by(distance).limit(limit)


def _hit(kind: HitKind, row: Any, full_text: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "id": row.id,
        "video_id": row.video_id,
        "persona_id": row.persona_id,
        "score": 1.0 - float(row.distance),
        "snippet": snippet(full_text),
    }


async def search(
    session: AsyncSession,
    actor: Actor,
    settings: Settings,
    *,
    q: str,
    kind: HitKind | None,
    limit: int,
) -> list[dict[str, Any]]:
    """The ``limit`` best hits of ``kind`` (both kinds for None) for the query ``q``."""
    if not q.strip():
        raise InvalidInput("q: say what to search for", details={"field": "q"})
    if kind in (None, "annotation"):
        await backfill_note_embeddings(session, actor, settings)
    (query,) = _checked(await embed_texts(settings, [q.strip()]))
    await session.execute(ITERATIVE_SCANS)
    hits: list[dict[str, Any]] = []
    if kind in (None, "summary"):
        for row in await session.execute(_nearest_summaries(actor, query, limit)):
            hits.append(_hit("summary", row, summary_service.summary_text(row.summary)))
    if kind in (None, "annotation"):
        for row in await session.execute(_nearest_notes(actor, query, limit)):
            hits.append(_hit("annotation", row, row.notes or ""))
    hits.sort(key=lambda hit: (-hit["score"], str(hit["id"])))
    return hits[:limit]
