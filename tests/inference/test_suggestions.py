"""Ontology suggestions: the built-in catalogue ranked against a persona with MiniLM, and the
language-model path through a local server speaking the OpenAI chat completions protocol."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer

from fovea.errors import InvalidInput
from fovea.inference.catalogue import KINDS, load_catalogue
from fovea.inference.contract import (
    AugmentationResult,
    AugmentationSpec,
    NoProgress,
    OntologyTypeInfo,
    PersonaContext,
    TypeKind,
)
from fovea.inference.registry import DEFAULT_CONFIG, ModelManager, load_model_config
from fovea.inference.tasks.augment import run_augmentation

GIB = 1024**3
VEHICLES = {"truck", "bus", "motorcycle", "van", "taxi", "bicycle", "police car", "vehicle"}
KITCHEN = {"fork", "spoon", "knife", "bowl", "cup", "wine glass", "kitchenware"}
SOURCES = {
    "coco",
    "open-images",
    "ava",
    "meva",
    "kinetics",
    "verbnet",
    "visual-genome",
    "action-genome",
    "fovea",
}

TRAFFIC_ANALYST = PersonaContext(
    name="Traffic analyst",
    role="Traffic analyst who studies the vehicles on city roads and at junctions",
    information_need="Which vehicles stop, turn or cross the junction, and when",
    domain="Road traffic monitoring from fixed street cameras",
    types=[
        OntologyTypeInfo(name="Car", kind="entity"),
        OntologyTypeInfo(name="Vehicle", kind="entity"),
    ],
)


@pytest.fixture(scope="module")
def models() -> ModelManager:
    return ModelManager(load_model_config(), "cpu", 4 * GIB)


def suggest(
    models: ModelManager,
    persona: PersonaContext = TRAFFIC_ANALYST,
    target_kind: TypeKind | None = None,
    max_suggestions: int = 10,
    suggester: str | None = None,
) -> AugmentationResult:
    spec = AugmentationSpec(
        persona=persona,
        target_kind=target_kind,
        max_suggestions=max_suggestions,
        suggester=suggester,
    )
    return asyncio.run(run_augmentation(spec, NoProgress(), models))


# --- the catalogue -------------------------------------------------------------------------


def test_the_catalogue_has_enough_types_of_every_kind() -> None:
    counts = Counter(entry.kind for entry in load_catalogue())

    assert set(counts) == set(KINDS)
    assert counts["entity"] >= 120  # COCO's 80 and common Open Images classes
    assert counts["event"] >= 80
    assert counts["role"] >= 40
    assert counts["relation"] >= 40
    assert sum(counts.values()) >= 250


def test_catalogue_names_are_unique_within_a_kind_and_parents_exist() -> None:
    entries = load_catalogue()
    keys = [(entry.kind, entry.name.casefold()) for entry in entries]

    assert len(keys) == len(set(keys))
    for entry in entries:
        assert entry.parent is None or (entry.kind, entry.parent) in keys


def test_every_catalogue_entry_is_described_and_sourced() -> None:
    for entry in load_catalogue():
        assert entry.name == entry.name.strip() and entry.name
        assert 10 <= len(entry.description) <= 200 and "\n" not in entry.description
        assert entry.source in SOURCES
        assert all(example.strip() for example in entry.examples)


def test_every_coco_class_is_in_the_catalogue() -> None:
    coco = [entry for entry in load_catalogue() if entry.source == "coco"]
    classes = [entry for entry in coco if entry.parent is not None or entry.name == "person"]

    assert len(classes) == 80


def test_the_catalogue_files_are_plain_json_lists() -> None:
    folder = resources.files("fovea.inference.catalogue")
    for name in ("objects.json", "actions.json", "roles.json", "relations.json"):
        data = json.loads(folder.joinpath(name).read_text("utf-8"))
        assert isinstance(data, list)
        assert all(
            set(item) == {"name", "kind", "description", "parent", "examples", "source"}
            for item in data
        )


# --- ranking -------------------------------------------------------------------------------


def test_a_traffic_analyst_gets_vehicles_before_kitchen_utensils(models: ModelManager) -> None:
    result = suggest(models, target_kind="entity", max_suggestions=50)

    names = [suggestion.name for suggestion in result.suggestions]
    top_ten = set(names[:10])
    assert len(top_ten & VEHICLES) >= 3, names[:10]
    assert {"truck", "bus"} <= set(names[:20])
    last_vehicle = max(names.index(name) for name in {"truck", "bus"})
    kitchen_ranks = [names.index(name) for name in KITCHEN if name in names]
    assert all(rank > last_vehicle for rank in kitchen_ranks)


def test_types_the_persona_has_are_not_suggested(models: ModelManager) -> None:
    persona = TRAFFIC_ANALYST.model_copy(
        update={
            "types": [*TRAFFIC_ANALYST.types, OntologyTypeInfo(name="Traffic_Light", kind="entity")]
        }
    )

    result = suggest(models, persona, target_kind="entity", max_suggestions=50)

    names = {suggestion.name.casefold() for suggestion in result.suggestions}
    assert not names & {"car", "vehicle", "traffic light"}
    assert "truck" in names


def test_a_suggestion_names_its_parent_as_the_persona_spells_it(models: ModelManager) -> None:
    result = suggest(models, target_kind="entity", max_suggestions=20)

    truck = next(s for s in result.suggestions if s.name == "truck")
    assert truck.parent == "Vehicle"
    assert truck.examples
    assert truck.source == "catalogue:coco"
    assert truck.description.startswith("A large motor vehicle")


@pytest.mark.parametrize("kind", ["entity", "event", "role", "relation"])
def test_target_kind_and_max_suggestions_are_respected(
    models: ModelManager, kind: TypeKind
) -> None:
    result = suggest(models, target_kind=kind, max_suggestions=5)

    assert len(result.suggestions) == 5
    assert {suggestion.kind for suggestion in result.suggestions} == {kind}


def test_confidences_are_probabilities_in_decreasing_order(models: ModelManager) -> None:
    result = suggest(models, max_suggestions=30)

    confidences = [suggestion.confidence for suggestion in result.suggestions]
    assert all(0 <= confidence <= 1 for confidence in confidences)
    assert confidences == sorted(confidences, reverse=True)
    assert confidences[0] > 0.4  # a close match: "traffic jam", "vehicle turns left"...


def test_the_reasoning_and_model_say_how_types_were_ranked(models: ModelManager) -> None:
    result = suggest(models)

    assert result.model == "catalogue+all-MiniLM-L6-v2"
    assert "cosine similarity" in result.reasoning
    assert "role" in result.reasoning and "information need" in result.reasoning


def test_different_personas_get_different_suggestions(models: ModelManager) -> None:
    chef = PersonaContext(
        role="Cooking show producer", information_need="What the chef prepares and with which tools"
    )

    names = [s.name for s in suggest(models, chef, target_kind="entity").suggestions]

    assert set(names) & KITCHEN, names
    assert not set(names) & VEHICLES


def test_a_persona_with_nothing_to_rank_by_is_invalid_input(models: ModelManager) -> None:
    with pytest.raises(InvalidInput, match="has no role"):
        suggest(models, PersonaContext(name="Empty"))


# --- a language model ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def llm_server() -> Iterator[HTTPServer]:
    server = HTTPServer()
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture(scope="module")
def llm_models(llm_server: HTTPServer, tmp_path_factory: pytest.TempPathFactory) -> ModelManager:
    raw = yaml.safe_load(DEFAULT_CONFIG.read_text())
    raw["slots"]["augmentation"] = {
        "selected": "llm",
        "options": {
            "llm": {
                "backend": "openai-compatible",
                "base_url": llm_server.url_for("/v1").rstrip("/"),
                "model": "test-model",
                "api_key_env": "FOVEA_TEST_NO_SUCH_KEY",
            }
        },
    }
    path = tmp_path_factory.mktemp("config") / "models.yaml"
    path.write_text(yaml.safe_dump(raw))
    return ModelManager(load_model_config(path), "cpu", 4 * GIB)


def chat_reply(content: dict[str, Any]) -> dict[str, Any]:
    message = {"role": "assistant", "content": json.dumps(content)}
    return {
        "id": "1",
        "object": "chat.completion",
        "model": "test-model",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
    }


def test_a_language_model_suggests_types_marked_as_its_own(
    llm_server: HTTPServer, llm_models: ModelManager
) -> None:
    reply = {
        "suggestions": [
            {
                "name": "car",
                "kind": "entity",
                "description": "Already there.",
                "parent": None,
                "examples": [],
                "confidence": 0.99,
            },
            {
                "name": "Cyclist",
                "kind": "entity",
                "description": "A person riding a bicycle.",
                "parent": "Vehicle",
                "examples": ["courier"],
                "confidence": 0.8,
            },
            {
                "name": "Turn",
                "kind": "event",
                "description": "A vehicle changes direction.",
                "parent": None,
                "examples": ["left turn"],
                "confidence": 0.9,
            },
        ],
        "reasoning": "Cyclists matter at junctions.",
    }
    llm_server.clear()
    llm_server.expect_request("/v1/chat/completions", method="POST").respond_with_json(
        chat_reply(reply)
    )

    result = suggest(llm_models, target_kind="entity")

    [request] = [entry[0] for entry in llm_server.log]
    prompt = json.dumps(request.get_json())
    assert TRAFFIC_ANALYST.role in prompt
    assert [s.name for s in result.suggestions] == ["Cyclist"]
    assert result.suggestions[0].source == "llm:test-model"
    assert result.model == "test-model"
    assert result.reasoning == "Cyclists matter at junctions."
