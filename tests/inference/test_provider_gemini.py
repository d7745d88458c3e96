"""The Gemini backend speaks ``generateContent`` to a local server: the request it sends and
the replies it reads."""

from __future__ import annotations

import base64
import re

import pytest
from pytest_httpserver import HTTPServer

from fovea.errors import ModelFailed
from tests.inference.provider_servers import (
    BLUE,
    GEMINI,
    PROMPT,
    RED,
    Reply,
    Script,
    install,
    load_generator,
    running_server,
)

KEY = "AIza-gemini-test-key"

server = pytest.fixture(scope="module", name="server")(running_server)


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(GEMINI.key_env, KEY)


def _serve(server: HTTPServer, *replies: Reply) -> Script:
    return install(server, GEMINI.path, Script(*replies or (Reply(body=GEMINI.ok_reply("ok")),)))


def _image_part(jpeg: bytes) -> dict[str, object]:
    return {"inline_data": {"mime_type": "image/jpeg", "data": base64.b64encode(jpeg).decode()}}


def test_the_request_carries_key_system_instruction_images_then_text(server: HTTPServer) -> None:
    script = _serve(server)
    load_generator(GEMINI.backend, GEMINI.params(server)).generate(PROMPT)
    seen = script.last
    assert (seen.method, seen.path) == ("POST", "/v1beta/models/test-model:generateContent")
    assert seen.headers["x-goog-api-key"] == KEY
    assert "key=" not in seen.path
    assert seen.body == {
        "contents": [
            {
                "role": "user",
                "parts": [_image_part(RED), _image_part(BLUE), {"text": "Describe the frames."}],
            }
        ],
        "generationConfig": {
            "maxOutputTokens": 300,
            "temperature": 0.1,
            "responseMimeType": "application/json",
        },
        "systemInstruction": {"parts": [{"text": "You are a video analyst."}]},
    }


def test_a_models_prefix_on_the_name_is_accepted(server: HTTPServer) -> None:
    script = _serve(server)
    load_generator(GEMINI.backend, GEMINI.params(server, model="models/test-model")).generate(
        PROMPT
    )
    assert script.last.path == GEMINI.path


def test_text_parts_are_joined_and_thoughts_left_out(server: HTTPServer) -> None:
    reply = GEMINI.ok_reply("")
    reply["candidates"][0]["content"]["parts"] = [
        {"text": "thinking it over", "thought": True},
        {"text": "first, "},
        {"text": "second"},
    ]
    _serve(server, Reply(body=reply))
    assert load_generator(GEMINI.backend, GEMINI.params(server)).generate(PROMPT) == "first, second"


def test_a_blocked_prompt_fails_with_the_block_reason(server: HTTPServer) -> None:
    reply = {"promptFeedback": {"blockReason": "SAFETY", "safetyRatings": []}}
    script = _serve(server, Reply(body=reply))
    with pytest.raises(ModelFailed, match=r"the prompt was blocked .*blockReason 'SAFETY'"):
        load_generator(GEMINI.backend, GEMINI.params(server)).generate(PROMPT)
    assert len(script.requests) == 1


def test_a_candidate_without_text_names_the_finish_reason(server: HTTPServer) -> None:
    reply = {
        "candidates": [{"content": {"role": "model", "parts": []}, "finishReason": "MAX_TOKENS"}]
    }
    _serve(server, Reply(body=reply))
    with pytest.raises(ModelFailed, match="finishReason 'MAX_TOKENS'"):
        load_generator(GEMINI.backend, GEMINI.params(server)).generate(PROMPT)


def test_an_invalid_argument_is_reported_with_its_status(server: HTTPServer) -> None:
    body = {"error": {"code": 400, "message": "API key not valid.", "status": "INVALID_ARGUMENT"}}
    _serve(server, Reply(400, body))
    with pytest.raises(
        ModelFailed, match=re.escape("HTTP 400: INVALID_ARGUMENT: API key not valid.")
    ):
        load_generator(GEMINI.backend, GEMINI.params(server)).generate(PROMPT)
