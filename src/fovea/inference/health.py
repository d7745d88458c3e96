"""The health body of a model manager: device, GPU, loaded models and memory.

The model service answers it at ``GET /health``; the API builds the same body for its own
in-process models (``GET /api/models`` without ``FOVEA_MODEL_SERVICE_URL``).
"""

from __future__ import annotations

import time
from typing import Any

from pydantic import BaseModel

from fovea import __version__
from fovea.inference.device import device_info
from fovea.inference.registry import ModelManager


class LoadedModelInfo(BaseModel):
    task: str
    option: str
    memory_bytes: int | None


class ServiceHealth(BaseModel):
    status: str
    version: str
    device: str
    gpu: dict[str, Any] | None
    uptime_s: float
    models_config: str
    loaded_models: list[LoadedModelInfo]
    loaded_memory_bytes: int
    memory_budget_bytes: int


def service_health(manager: ModelManager, started_s: float) -> ServiceHealth:
    """The health of ``manager``; ``started_s``: ``time.monotonic()`` when the process began."""
    loaded = [
        LoadedModelInfo(task=task, option=option, memory_bytes=memory)
        for task, option, memory in manager.loaded_models()
    ]
    info = device_info(manager.device)
    return ServiceHealth(
        status="ok",
        version=__version__,
        device=info["device"],
        gpu=info["gpu"],
        uptime_s=time.monotonic() - started_s,
        models_config=manager.config.source,
        loaded_models=loaded,
        loaded_memory_bytes=sum(model.memory_bytes or 0 for model in loaded),
        memory_budget_bytes=manager.memory_budget_bytes,
    )
