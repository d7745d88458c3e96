"""The built-in catalogue of candidate ontology types, read from the JSON files beside this.

One file per kind of type, each a JSON array of entries
``{name, kind, description, parent, examples, source}``:

    objects.json    entity types: the 80 COCO classes under COCO's supercategories
                    (vehicle, animal, accessory...), common Open Images classes
    actions.json    event types: AVA atomic actions, MEVA (ActEV) vehicle and person
                    activities, Kinetics sports, and incidents
    roles.json      role types: VerbNet thematic roles (agent, patient, instrument...) and
                    everyday participant roles (driver, passenger, witness...)
    relations.json  relation types: Visual Genome and Action Genome predicates (near,
                    holds, rides...) and social relations

``source`` names the public label set an entry comes from (``coco``, ``open-images``,
``ava``, ``meva``, ``kinetics``, ``verbnet``, ``visual-genome``, ``action-genome``), or
``fovea`` for the parents and everyday types added here. Descriptions are written for this
catalogue. ``parent`` names a more general entry of the same kind, or is null. The
augmentation suggester ranks these entries by meaning against a persona.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final, get_args

from fovea.errors import ConfigurationError
from fovea.inference.contract import TypeKind

CATALOGUE_FILES: Final = ("objects.json", "actions.json", "roles.json", "relations.json")
KINDS: Final[tuple[str, ...]] = get_args(TypeKind)


@dataclass(frozen=True)
class CatalogueEntry:
    """One candidate type."""

    name: str
    kind: TypeKind
    description: str
    parent: str | None
    examples: tuple[str, ...]
    source: str

    @property
    def text(self) -> str:
        """What is embedded to rank the entry: name, description and examples."""
        examples = f" Examples: {', '.join(self.examples)}." if self.examples else ""
        return f"{self.name}: {self.description}{examples}"


@functools.cache
def load_catalogue() -> tuple[CatalogueEntry, ...]:
    """Every entry of every catalogue file, in file order (read once per process)."""
    entries: list[CatalogueEntry] = []
    for file_name in CATALOGUE_FILES:
        raw = json.loads(resources.files(__package__).joinpath(file_name).read_text("utf-8"))
        entries.extend(_entry(file_name, item) for item in raw)
    _check_unique(entries)
    return tuple(entries)


def _entry(file_name: str, item: dict[str, Any]) -> CatalogueEntry:
    try:
        kind = item["kind"]
        if kind not in KINDS:
            raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
        return CatalogueEntry(
            name=str(item["name"]),
            kind=kind,
            description=str(item["description"]),
            parent=None if item.get("parent") is None else str(item["parent"]),
            examples=tuple(str(example) for example in item.get("examples", [])),
            source=str(item["source"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigurationError(f"catalogue {file_name}: bad entry {item!r}: {exc}") from exc


def _check_unique(entries: list[CatalogueEntry]) -> None:
    """Names are unique within a kind (ignoring case); parents name an entry of that kind."""
    seen: set[tuple[str, str]] = set()
    for entry in entries:
        key = (entry.kind, entry.name.casefold())
        if key in seen:
            raise ConfigurationError(f"catalogue: {entry.kind} {entry.name!r} appears twice")
        seen.add(key)
    for entry in entries:
        if entry.parent is not None and (entry.kind, entry.parent.casefold()) not in seen:
            raise ConfigurationError(
                f"catalogue: the parent {entry.parent!r} of {entry.name!r} is not a {entry.kind}"
            )
