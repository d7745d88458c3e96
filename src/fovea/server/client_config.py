"""``GET /api/config``: what the web app needs to know before it signs in (public on purpose)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from fovea import __version__
from fovea.config import Mode, Settings
from fovea.web import get_settings

router = APIRouter(tags=["config"])


class ClientConfig(BaseModel):
    mode: Mode = Field(description="single-user (no login) or multi-user (sign in first).")
    map_tile_url: str | None = Field(
        description="XYZ tile URL template of the world editor's map; null: no tiles."
    )
    wikidata_enabled: bool = Field(description="Whether Wikidata search and import work.")
    version: str


@router.get("/api/config", response_model=ClientConfig, summary="Settings the web app reads")
async def client_config(settings: Annotated[Settings, Depends(get_settings)]) -> ClientConfig:
    return ClientConfig(
        mode=settings.mode,
        map_tile_url=settings.map_tile_url,
        wikidata_enabled=settings.wikidata_url is not None,
        version=__version__,
    )
