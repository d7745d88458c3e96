"""The models overview, read from the model service or from this process.

With ``FOVEA_MODEL_SERVICE_URL`` the overview is the service's ``GET /health`` and
``GET /api/models``; without it, this process's model manager (the one in-process jobs and
search use), with the same health body the model service builds. Errors of the remote case:

    cannot connect, times out, or answers 5xx -> Unavailable
    any other status, or a body that breaks the contract -> UpstreamFailed
"""

from __future__ import annotations

from typing import Any

import httpx
from pydantic import TypeAdapter, ValidationError

from fovea.errors import Unavailable, UpstreamFailed
from fovea.inference import runtime
from fovea.inference.contract import TaskSlotInfo
from fovea.inference.health import ServiceHealth, service_health
from fovea.modelinfo.schemas import ModelsOverview

IN_PROCESS = "in-process"
TIMEOUT_S = 10.0
_SLOTS = TypeAdapter(list[TaskSlotInfo])


def in_process(started_s: float) -> ModelsOverview:
    """This process's models; ``started_s``: ``time.monotonic()`` when the API started."""
    manager = runtime.models()
    return ModelsOverview(
        source=IN_PROCESS, health=service_health(manager, started_s), slots=manager.slots()
    )


async def remote(base_url: str) -> ModelsOverview:
    """The model service's health and task slots."""
    base = base_url.rstrip("/")
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT_S) as client:
            health = await _get_json(client, f"{base}/health", base_url)
            slots = await _get_json(client, f"{base}/api/models", base_url)
    except httpx.HTTPError as exc:
        raise Unavailable(f"the model service at {base_url} cannot be reached: {exc}") from exc
    try:
        return ModelsOverview(
            source=base_url,
            health=ServiceHealth.model_validate(health),
            slots=_SLOTS.validate_python(slots),
        )
    except ValidationError as exc:
        raise UpstreamFailed(
            f"the model service at {base_url} sent an invalid answer: {exc.errors()[0]['msg']}"
        ) from exc


async def _get_json(client: httpx.AsyncClient, url: str, base_url: str) -> Any:
    response = await client.get(url)
    if response.status_code >= 500:
        raise Unavailable(
            f"the model service at {base_url} is down or failing (HTTP {response.status_code})"
        )
    if not response.is_success:
        raise UpstreamFailed(
            f"the model service at {base_url} refused GET {url} (HTTP {response.status_code})"
        )
    try:
        return response.json()
    except ValueError as exc:
        raise UpstreamFailed(f"the model service at {base_url} did not answer JSON") from exc
