"""The OpenAI-compatible backend speaks Chat Completions (OpenAI, vLLM, SGLang, llama.cpp,
Ollama) to a local server: the request it sends and the replies it reads."""

from __future__ import annotations

import base64
import re

import pytest
from pytest_httpserver import HTTPServer

from fovea.errors import ModelFailed
from fovea.inference.backends.base import Prompt
from tests.inference.provider_servers import (
    BLUE,
    OPENAI,
    PROMPT,
    RED,
    Reply,
    Script,
    install,
    load_generator,
    running_server,
)

KEY = "sk-openai-test-key"

server = pytest.fixture(scope="module", name="server")(running_server)


def _serve(server: HTTPServer, *replies: Reply) -> Script:
    return install(server, OPENAI.path, Script(*replies or (Reply(body=OPENAI.ok_reply("ok")),)))


def test_the_request_carries_model_system_user_images_and_json_mode(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(OPENAI.key_env, KEY)
    script = _serve(server)
    load_generator(OPENAI.backend, OPENAI.params(server)).generate(PROMPT)
    seen = script.last
    assert (seen.method, seen.path) == ("POST", "/v1/chat/completions")
    assert seen.headers["authorization"] == f"Bearer {KEY}"
    assert seen.body == {
        "model": "test-model",
        "messages": [
            {"role": "system", "content": "You are a video analyst."},
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "Describe the frames."},
                    {"type": "image_url", "image_url": {"url": _data_url(RED)}},
                    {"type": "image_url", "image_url": {"url": _data_url(BLUE)}},
                ],
            },
        ],
        "max_tokens": 300,
        "temperature": 0.1,
        "response_format": {"type": "json_object"},
    }


def _data_url(jpeg: bytes) -> str:
    return "data:image/jpeg;base64," + base64.b64encode(jpeg).decode()


def test_without_a_key_no_authorization_header_is_sent(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(OPENAI.key_env, raising=False)
    script = _serve(server)
    load_generator(OPENAI.backend, OPENAI.params(server)).generate(PROMPT)
    assert "authorization" not in script.last.headers


def test_a_text_only_server_gets_no_images_and_a_plain_request_no_json_mode(
    server: HTTPServer,
) -> None:
    script = _serve(server)
    generator = load_generator(OPENAI.backend, OPENAI.params(server, accepts_images=False))
    assert generator.accepts_images is False
    generator.generate(Prompt(system="", user="Hi.", images_jpeg=[RED]))
    assert script.last.body["messages"] == [
        {"role": "user", "content": [{"type": "text", "text": "Hi."}]}
    ]
    assert "response_format" not in script.last.body


def test_extra_headers_are_sent(server: HTTPServer) -> None:
    script = _serve(server)
    params = OPENAI.params(server, extra_headers={"X-Tenant": "fovea"})
    load_generator(OPENAI.backend, params).generate(PROMPT)
    assert script.last.headers["x-tenant"] == "fovea"


def test_content_sent_as_text_parts_is_joined(server: HTTPServer) -> None:
    reply = OPENAI.ok_reply("")
    reply["choices"][0]["message"]["content"] = [
        {"type": "text", "text": "part one, "},
        {"type": "text", "text": "part two"},
    ]
    _serve(server, Reply(body=reply))
    text = load_generator(OPENAI.backend, OPENAI.params(server)).generate(PROMPT)
    assert text == "part one, part two"


def test_a_refusal_or_truncation_is_named_in_the_error(server: HTTPServer) -> None:
    reply = OPENAI.ok_reply("")
    reply["choices"][0].update(
        message={"role": "assistant", "content": None}, finish_reason="length"
    )
    _serve(server, Reply(body=reply))
    with pytest.raises(ModelFailed, match="finish_reason 'length'"):
        load_generator(OPENAI.backend, OPENAI.params(server)).generate(PROMPT)
    reply["choices"][0]["message"]["refusal"] = "I cannot help with that."
    _serve(server, Reply(body=reply))
    with pytest.raises(ModelFailed, match=re.escape("refused: I cannot help with that.")):
        load_generator(OPENAI.backend, OPENAI.params(server)).generate(PROMPT)


def test_an_ollama_style_error_string_is_reported(server: HTTPServer) -> None:
    _serve(server, Reply(404, {"error": 'model "llava" not found, try pulling it first'}))
    with pytest.raises(ModelFailed, match='HTTP 404: model "llava" not found'):
        load_generator(OPENAI.backend, OPENAI.params(server)).generate(PROMPT)
