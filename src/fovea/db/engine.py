"""Engines and session factories built from a database URL (never at import time)."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.ext.asyncio import AsyncSession as AsyncSession


def driver_url(url: str) -> str:
    """The URL with the psycopg 3 driver SQLAlchemy should use (sync and async alike)."""
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def make_async_engine(url: str, pool_size: int = 20) -> AsyncEngine:
    """A pool of exactly ``pool_size`` connections, checked before use.

    No overflow: connections opened past the pool would be closed again on return, and opening
    a PostgreSQL connection costs a process fork; a burst waits for a pooled one instead.
    """
    return create_async_engine(
        driver_url(url), pool_size=pool_size, max_overflow=0, pool_timeout=30, pool_pre_ping=True
    )


def make_sync_engine(url: str) -> Engine:
    """A small synchronous engine for migrations and command-line tools."""
    return create_engine(driver_url(url), pool_size=2, max_overflow=0)


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded values after commit, so responses can be built from them."""
    return async_sessionmaker(engine, expire_on_commit=False)
