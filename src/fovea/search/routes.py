"""HTTP route of semantic search over the actor's summaries and annotation notes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from fovea.config import Settings
from fovea.search import service
from fovea.search.schemas import HitKind, SearchHit
from fovea.web import CurrentActor, DbSession, get_settings

router = APIRouter(prefix="/api/search", tags=["search"])


@router.get(
    "",
    response_model=list[SearchHit],
    summary="Search summaries and annotation notes by meaning, best first",
)
async def search(
    session: DbSession,
    actor: CurrentActor,
    settings: Annotated[Settings, Depends(get_settings)],
    q: Annotated[str, Query(min_length=1, max_length=1000, description="What to look for.")],
    limit: Annotated[int, Query(ge=1, le=100, description="Hits wanted, at most.")] = 20,
    kind: Annotated[HitKind | None, Query(description="Only summaries or only notes.")] = None,
) -> Any:
    return await service.search(session, actor, settings, q=q, kind=kind, limit=limit)
