"""The ``catalogue`` backend: ontology suggestions ranked by meaning, with no language model.

The suggester ranks the entries of the built-in catalogue (``fovea.inference.catalogue``)
against what the persona is about. It embeds each entry's text (name, description, examples)
and each of the persona's role, information need, domain, the request's domain text and the
names of the types the persona already has, with an ``Embedder`` the caller lends it (the
``embedding`` slot's model: the suggester owns no model, so it loads nothing and shares
MiniLM with search). The query vector is the mean of the parts' unit vectors, renormalised,
so a long domain text does not drown the role, and each part is read in full by the model
rather than cut off in one long text. Entries are ranked by cosine similarity to it.

Confidence is that cosine similarity clamped to 0..1 and rounded to 3 places. With
all-MiniLM-L6-v2, about 0.5 and above is a close match, 0.3 clearly related and under 0.15
unrelated; entries under ``min_similarity`` (default 0.1) are not suggested at all.

Left out: entries whose name the persona already uses (case, spaces, underscores and
hyphens ignored) and, with a target kind, entries of other kinds. A suggestion's parent uses
the persona's own spelling when the persona has a type of that name. The catalogue's
vectors are computed once per embedding model and kept.

Parameters: ``min_similarity`` (default 0.1); ``embedder``, the embedding option to rank
with (default: the one selected; the task reads it).
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt

from fovea.errors import InvalidInput
from fovea.inference.backends.base import Embedder
from fovea.inference.catalogue import CatalogueEntry, load_catalogue
from fovea.inference.contract import PersonaContext, TypeKind, TypeSuggestion

if TYPE_CHECKING:
    from fovea.inference.registry import ModelOption

DEFAULT_MIN_SIMILARITY: Final = 0.1
_NOT_NAME = re.compile(r"[\W_]+")

Vectors = npt.NDArray[np.float32]


def name_key(name: str) -> str:
    """A type name compared loosely: "Traffic light", "traffic_light" and "TrafficLight"."""
    return _NOT_NAME.sub("", name).casefold()


class CatalogueSuggester:
    """Ranks catalogue entries against a persona with a lent ``Embedder``."""

    model = "catalogue"

    def __init__(self, entries: tuple[CatalogueEntry, ...], min_similarity: float) -> None:
        self.entries = entries
        self.min_similarity = min_similarity
        self.memory_bytes = 0  # a few hundred short strings; vectors below are ~0.5 MB each
        self._vectors: dict[tuple[str, int], Vectors] = {}
        self._lock = threading.Lock()

    def suggest(
        self,
        embedder: Embedder,
        persona: PersonaContext,
        domain: str,
        target_kind: TypeKind | None,
        max_suggestions: int,
    ) -> tuple[list[TypeSuggestion], str]:
        """The best ``max_suggestions`` entries, best first, and how they were ranked."""
        parts = query_parts(persona, domain)
        if not parts:
            raise InvalidInput(
                "the persona has no role, information need, domain or types to rank against"
            )
        query = _mean_direction(embedder.embed(list(parts.values())))
        similarities = self._entry_vectors(embedder) @ query
        chosen = self._ranked(similarities, persona, target_kind)[:max_suggestions]
        suggestions = [self._suggestion(index, similarities, persona) for index in chosen]
        return suggestions, self._reasoning(parts, embedder, target_kind, len(chosen))

    def _entry_vectors(self, embedder: Embedder) -> Vectors:
        key = (embedder.model, embedder.dimensions)
        with self._lock:
            cached = self._vectors.get(key)
        if cached is None:
            cached = embedder.embed([entry.text for entry in self.entries])
            with self._lock:
                self._vectors[key] = cached
        return cached

    def _ranked(
        self, similarities: Vectors, persona: PersonaContext, target_kind: TypeKind | None
    ) -> list[int]:
        owned = {name_key(known.name) for known in persona.types}
        order = np.argsort(-similarities, kind="stable")
        return [
            int(index)
            for index in order
            if similarities[index] >= self.min_similarity
            and (target_kind is None or self.entries[index].kind == target_kind)
            and name_key(self.entries[index].name) not in owned
        ]

    def _suggestion(
        self, index: int, similarities: Vectors, persona: PersonaContext
    ) -> TypeSuggestion:
        entry = self.entries[index]
        spelled = {name_key(known.name): known.name for known in persona.types}
        parent = None if entry.parent is None else spelled.get(name_key(entry.parent), entry.parent)
        return TypeSuggestion(
            name=entry.name,
            kind=entry.kind,
            description=entry.description,
            parent=parent,
            examples=list(entry.examples),
            confidence=round(min(1.0, max(0.0, float(similarities[index]))), 3),
            source=f"catalogue:{entry.source}",
        )

    def _reasoning(
        self,
        parts: dict[str, str],
        embedder: Embedder,
        target_kind: TypeKind | None,
        count: int,
    ) -> str:
        kinds = f"{target_kind} types" if target_kind else "types of every kind"
        return (
            f"Ranked {len(self.entries)} catalogue {kinds} by cosine similarity between "
            f"each type's name, description and examples and the persona's "
            f"{', '.join(parts)} (embedded with {embedder.model}, averaged). Types the "
            f"persona already has were left out, as were matches below "
            f"{self.min_similarity:.2f}; confidence is the similarity. {count} kept."
        )


def query_parts(persona: PersonaContext, domain: str) -> dict[str, str]:
    """The non-empty texts a persona is ranked by, named for the reasoning."""
    owned = ", ".join(known.name for known in persona.types)
    parts = {
        "role": persona.role,
        "information need": persona.information_need,
        "domain": persona.domain,
        "request's domain text": domain,
        "existing types": f"Types already in use: {owned}." if owned else "",
    }
    return {label: text.strip() for label, text in parts.items() if text.strip()}


def _mean_direction(vectors: Vectors) -> Vectors:
    mean = vectors.mean(axis=0)
    return np.asarray(mean / max(float(np.linalg.norm(mean)), 1e-12), dtype=np.float32)


def load(option: ModelOption, device: str) -> CatalogueSuggester:
    """The suggester over the built-in catalogue (``device`` is unused: no model here)."""
    min_similarity = float(option.params.get("min_similarity", DEFAULT_MIN_SIMILARITY))
    return CatalogueSuggester(load_catalogue(), min_similarity)
