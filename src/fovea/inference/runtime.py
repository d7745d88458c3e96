"""The one model manager of a process (a model service, a worker, or `fovea up`).

Models load once per process, so every job handler and HTTP endpoint in a process shares one
``ModelManager``. ``configure(settings)`` builds it (and returns the existing one when the
model settings are the same, so the API and the model service of `fovea up` share it);
``models()`` returns it, building one from the environment on first use in a process that did
not configure it (a job worker).
"""

from __future__ import annotations

import threading
from pathlib import Path

from fovea.config import Settings
from fovea.inference.device import resolve_device
from fovea.inference.registry import ModelManager, load_model_config

MB = 1024 * 1024

_lock = threading.Lock()
_manager: ModelManager | None = None
_built_from: tuple[Path | None, str, int] | None = None


def configure(settings: Settings) -> ModelManager:
    """This process's model manager for ``settings``'s model config, device and budget."""
    global _manager, _built_from
    wanted = (settings.model_config_path, settings.device, settings.model_memory_budget_mb)
    with _lock:
        if _manager is not None and _built_from == wanted:
            return _manager
        manager = ModelManager(
            load_model_config(settings.model_config_path),
            resolve_device(settings.device),
            settings.model_memory_budget_mb * MB,
        )
        _manager, _built_from = manager, wanted
        return manager


def models() -> ModelManager:
    """This process's model manager."""
    with _lock:
        manager = _manager
    return manager if manager is not None else configure(Settings())
