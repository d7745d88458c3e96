"""Ontology augmentation: new types for a persona's ontology, ranked for that persona.

Two kinds of ``augmentation`` option:

- ``catalogue`` (the default): ranks the built-in catalogue by meaning against the persona,
  with an ``embedding`` option's model (the option's ``embedder`` parameter, else the
  selected one) lent to it;
- a language model (``openai-compatible``, ``anthropic``, ``gemini``, ``transformers``):
  asked with ``prompts.suggestion_prompt``, its reply parsed by
  ``prompts.parse_suggestions_reply``; every suggestion's ``source`` is ``llm:<model>``.

Either way types the persona already has are left out and at most ``max_suggestions`` come
back, best first.
"""

from __future__ import annotations

import asyncio
import re
from typing import Protocol

from fovea.inference.backends.base import Embedder, TextGenerator
from fovea.inference.contract import (
    AugmentationResult,
    AugmentationSpec,
    PersonaContext,
    Progress,
    TypeKind,
    TypeSuggestion,
)
from fovea.inference.registry import ModelManager, ModelOption

TASK = "augmentation"
CATALOGUE_BACKEND = "catalogue"
_NOT_NAME = re.compile(r"[\W_]+")


class TypeSuggester(Protocol):
    """What the ``catalogue`` backend's model does: rank types with a lent embedder."""

    model: str

    def suggest(
        self,
        embedder: Embedder,
        persona: PersonaContext,
        domain: str,
        target_kind: TypeKind | None,
        max_suggestions: int,
    ) -> tuple[list[TypeSuggestion], str]:
        """Suggestions, best first, and a sentence on how they were ranked."""
        ...


async def run_augmentation(
    spec: AugmentationSpec, progress: Progress, models: ModelManager
) -> AugmentationResult:
    option = models.option(TASK, spec.suggester)
    await progress.progress("suggesting", 0)
    if option.backend == CATALOGUE_BACKEND:
        result = await asyncio.to_thread(_from_catalogue, spec, option, models)
    else:
        result = await asyncio.to_thread(_from_language_model, spec, option, models)
    await progress.progress("done", 100)
    return result


def _from_catalogue(
    spec: AugmentationSpec, option: ModelOption, models: ModelManager
) -> AugmentationResult:
    embedder_name = option.params.get("embedder")
    # Always augmentation first, then embedding: one lock order, so no deadlock.
    with models.lease(TASK, option.name) as model:
        suggester: TypeSuggester = model
        with models.lease("embedding", embedder_name) as lent:
            embedder: Embedder = lent
            suggestions, reasoning = suggester.suggest(
                embedder, spec.persona, spec.domain, spec.target_kind, spec.max_suggestions
            )
            model_name = f"{suggester.model}+{embedder.model}"
    return AugmentationResult(
        persona_id=spec.persona.id, suggestions=suggestions, reasoning=reasoning, model=model_name
    )


def _from_language_model(
    spec: AugmentationSpec, option: ModelOption, models: ModelManager
) -> AugmentationResult:
    from fovea.inference import prompts

    prompt = prompts.suggestion_prompt(
        spec.persona, spec.domain, spec.target_kind, spec.max_suggestions
    )
    with models.lease(TASK, option.name) as model:
        generator: TextGenerator = model
        reply = generator.generate(prompt)
        model_name = generator.model
    parsed, reasoning = prompts.parse_suggestions_reply(
        reply, spec.persona, spec.target_kind, spec.max_suggestions
    )
    suggestions = [
        suggestion.model_copy(update={"source": f"llm:{model_name}"})
        for suggestion in _new_types(parsed, spec.persona, spec.target_kind)
    ][: spec.max_suggestions]
    return AugmentationResult(
        persona_id=spec.persona.id, suggestions=suggestions, reasoning=reasoning, model=model_name
    )


def _new_types(
    suggestions: list[TypeSuggestion], persona: PersonaContext, target_kind: TypeKind | None
) -> list[TypeSuggestion]:
    """Suggestions of the wanted kind that the persona does not have yet, first of a name."""
    seen = {_name_key(known.name) for known in persona.types}
    kept = []
    for suggestion in suggestions:
        key = _name_key(suggestion.name)
        if key in seen or (target_kind is not None and suggestion.kind != target_kind):
            continue
        seen.add(key)
        kept.append(suggestion)
    return kept


def _name_key(name: str) -> str:
    return _NOT_NAME.sub("", name).casefold()
