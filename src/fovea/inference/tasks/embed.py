"""Embeddings: one unit-length vector per text, from the ``embedding`` slot's model."""

from __future__ import annotations

import asyncio

import numpy as np
import numpy.typing as npt

from fovea.inference.backends.base import Embedder
from fovea.inference.contract import EmbeddingResult, EmbeddingSpec, Progress
from fovea.inference.registry import ModelManager

TASK = "embedding"


async def run_embedding(
    spec: EmbeddingSpec, progress: Progress, models: ModelManager
) -> EmbeddingResult:
    await progress.progress("embedding", 0)
    model, vectors = await asyncio.to_thread(embed_texts, models, spec.texts, spec.embedder)
    await progress.progress("done", 100)
    return EmbeddingResult(model=model, dimensions=vectors.shape[1], vectors=vectors.tolist())


def embed_texts(
    models: ModelManager, texts: list[str], embedder: str | None = None
) -> tuple[str, npt.NDArray[np.float32]]:
    """(model name, one row per text) from an embedding option (blocking: use a thread)."""
    with models.lease(TASK, embedder) as model:
        chosen: Embedder = model
        return chosen.model, chosen.embed(texts)
