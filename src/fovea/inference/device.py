"""Which device models run on, and what the service reports about it.

``auto`` means CUDA when torch is installed and sees a GPU, else the CPU. torch is imported
only here and in backends, and only when asked, so a CPU-only process starts fast.
"""

from __future__ import annotations

import importlib.util
from typing import Any


def _torch() -> Any | None:
    if importlib.util.find_spec("torch") is None:
        return None
    import torch

    return torch


def resolve_device(setting: str) -> str:
    """``cpu`` or ``cuda`` for the FOVEA_DEVICE setting; cuda without a GPU falls to cpu."""
    if setting == "cpu":
        return "cpu"
    torch = _torch()
    has_gpu = torch is not None and bool(torch.cuda.is_available())
    return "cuda" if has_gpu else "cpu"


def device_info(device: str) -> dict[str, Any]:
    """The device, and the GPU's name and memory when it is CUDA."""
    info: dict[str, Any] = {"device": device, "gpu": None}
    torch = _torch() if device == "cuda" else None
    if torch is not None and torch.cuda.is_available():
        props = torch.cuda.get_device_properties(0)
        free_bytes, total_bytes = torch.cuda.mem_get_info(0)
        info["gpu"] = {
            "name": props.name,
            "memory_total_bytes": int(total_bytes),
            "memory_free_bytes": int(free_bytes),
            "memory_allocated_bytes": int(torch.cuda.memory_allocated(0)),
        }
    return info
