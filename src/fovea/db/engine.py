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


def make_async_engine(url: str, pool_size: int = 10) -> AsyncEngine:
    return create_async_engine(
        driver_url(url), pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True
    )


def make_sync_engine(url: str) -> Engine:
    """A small synchronous engine for migrations and command-line tools."""
    return create_engine(driver_url(url), pool_size=2, max_overflow=0)


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded values after commit, so responses can be built from them."""
    return async_sessionmaker(engine, expire_on_commit=False)
