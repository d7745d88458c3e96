"""Prompts carry the persona and their ontology; parsers accept good replies and refuse bad
ones with ModelFailed (never an empty result)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fovea.errors import ModelFailed
from fovea.inference.contract import OntologyTypeInfo, PersonaContext, TypeKind
from fovea.inference.prompts import (
    SummaryReply,
    parse_suggestions_reply,
    parse_summary_reply,
    suggestion_prompt,
    summary_prompt,
)

PERSONA = PersonaContext(
    name="Dana",
    role="Traffic safety inspector",
    information_need="Near misses between cyclists and turning trucks",
    domain="Urban intersections",
    types=[
        OntologyTypeInfo(name="Cyclist", kind="entity", description="A person riding a bicycle"),
        OntologyTypeInfo(name="Truck", kind="entity"),
        OntologyTypeInfo(name="Right Turn", kind="event", description="A vehicle turns right"),
        OntologyTypeInfo(name="Yields To", kind="relation"),
    ],
)
FRAMES = [(0, 0.0, b"jpeg-0"), (120, 4.0, b"jpeg-120"), (240, 8.0, b"jpeg-240")]
FRAME_NUMBERS = [frame for frame, _, _ in FRAMES]


def _text(prompt: Any) -> str:
    return f"{prompt.system}\n{prompt.user}"


# --- summary prompt ------------------------------------------------------------------------


def test_the_summary_prompt_carries_the_persona_and_the_ontology() -> None:
    prompt = summary_prompt(PERSONA, FRAMES, "Watch out!", "frame 120: truck 0.91", 9.5)
    text = _text(prompt)
    for expected in (
        "Dana",
        "Traffic safety inspector",
        "Near misses between cyclists and turning trucks",
        "Urban intersections",
        "- Cyclist (entity): A person riding a bicycle",
        "- Truck (entity)",
        "- Right Turn (event): A vehicle turns right",
        "- Yields To (relation)",
        "Watch out!",
        "frame 120: truck 0.91",
        "9.5 s long",
        "2. frame 120 at 4.00 s",
        '"key_frames"',
        '"visual_analysis"',
        '"confidence"',
    ):
        assert expected in text
    assert prompt.images_jpeg == [b"jpeg-0", b"jpeg-120", b"jpeg-240"]
    assert prompt.json_reply


def test_the_summary_prompt_fills_gaps_and_clips_a_long_transcript() -> None:
    prompt = summary_prompt(PersonaContext(), [], "word " * 5000, "", 3.0)
    assert "Role: analyst" in prompt.user
    assert "has no types yet" in prompt.user
    assert "(no key frames)" in prompt.user
    assert "(none)" in prompt.user
    assert "more characters left out" in prompt.user
    assert prompt.images_jpeg == []


# --- summary replies -----------------------------------------------------------------------

GOOD_SUMMARY = {
    "summary": "A truck turns right while a cyclist waits.",
    "visual_analysis": "The cyclist stops at the line; the truck clears the turn.",
    "key_frames": [
        {"frame": 0, "description": "The cyclist waits."},
        {"frame": 240, "description": "The truck has turned."},
    ],
    "confidence": 0.8,
}
EXPECTED_SUMMARY = SummaryReply(
    summary="A truck turns right while a cyclist waits.",
    visual_analysis="The cyclist stops at the line; the truck clears the turn.",
    descriptions={0: "The cyclist waits.", 240: "The truck has turned."},
    confidence=0.8,
)


@pytest.mark.parametrize(
    "wrap",
    [
        lambda body: body,
        lambda body: f"  {body}\n",
        lambda body: f"```json\n{body}\n```",
        lambda body: f"```\n{body}\n```",
        lambda body: f"Here is the summary:\n```json\n{body}\n```\nAnything else?",
        lambda body: f"<think>The frames show a truck.</think>\n{body}",
    ],
    ids=["bare", "padded", "json-fence", "plain-fence", "fence-in-prose", "after-think"],
)
def test_a_good_summary_reply_is_accepted_bare_or_fenced(wrap: Any) -> None:
    assert parse_summary_reply(wrap(json.dumps(GOOD_SUMMARY)), FRAME_NUMBERS) == EXPECTED_SUMMARY


def test_a_summary_confidence_is_optional_and_clamped() -> None:
    without = {key: value for key, value in GOOD_SUMMARY.items() if key != "confidence"}
    assert parse_summary_reply(json.dumps(without), FRAME_NUMBERS).confidence is None
    over = {**GOOD_SUMMARY, "confidence": 1.7, "key_frames": [{"frame": 120.0, "description": "x"}]}
    parsed = parse_summary_reply(json.dumps(over), FRAME_NUMBERS)
    assert parsed.confidence == 1.0
    assert parsed.descriptions == {120: "x"}


def _summary(**changes: Any) -> str:
    return json.dumps({**GOOD_SUMMARY, **changes})


@pytest.mark.parametrize(
    ("reply", "problem"),
    [
        ("Sure! The video shows a truck.", "the reply is not JSON"),
        ("", "the reply is not JSON"),
        ("[1, 2]", "a list, not an object"),
        (f"```json\n{_summary()}\n```\n```json\n{_summary()}\n```", "2 code blocks"),
        ('{"summary": "cut off', "the reply is not JSON"),
        (_summary(summary=""), "'summary' is empty"),
        (_summary(summary=None), "'summary' must be a string, not missing or null"),
        (_summary(summary=["a"]), "'summary' must be a string, not a list"),
        (_summary(visual_analysis=3), "'visual_analysis' must be a string, not a number"),
        (_summary(key_frames={"0": "x"}), "'key_frames' must be a list, not an object"),
        (_summary(key_frames=["frame 0"]), "key_frames[0] must be an object"),
        (_summary(key_frames=[{"frame": "0", "description": "x"}]), "must be an integer"),
        (_summary(key_frames=[{"frame": True, "description": "x"}]), "must be an integer"),
        (_summary(key_frames=[{"frame": 60, "description": "x"}]), "frame 60, which is not"),
        (
            _summary(
                key_frames=[{"frame": 0, "description": "x"}, {"frame": 0, "description": "y"}]
            ),
            "describes frame 0 a second time",
        ),
        (_summary(key_frames=[{"frame": 0, "description": " "}]), "description is empty"),
        (_summary(confidence="high"), "confidence must be a number"),
        (_summary(confidence=float("nan")), "confidence must be a number"),
    ],
)
def test_a_bad_summary_reply_is_refused_saying_what_is_wrong(reply: str, problem: str) -> None:
    with pytest.raises(ModelFailed) as raised:
        parse_summary_reply(reply, FRAME_NUMBERS)
    assert raised.value.message.startswith("the model's summary reply is unusable: ")
    assert problem in raised.value.message


# --- suggestion prompt ---------------------------------------------------------------------


def test_the_suggestion_prompt_carries_the_persona_and_excludes_existing_types() -> None:
    prompt = suggestion_prompt(PERSONA, "Bike lanes at busy corners", "event", 5)
    text = _text(prompt)
    for expected in (
        "Traffic safety inspector",
        "Near misses between cyclists and turning trucks",
        "Bike lanes at busy corners",
        "suggest none of these",
        "- Cyclist (entity)",
        "- Right Turn (event)",
        "Suggest up to 5 new event types only",
        "- event: ",
        '"suggestions"',
        '"reasoning"',
    ):
        assert expected in text
    assert "- entity: " not in text
    assert prompt.json_reply
    assert prompt.images_jpeg == []


def test_the_suggestion_prompt_without_a_kind_explains_every_kind() -> None:
    prompt = suggestion_prompt(PersonaContext(domain="Harbours"), "", None, 3)
    assert "Harbours" in prompt.user
    assert "types of any kind" in prompt.user
    for kind in ("entity", "event", "role", "relation"):
        assert f"- {kind}: " in prompt.user


# --- suggestion replies --------------------------------------------------------------------


def _item(name: str, kind: str = "entity", confidence: Any = 0.5, **more: Any) -> dict[str, Any]:
    item = {"name": name, "kind": kind, "description": f"About {name}.", "confidence": confidence}
    return item | more


def _suggestions(*items: dict[str, Any], reasoning: Any = "Because.") -> str:
    return json.dumps({"suggestions": list(items), "reasoning": reasoning})


def test_good_suggestions_are_parsed_ranked_and_cut() -> None:
    reply = _suggestions(
        _item("Bike Lane", confidence=0.6, parent="Road ", examples=["painted lane", " "]),
        _item("Delivery Van", confidence=1.4),
        _item("Pedestrian", confidence=-0.2, parent=""),
        _item("Traffic Light", confidence=0.9),
    )
    suggestions, reasoning = parse_suggestions_reply(f"```json\n{reply}\n```", PERSONA, None, 3)
    assert [s.name for s in suggestions] == ["Delivery Van", "Traffic Light", "Bike Lane"]
    assert [s.confidence for s in suggestions] == [1.0, 0.9, 0.6]
    bike_lane = suggestions[2]
    assert (bike_lane.kind, bike_lane.parent, bike_lane.examples) == (
        "entity",
        "Road",
        ["painted lane"],
    )
    assert bike_lane.description == "About Bike Lane."
    assert all(s.source == "" for s in suggestions)
    assert reasoning == "Because."


def test_existing_types_wrong_kinds_and_repeats_are_dropped() -> None:
    reply = _suggestions(
        _item("cyclist"),
        _item("Right_Turn", kind="event"),
        _item("Close Pass", kind="Event"),
        _item("close-pass", kind="event"),
        _item("Bike Lane", kind="entity"),
        _item("Overtakes", kind="relation"),
    )
    suggestions, _ = parse_suggestions_reply(reply, PERSONA, "event", 10)
    assert [(s.name, s.kind) for s in suggestions] == [("Close Pass", "event")]


def test_an_empty_suggestion_list_and_missing_reasoning_are_fine() -> None:
    assert parse_suggestions_reply('{"suggestions": []}', PERSONA, None, 5) == ([], "")


@pytest.mark.parametrize(
    ("reply", "problem"),
    [
        ("Here are some types: Bike Lane, Van", "the reply is not JSON"),
        ('[{"name": "Van"}]', "a list, not an object"),
        ('{"types": []}', "'suggestions' must be a list, not missing or null"),
        (_suggestions(reasoning=["x"]), "'reasoning' must be a string"),
        (_suggestions("Van"), "suggestions[0] must be an object"),
        (_suggestions({"kind": "entity", "description": "d", "confidence": 1}), "name must be"),
        (_suggestions(_item(" ")), "suggestions[0].name is empty"),
        (_suggestions(_item("Van", kind="thing")), "kind must be one of entity, event"),
        (_suggestions(_item("Van", description=None)), "description must be a string"),
        (_suggestions(_item("Van", parent=3)), "parent must be a string or null"),
        (_suggestions(_item("Van", examples="a van")), "examples must be a list of strings"),
        (_suggestions(_item("Van", confidence="high")), "confidence must be a number"),
        (
            _suggestions({"name": "Van", "kind": "entity", "description": "d"}),
            "suggestions[0] has no confidence",
        ),
    ],
)
def test_a_bad_suggestions_reply_is_refused_saying_what_is_wrong(reply: str, problem: str) -> None:
    target: TypeKind | None = None
    with pytest.raises(ModelFailed) as raised:
        parse_suggestions_reply(reply, PERSONA, target, 5)
    assert raised.value.message.startswith("the model's suggestions reply is unusable: ")
    assert problem in raised.value.message
