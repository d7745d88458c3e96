"""The model registry: task slots from a YAML file, and a cache of loaded models.

The model config (``models.yaml`` beside this module, or the file at ``FOVEA_MODEL_CONFIG``)
has one slot per task (``detection``, ``tracking``, ``single_object_tracking``, ``embedding``,
``transcription``, ``summarization``, ``augmentation``), each with the option in use
(``selected``) and its ``options``; every option names its ``backend`` and that backend's
parameters. A bad file refuses to start with a message that says where it is wrong.

``ModelManager`` loads each option once, on first use, and keeps it (least recently used first
out when the loaded models together pass the memory budget). Task code borrows a model with
``with manager.lease(task, option) as model:`` from a worker thread: the lease holds the
model's own lock, so one model runs one request at a time while other models run beside it,
and two requests for a model that is not loaded yet load it once (``load_count`` says how often
each option was loaded). A model that fails to load or to run raises ``ModelFailed`` naming the
task, the option and the reason.
"""

from __future__ import annotations

import importlib
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fovea.errors import ConfigurationError, FoveaError, InvalidInput, ModelFailed
from fovea.inference.backends import BACKENDS, BackendEntry
from fovea.inference.contract import ModelOptionInfo, TaskSlotInfo

log = logging.getLogger(__name__)

DEFAULT_CONFIG = Path(__file__).with_name("models.yaml")
TASKS = (
    "detection",
    "tracking",
    "single_object_tracking",
    "embedding",
    "transcription",
    "summarization",
    "augmentation",
)


@dataclass(frozen=True)
class ModelOption:
    """One option of one slot: its backend and that backend's parameters."""

    task: str
    name: str
    backend: str
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.task, self.name)


class _SlotFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    selected: str
    options: dict[str, dict[str, Any]] = Field(min_length=1)


class _ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slots: dict[str, _SlotFile]


@dataclass(frozen=True)
class ModelConfig:
    """The validated model config: ``options[task][name]`` and ``selected[task]``."""

    source: str
    options: dict[str, dict[str, ModelOption]]
    selected: dict[str, str]


def load_model_config(path: Path | None = None) -> ModelConfig:
    """Read and check the model config; ConfigurationError says what is wrong and where."""
    source = path or DEFAULT_CONFIG
    try:
        raw = yaml.safe_load(source.read_text())
    except OSError as exc:
        raise ConfigurationError(f"cannot read the model config {source}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"the model config {source} is not valid YAML: {exc}") from exc
    try:
        parsed = _ConfigFile.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise ConfigurationError(
            f"the model config {source} is invalid at {where}: {error['msg']}"
        ) from exc
    return _checked(str(source), parsed)


def _checked(source: str, parsed: _ConfigFile) -> ModelConfig:
    def wrong(message: str) -> ConfigurationError:
        return ConfigurationError(f"the model config {source}: {message}")

    options: dict[str, dict[str, ModelOption]] = {}
    selected: dict[str, str] = {}
    for task, slot in parsed.slots.items():
        if task not in TASKS:
            raise wrong(f"unknown slot {task!r}; slots are {', '.join(TASKS)}")
        options[task] = {}
        for name, raw in slot.options.items():
            backend = raw.get("backend")
            entry = BACKENDS.get(str(backend))
            if entry is None:
                known = ", ".join(sorted(BACKENDS))
                raise wrong(f"{task}.{name} has backend {backend!r}; backends are {known}")
            if task not in entry.tasks:
                raise wrong(f"{task}.{name}: backend {backend!r} cannot serve the {task} slot")
            params = {key: value for key, value in raw.items() if key != "backend"}
            options[task][name] = ModelOption(task, name, str(backend), params)
        if slot.selected not in options[task]:
            raise wrong(f"{task}.selected is {slot.selected!r}, which is not one of its options")
        selected[task] = slot.selected
    missing = [task for task in TASKS if task not in options]
    if missing:
        raise wrong(f"missing slots: {', '.join(missing)}")
    return ModelConfig(source, options, selected)


@dataclass
class _Loaded:
    model: Any
    memory_bytes: int | None
    run_lock: threading.Lock = field(default_factory=threading.Lock)
    leases: int = 0


class ModelManager:
    """Loads options on first use, caches them under a memory budget, lends them out."""

    def __init__(self, config: ModelConfig, device: str, memory_budget_bytes: int) -> None:
        self.config = config
        self.device = device
        self.memory_budget_bytes = memory_budget_bytes
        self._selected = dict(config.selected)
        self._loaded: OrderedDict[tuple[str, str], _Loaded] = OrderedDict()
        self._load_locks: dict[tuple[str, str], threading.Lock] = {}
        self._load_counts: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()  # guards the dicts above, never held while loading

    # -- options ------------------------------------------------------------------------

    def option(self, task: str, name: str | None = None) -> ModelOption:
        """The named option of ``task`` (the selected one for None); InvalidInput if unknown."""
        if task not in self.config.options:
            raise InvalidInput(f"unknown AI task {task!r}; tasks are {', '.join(TASKS)}")
        chosen = name or self._selected[task]
        found = self.config.options[task].get(chosen)
        if found is None:
            known = ", ".join(self.config.options[task])
            raise InvalidInput(f"no {task} option named {chosen!r}; options: {known}")
        return found

    def select(self, task: str, name: str) -> ModelOption:
        """Use option ``name`` for ``task`` from now on (in this process; the file is unchanged)."""
        chosen = self.option(task, name)
        with self._lock:
            self._selected[task] = name
        return chosen

    def unavailable_reason(self, option: ModelOption) -> str | None:
        """Why ``option`` cannot load here, when its backend can tell without loading."""
        module = _module(BACKENDS[option.backend])
        check = getattr(module, "unavailable", None)
        return None if check is None else check(option)

    # -- loading ------------------------------------------------------------------------

    @contextmanager
    def lease(self, task: str, name: str | None = None) -> Iterator[Any]:
        """Borrow the model of an option (loading it first if needed), holding its lock.

        Call from a worker thread; anything but a FoveaError raised inside becomes ModelFailed.
        """
        option = self.option(task, name)
        loaded = self._get(option)
        try:
            with loaded.run_lock:
                try:
                    yield loaded.model
                except FoveaError:
                    raise
                except Exception as exc:
                    raise ModelFailed(
                        f"the {task} model {option.name!r} ({option.backend}) failed: "
                        f"{_reason(exc)}"
                    ) from exc
        finally:
            with self._lock:
                loaded.leases -= 1

    def load(self, task: str, name: str | None = None) -> None:
        """Load an option now (a warm-up), if it is not loaded yet."""
        loaded = self._get(self.option(task, name))
        with self._lock:
            loaded.leases -= 1

    def unload(self, task: str, name: str | None = None) -> bool:
        """Drop a loaded option (waiting for its current run); False if it was not loaded."""
        option = self.option(task, name)
        with self._lock:
            loaded = self._loaded.pop(option.key, None)
        if loaded is None:
            return False
        with loaded.run_lock:
            _close(loaded.model)
        log.info("unloaded %s model %r", task, option.name)
        return True

    def load_count(self, task: str, name: str | None = None) -> int:
        return self._load_counts.get(self.option(task, name).key, 0)

    def _get(self, option: ModelOption) -> _Loaded:
        """The loaded option with one lease taken (so it is not evicted while borrowed)."""
        with self._lock:
            loaded = self._take(option.key)
            if loaded is not None:
                return loaded
            load_lock = self._load_locks.setdefault(option.key, threading.Lock())
        with load_lock:
            with self._lock:
                loaded = self._take(option.key)
                if loaded is not None:
                    return loaded
            loaded = self._load(option)
            with self._lock:
                self._loaded[option.key] = loaded
                self._load_counts[option.key] = self._load_counts.get(option.key, 0) + 1
                loaded.leases += 1
                evicted = self._over_budget(option.key)
        for key, victim in evicted:
            with victim.run_lock:
                _close(victim.model)
            log.info("evicted %s model %r to stay under the memory budget", *key)
        return loaded

    def _take(self, key: tuple[str, str]) -> _Loaded | None:
        loaded = self._loaded.get(key)
        if loaded is not None:
            self._loaded.move_to_end(key)
            loaded.leases += 1
        return loaded

    def _load(self, option: ModelOption) -> _Loaded:
        reason = self.unavailable_reason(option)
        if reason is not None:
            raise ModelFailed(f"the {option.task} model {option.name!r} is unavailable: {reason}")
        entry = BACKENDS[option.backend]
        before_bytes = _rss_bytes()
        started = time.perf_counter()
        try:
            model = getattr(_module(entry), entry.loader)(option, self.device)
        except FoveaError:
            raise
        except Exception as exc:
            raise ModelFailed(
                f"the {option.task} model {option.name!r} ({option.backend}) could not be "
                f"loaded: {_reason(exc)}"
            ) from exc
        memory = getattr(model, "memory_bytes", None)
        if memory is None:
            memory = max(0, _rss_bytes() - before_bytes)
        log.info(
            "loaded %s model %r (%s) in %.2f s, about %.1f MB",
            option.task,
            option.name,
            option.backend,
            time.perf_counter() - started,
            memory / 1e6,
        )
        return _Loaded(model=model, memory_bytes=int(memory))

    def _over_budget(self, keep: tuple[str, str]) -> list[tuple[tuple[str, str], _Loaded]]:
        """Pop least recently used, unborrowed models until the rest fit the budget."""
        evicted: list[tuple[tuple[str, str], _Loaded]] = []
        total = sum(loaded.memory_bytes or 0 for loaded in self._loaded.values())
        for key in list(self._loaded):
            if total <= self.memory_budget_bytes:
                break
            victim = self._loaded[key]
            if key == keep or victim.leases > 0:
                continue
            del self._loaded[key]
            total -= victim.memory_bytes or 0
            evicted.append((key, victim))
        return evicted

    # -- reporting ----------------------------------------------------------------------

    def loaded_models(self) -> list[tuple[str, str, int | None]]:
        """(task, option, memory bytes) of every loaded model, least recently used first."""
        with self._lock:
            return [(t, n, loaded.memory_bytes) for (t, n), loaded in self._loaded.items()]

    def slots(self) -> list[TaskSlotInfo]:
        with self._lock:
            loaded = {key: entry.memory_bytes for key, entry in self._loaded.items()}
            selected = dict(self._selected)
            counts = dict(self._load_counts)
        return [
            TaskSlotInfo(
                task=task,
                selected=selected[task],
                options=[
                    self._option_info(option, selected[task], loaded, counts)
                    for option in self.config.options[task].values()
                ],
            )
            for task in TASKS
        ]

    def _option_info(
        self,
        option: ModelOption,
        selected: str,
        loaded: dict[tuple[str, str], int | None],
        counts: dict[tuple[str, str], int],
    ) -> ModelOptionInfo:
        try:
            reason = self.unavailable_reason(option)
        except Exception as exc:  # a backend whose package is missing, say
            reason = _reason(exc)
        return ModelOptionInfo(
            name=option.name,
            backend=option.backend,
            selected=option.name == selected,
            loaded=option.key in loaded,
            memory_bytes=loaded.get(option.key),
            load_count=counts.get(option.key, 0),
            available=reason is None,
            unavailable_reason=reason,
            parameters=_public(option.params),
        )


def _module(entry: BackendEntry) -> Any:
    return importlib.import_module(entry.module)


def _close(model: Any) -> None:
    close = getattr(model, "close", None)
    if callable(close):
        close()


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


_SECRET_WORDS = ("key", "token", "secret", "password", "header")


def _public(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters fit to show: never a secret (a key, a token, headers), only where it is read
    from (``api_key_env``)."""
    return {
        name: value
        for name, value in params.items()
        if name.endswith("_env") or not any(word in name for word in _SECRET_WORDS)
    }


def _rss_bytes() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
