"""Routes about the acting user (login, sessions and tokens come with multi-user mode)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from pydantic import BaseModel

from fovea.web import CurrentActor

router = APIRouter(prefix="/api", tags=["auth"])


class MeRead(BaseModel):
    id: uuid.UUID
    username: str
    is_admin: bool


@router.get("/me", response_model=MeRead, summary="The user this request acts for")
async def me(actor: CurrentActor) -> MeRead:
    return MeRead(id=actor.id, username=actor.username, is_admin=actor.is_admin)
