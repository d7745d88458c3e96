"""The Anthropic backend speaks the Messages API to a local server: the request it sends and
the replies it reads."""

from __future__ import annotations

import base64

import pytest
from pytest_httpserver import HTTPServer

from fovea.errors import ModelFailed, Unavailable
from tests.inference.provider_servers import (
    ANTHROPIC,
    BLUE,
    PROMPT,
    RED,
    Reply,
    Script,
    install,
    load_generator,
    running_server,
)

KEY = "sk-ant-test-key"

server = pytest.fixture(scope="module", name="server")(running_server)


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ANTHROPIC.key_env, KEY)


def _serve(server: HTTPServer, *replies: Reply) -> Script:
    default = (Reply(body=ANTHROPIC.ok_reply("ok")),)
    return install(server, ANTHROPIC.path, Script(*replies or default))


def _image_block(jpeg: bytes) -> dict[str, object]:
    data = base64.b64encode(jpeg).decode()
    return {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": data}}


def test_the_request_carries_version_key_system_images_then_text(server: HTTPServer) -> None:
    script = _serve(server)
    load_generator(ANTHROPIC.backend, ANTHROPIC.params(server)).generate(PROMPT)
    seen = script.last
    assert (seen.method, seen.path) == ("POST", "/v1/messages")
    assert seen.headers["x-api-key"] == KEY
    assert seen.headers["anthropic-version"] == "2023-06-01"
    assert seen.headers["content-type"] == "application/json"
    assert "authorization" not in seen.headers
    assert seen.body == {
        "model": "test-model",
        "max_tokens": 300,
        "system": "You are a video analyst.",
        "messages": [
            {
                "role": "user",
                "content": [
                    _image_block(RED),
                    _image_block(BLUE),
                    {"type": "text", "text": "Describe the frames."},
                ],
            }
        ],
        "temperature": 0.1,
    }


def test_text_blocks_are_joined_and_other_blocks_ignored(server: HTTPServer) -> None:
    reply = ANTHROPIC.ok_reply("")
    reply["content"] = [
        {"type": "thinking", "thinking": "hmm", "signature": "sig"},
        {"type": "text", "text": '{"summary": '},
        {"type": "text", "text": '"a car"}'},
    ]
    _serve(server, Reply(body=reply))
    text = load_generator(ANTHROPIC.backend, ANTHROPIC.params(server)).generate(PROMPT)
    assert text == '{"summary": "a car"}'


def test_a_reply_without_text_names_the_stop_reason(server: HTTPServer) -> None:
    reply = ANTHROPIC.ok_reply("")
    reply.update(content=[], stop_reason="refusal")
    _serve(server, Reply(body=reply))
    with pytest.raises(ModelFailed, match="no text content \\(stop_reason 'refusal'\\)"):
        load_generator(ANTHROPIC.backend, ANTHROPIC.params(server)).generate(PROMPT)


def test_overloaded_529_is_retried_then_unavailable_with_the_error_type(
    server: HTTPServer,
) -> None:
    body = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
    script = _serve(server, Reply(529, body))
    generator = load_generator(ANTHROPIC.backend, ANTHROPIC.params(server, max_retries=1))
    with pytest.raises(Unavailable, match="HTTP 529: overloaded_error: Overloaded"):
        generator.generate(PROMPT)
    assert len(script.requests) == 2


def test_a_bad_key_is_reported_with_the_error_type(server: HTTPServer) -> None:
    body = {
        "type": "error",
        "error": {"type": "authentication_error", "message": "invalid x-api-key"},
    }
    _serve(server, Reply(401, body))
    with pytest.raises(
        ModelFailed,
        match="anthropic model 'test-model' refused the request: HTTP 401: "
        "authentication_error: invalid x-api-key",
    ):
        load_generator(ANTHROPIC.backend, ANTHROPIC.params(server)).generate(PROMPT)
