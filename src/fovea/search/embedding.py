"""Text embeddings for the API's own use (search queries and annotation notes).

``embed_texts`` asks the model service at ``FOVEA_MODEL_SERVICE_URL`` (``POST /api/embed``)
when one is configured, and otherwise runs the embedding model in this process (loaded once,
on first use). Errors:

    a model service that cannot be reached, times out, or answers 429/503/504 -> Unavailable
    any other failure of the model service, or an answer that breaks the contract -> ModelFailed
"""

from __future__ import annotations

from collections.abc import Sequence

import httpx
from pydantic import ValidationError

from fovea.config import Settings
from fovea.errors import ModelFailed, Unavailable
from fovea.inference.contract import (
    EMBEDDING_BATCH_MAX,
    EmbeddingResult,
    EmbeddingSpec,
    NoProgress,
)

REMOTE_TIMEOUT_S = 30.0
RETRY_LATER_STATUSES = frozenset({429, 503, 504})


async def embed_texts(settings: Settings, texts: Sequence[str]) -> list[list[float]]:
    """One unit-length vector per text, in order (batches of ``EMBEDDING_BATCH_MAX``)."""
    vectors: list[list[float]] = []
    for start in range(0, len(texts), EMBEDDING_BATCH_MAX):
        spec = EmbeddingSpec(texts=list(texts[start : start + EMBEDDING_BATCH_MAX]))
        if settings.model_service_url:
            result = await _remote(settings.model_service_url, spec)
        else:
            result = await _in_process(spec)
        if len(result.vectors) != len(spec.texts):
            raise ModelFailed(
                f"the embedding model returned {len(result.vectors)} vectors "
                f"for {len(spec.texts)} texts"
            )
        vectors += result.vectors
    return vectors


async def _in_process(spec: EmbeddingSpec) -> EmbeddingResult:
    # Imported on first use, so that the API starts without loading torch.
    from fovea.inference.runtime import models
    from fovea.inference.tasks.embed import run_embedding

    return await run_embedding(spec, NoProgress(), models())


async def _remote(base_url: str, spec: EmbeddingSpec) -> EmbeddingResult:
    url = f"{base_url.rstrip('/')}/api/embed"
    try:
        async with httpx.AsyncClient(timeout=REMOTE_TIMEOUT_S) as client:
            response = await client.post(url, json=spec.model_dump(mode="json"))
    except httpx.HTTPError as exc:
        raise Unavailable(f"the model service at {base_url} cannot be reached: {exc}") from exc
    if response.status_code in RETRY_LATER_STATUSES:
        raise Unavailable(
            f"the model service at {base_url} is busy or down ({response.status_code}): "
            f"{_message(response)}"
        )
    if not response.is_success:
        raise ModelFailed(
            f"the model service at {base_url} could not embed ({response.status_code}): "
            f"{_message(response)}"
        )
    try:
        return EmbeddingResult.model_validate_json(response.content)
    except ValidationError as exc:
        raise ModelFailed(f"the model service at {base_url} sent an invalid answer: {exc}") from exc


def _message(response: httpx.Response) -> str:
    """The ``message`` of a fovea error body, else the start of the body."""
    try:
        body = response.json()
    except ValueError:
        body = None
    message = body.get("message") if isinstance(body, dict) else None
    return message if isinstance(message, str) else response.text[:200] or response.reason_phrase
