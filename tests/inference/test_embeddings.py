"""The sentence-transformers backend: all-MiniLM-L6-v2 from its pip package, offline."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import numpy as np
import pytest

from fovea.inference.contract import EmbeddingSpec, NoProgress
from fovea.inference.registry import ModelManager, load_model_config
from fovea.inference.tasks.embed import embed_texts, run_embedding

GIB = 1024**3


@pytest.fixture(scope="module")
def models() -> Iterator[ModelManager]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")
        manager = ModelManager(load_model_config(), "cpu", 4 * GIB)
        manager.load("embedding")
        yield manager


def test_minilm_loads_offline_and_gives_384_dimension_unit_vectors(
    models: ModelManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    texts = ["A red car stops at the gate.", "Two people shake hands.", ""]

    result = asyncio.run(run_embedding(EmbeddingSpec(texts=texts), NoProgress(), models))

    assert result.model == "all-MiniLM-L6-v2"
    assert result.dimensions == 384
    vectors = np.array(result.vectors)
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_the_model_reports_its_parameter_bytes(models: ModelManager) -> None:
    [(task, option, memory_bytes)] = [m for m in models.loaded_models() if m[0] == "embedding"]

    assert (task, option) == ("embedding", "minilm")
    assert memory_bytes is not None
    assert 80e6 < memory_bytes < 100e6  # 22.7 M float32 parameters


@pytest.mark.parametrize(
    ("anchor", "related", "unrelated"),
    [
        ("A truck drives along the motorway.", "A lorry travels on the highway.", "She bakes."),
        ("The dog chases a ball.", "A dog runs after a ball on the grass.", "Stocks fell."),
        ("Police arrest a suspect.", "Officers detain a man.", "The flowers are in bloom."),
        ("traffic analyst", "someone who studies road vehicles", "a pastry chef"),
    ],
)
def test_related_sentences_are_closer_than_unrelated_ones(
    models: ModelManager, anchor: str, related: str, unrelated: str
) -> None:
    _, vectors = embed_texts(models, [anchor, related, unrelated])

    related_similarity = float(vectors[0] @ vectors[1])
    unrelated_similarity = float(vectors[0] @ vectors[2])

    # Measured with all-MiniLM-L6-v2: related 0.58 to 0.64, unrelated 0.02 to 0.16.
    assert related_similarity > 0.45
    assert related_similarity > unrelated_similarity + 0.3


def test_the_same_text_always_gets_the_same_vector(models: ModelManager) -> None:
    _, first = embed_texts(models, ["a man in a blue coat"])
    _, batched = embed_texts(models, ["something else", "a man in a blue coat"])

    assert first.dtype == np.float32
    assert np.allclose(first[0], batched[1], atol=1e-5)


def test_two_threads_leasing_a_model_that_is_not_loaded_load_it_once() -> None:
    manager = ModelManager(load_model_config(), "cpu", 4 * GIB)
    start = threading.Barrier(2)
    dimensions: list[int] = []

    def lease_and_embed() -> None:
        start.wait()
        with manager.lease("embedding") as embedder:
            dimensions.append(embedder.embed(["hello"]).shape[1])

    threads = [threading.Thread(target=lease_and_embed) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert dimensions == [384, 384]
    assert manager.load_count("embedding") == 1
