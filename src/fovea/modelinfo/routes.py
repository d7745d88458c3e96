"""``GET /api/models``: the web app's model settings page (any signed-in user)."""

from __future__ import annotations

import time
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Request

from fovea.config import Settings
from fovea.modelinfo import service
from fovea.modelinfo.schemas import ModelsOverview
from fovea.web import CurrentActor, get_settings

router = APIRouter(tags=["models"])


@router.get(
    "/api/models",
    response_model=ModelsOverview,
    summary="Where models run, their device and health, and every task's options",
)
async def models_overview(
    _: CurrentActor, request: Request, settings: Annotated[Settings, Depends(get_settings)]
) -> ModelsOverview:
    if settings.model_service_url:
        return await service.remote(settings.model_service_url)
    started_s: float = getattr(request.app.state, "started_s", time.monotonic())
    # device_info may ask torch about the GPU: not on the event loop
    return await anyio.to_thread.run_sync(service.in_process, started_s)
