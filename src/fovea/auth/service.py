"""Who is acting: the default user of single-user mode, or the owner of a session or API token."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth.models import ApiToken, Session, User
from fovea.errors import NotFound, Unauthenticated

DEFAULT_USERNAME = "default"
SESSION_LIFETIME = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Actor:
    """The user a request acts for; every service function takes one and scopes to it."""

    id: uuid.UUID
    username: str
    is_admin: bool


def _actor(user: User) -> Actor:
    return Actor(id=user.id, username=user.username, is_admin=user.is_admin)


def token_digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


async def ensure_default_user(session: AsyncSession) -> Actor:
    """The single-user mode's user, created on first start (the one and only code path)."""
    user = await session.scalar(select(User).where(User.is_default.is_(True)))
    if user is None:
        user = User(
            username=DEFAULT_USERNAME, display_name="Default User", is_admin=True, is_default=True
        )
        session.add(user)
        await session.flush()
    return _actor(user)


async def create_user(
    session: AsyncSession, *, username: str, display_name: str | None = None, is_admin: bool = False
) -> Actor:
    user = User(username=username, display_name=display_name or username, is_admin=is_admin)
    session.add(user)
    await session.flush()
    return _actor(user)


async def get_actor(session: AsyncSession, user_id: uuid.UUID) -> Actor:
    user = await session.get(User, user_id)
    if user is None:
        raise NotFound("user not found")
    return _actor(user)


async def create_session_token(session: AsyncSession, actor: Actor) -> str:
    """Open a session for ``actor`` and return its token (shown once, stored as a digest)."""
    token = secrets.token_urlsafe(32)
    session.add(
        Session(
            user_id=actor.id,
            token_hash=token_digest(token),
            expires_at=datetime.now(UTC) + SESSION_LIFETIME,
        )
    )
    await session.flush()
    return token


async def actor_for_token(session: AsyncSession, token: str) -> Actor:
    """The user behind a session or API token that has not expired."""
    digest = token_digest(token)
    now = datetime.now(UTC)
    by_session = select(Session.user_id).where(
        Session.token_hash == digest, Session.expires_at > now
    )
    by_token = select(ApiToken.user_id).where(
        ApiToken.token_hash == digest,
        or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > now),
    )
    user_id = await session.scalar(by_session.union_all(by_token).limit(1))
    if user_id is None:
        raise Unauthenticated("the session or token is unknown or expired; sign in again")
    return await get_actor(session, user_id)
