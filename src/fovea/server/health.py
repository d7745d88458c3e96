"""Liveness, readiness and Prometheus metrics: the public routes on purpose."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel
from sqlalchemy import text

from fovea import __version__

router = APIRouter(tags=["health"])


class Liveness(BaseModel):
    status: str
    version: str


class Readiness(BaseModel):
    status: str
    checks: dict[str, str]


@router.get("/health", response_model=Liveness, summary="The process is alive")
async def health() -> dict[str, str]:
    return {"status": "ok", "version": __version__}


async def _database_check(request: Request) -> str:
    try:
        async with request.app.state.session_factory() as session:
            await session.execute(text("SELECT 1"))
    except Exception as exc:  # any failure means "not ready"; the message says why
        return f"error: {exc.__class__.__name__}: {exc}"
    return "ok"


async def _queue_check(request: Request) -> str:
    jobs = getattr(request.app.state, "jobs", None)
    if jobs is None:
        return "error: the job system is not running"
    try:
        await jobs.ping()
    except Exception as exc:  # a broken broker connection of any kind
        return f"error: {exc.__class__.__name__}: {exc}"
    return "ok"


@router.get(
    "/health/ready",
    response_model=Readiness,
    summary="Database and job queue are reachable",
    responses={503: {"model": Readiness, "description": "A dependency is down."}},
)
async def ready(request: Request) -> Any:
    checks = {"database": await _database_check(request), "queue": await _queue_check(request)}
    healthy = all(value == "ok" for value in checks.values())
    body = {"status": "ok" if healthy else "unavailable", "checks": checks}
    return JSONResponse(body, status_code=200 if healthy else 503)


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
async def metrics() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
