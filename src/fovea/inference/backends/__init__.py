"""Backends: the code that turns one option of the model config into a loaded model.

``BACKENDS`` maps a backend name (the ``backend`` key of an option in the YAML model config)
to the module and function that load it, imported only when first used so that starting the
service never imports torch or a provider client it does not need. A loader is
``load(option, device) -> model`` where the model satisfies a protocol of
``fovea.inference.backends.base`` for the option's task; a module may also define
``unavailable(option) -> str | None`` saying why the option cannot load here (a missing file,
an unset API key) without trying.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BackendEntry:
    module: str
    loader: str
    tasks: frozenset[str]
    """The task slots this backend may serve."""


def _entry(module: str, loader: str, *tasks: str) -> BackendEntry:
    return BackendEntry(f"fovea.inference.backends.{module}", loader, frozenset(tasks))


_LANGUAGE_TASKS = ("summarization", "augmentation")

BACKENDS: dict[str, BackendEntry] = {
    "opencv-hog": _entry("opencv_detectors", "load_hog", "detection"),
    "opencv-motion": _entry("opencv_detectors", "load_motion", "detection"),
    "opencv-cascade": _entry("opencv_detectors", "load_cascade", "detection"),
    "onnx-yolo": _entry("onnx_yolo", "load", "detection"),
    "bytetrack": _entry("multi_trackers", "load_bytetrack", "tracking"),
    "opencv-tracker": _entry("opencv_trackers", "load", "single_object_tracking"),
    "sentence-transformers": _entry("embeddings", "load", "embedding"),
    "faster-whisper": _entry("whisper", "load", "transcription"),
    "storyboard": _entry("storyboard", "load", "summarization"),
    "catalogue": _entry("catalogue", "load", "augmentation"),
    "openai-compatible": _entry("providers.openai_compatible", "load", *_LANGUAGE_TASKS),
    "anthropic": _entry("providers.anthropic", "load", *_LANGUAGE_TASKS),
    "gemini": _entry("providers.gemini", "load", *_LANGUAGE_TASKS),
    "transformers": _entry("transformers_local", "load", *_LANGUAGE_TASKS),
}
