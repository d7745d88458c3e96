"""API schema of the models overview."""

from __future__ import annotations

from pydantic import BaseModel, Field

from fovea.inference.contract import TaskSlotInfo
from fovea.inference.health import ServiceHealth


class ModelsOverview(BaseModel):
    """Where models run, that place's health, and every task slot with its options."""

    source: str = Field(
        description="'in-process' when the API runs its models itself, else the model "
        "service's URL (FOVEA_MODEL_SERVICE_URL)."
    )
    health: ServiceHealth
    slots: list[TaskSlotInfo]
