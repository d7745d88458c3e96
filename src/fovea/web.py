"""Request dependencies shared by every feature's routes.

``DbSession`` owns the transaction of a request: it commits when the route returns and rolls
back when it raises. ``CurrentActor`` resolves the acting user; a route without it is public,
and ``tests/server/test_route_scoping.py`` keeps the list of public routes explicit.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncSession

from fovea.auth import service as auth_service
from fovea.auth.service import Actor
from fovea.config import Mode, Settings
from fovea.errors import Unauthenticated
from fovea.jobs.runtime import JobRuntime

SESSION_COOKIE = "fovea_session"


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_db_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.session_factory() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
        await session.commit()


DbSession = Annotated[AsyncSession, Depends(get_db_session, scope="function")]


def _token(request: Request) -> str | None:
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials:
        return credentials.strip()
    return request.cookies.get(SESSION_COOKIE)


async def current_actor(request: Request, session: DbSession) -> Actor:
    """The user this request acts for (single-user mode: the default user)."""
    settings = get_settings(request)
    if settings.mode is Mode.SINGLE_USER:
        actor: Actor = request.app.state.default_actor
        return actor
    token = _token(request)
    if token is None:
        raise Unauthenticated("sign in first: send the session cookie or 'Authorization: Bearer'")
    return await auth_service.actor_for_token(session, token)


CurrentActor = Annotated[Actor, Depends(current_actor)]


def get_job_runtime(request: Request) -> JobRuntime:
    runtime: JobRuntime = request.app.state.jobs
    return runtime


JobsRuntime = Annotated[JobRuntime, Depends(get_job_runtime)]

ItemT = TypeVar("ItemT")
KindT = TypeVar("KindT")


@dataclass(frozen=True)
class KindSchemas(Generic[KindT]):
    """The schemas of one kind of a resource whose kinds share handlers (types, world objects).

    Registering the handlers once per kind lets the OpenAPI schema document each kind's own
    create, update and read schema.
    """

    kind: KindT
    path: str
    create: type[BaseModel]
    update: type[BaseModel]
    read: type[BaseModel]


def with_body(endpoint: Callable[..., Any], body: type[BaseModel]) -> Callable[..., Any]:
    """Give the handler's ``data`` parameter this kind's schema (FastAPI reads annotations)."""
    endpoint.__annotations__["data"] = body
    return endpoint


class Page(BaseModel, Generic[ItemT]):
    """One page of a list: ``items`` plus the ``total`` count over all pages."""

    items: list[ItemT]
    total: int
    page: int
    page_size: int


class PageParams(BaseModel):
    model_config = ConfigDict(frozen=True)

    page: int = Field(1, ge=1, description="1-based page number.")
    page_size: int = Field(50, ge=1, le=500, description="Items per page.")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def page_params(
    page: Annotated[int, Query(ge=1, description="1-based page number.")] = 1,
    page_size: Annotated[int, Query(ge=1, le=500, description="Items per page.")] = 50,
) -> PageParams:
    return PageParams(page=page, page_size=page_size)


Paging = Annotated[PageParams, Depends(page_params)]


def page_of(items: list[Any], total: int, params: PageParams) -> dict[str, Any]:
    return {"items": items, "total": total, "page": params.page, "page_size": params.page_size}
