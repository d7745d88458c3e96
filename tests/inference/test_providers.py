"""Behaviour every provider backend shares: retries, errors, keys, and loading by the registry.

Each test runs once per provider (OpenAI-compatible, Anthropic, Gemini) against a real local
HTTP server answering in that provider's documented protocol.
"""

from __future__ import annotations

import logging
import re
import socket
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer

from fovea.errors import ModelFailed, Unavailable
from fovea.inference.backends.base import Prompt
from fovea.inference.backends.providers.http import RetryPolicy, retry_after_s
from fovea.inference.registry import ModelManager, load_model_config
from tests.inference.provider_servers import (
    ANTHROPIC,
    CASES,
    GEMINI,
    OPENAI,
    ProviderCase,
    Reply,
    Script,
    install,
    load_generator,
    running_server,
    write_model_config,
)

PROMPT = Prompt(system="You are terse.", user="Say hello.", max_tokens=16, temperature=0)
SECRET = "sk-test-0123456789abcdef"

server = pytest.fixture(scope="module", name="server")(running_server)


@pytest.fixture(autouse=True)
def _keys(monkeypatch: pytest.MonkeyPatch) -> None:
    for case in CASES:
        monkeypatch.setenv(case.key_env, SECRET)


def _serve(server: HTTPServer, case: ProviderCase, *replies: Reply) -> Script:
    return install(server, case.path, Script(*replies))


def _error(case: ProviderCase, status: int, message: str, **headers: str) -> Reply:
    return Reply(status, case.error_body(status, message), headers=headers)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_reply_text_comes_back(server: HTTPServer, case: ProviderCase) -> None:
    script = _serve(server, case, Reply(body=case.ok_reply('{"ok": true}')))
    assert load_generator(case.backend, case.params(server)).generate(PROMPT) == '{"ok": true}'
    assert len(script.requests) == 1
    assert script.last.method == "POST"
    assert script.last.path == case.path


@pytest.mark.parametrize("case", CASES, ids=str)
def test_429_and_503_are_retried_until_success(server: HTTPServer, case: ProviderCase) -> None:
    script = _serve(
        server,
        case,
        _error(case, 429, "slow down"),
        _error(case, 503, "overloaded"),
        Reply(body=case.ok_reply("hello")),
    )
    assert load_generator(case.backend, case.params(server)).generate(PROMPT) == "hello"
    assert len(script.requests) == 3


@pytest.mark.parametrize("case", CASES, ids=str)
def test_5xx_through_every_retry_is_unavailable(server: HTTPServer, case: ProviderCase) -> None:
    script = _serve(server, case, _error(case, 500, "internal trouble"))
    generator = load_generator(case.backend, case.params(server, max_retries=2))
    with pytest.raises(Unavailable) as raised:
        generator.generate(PROMPT)
    assert len(script.requests) == 3
    assert case.backend in raised.value.message
    assert "HTTP 500" in raised.value.message
    assert "internal trouble" in raised.value.message


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_slow_provider_is_retried_then_unavailable(
    server: HTTPServer, case: ProviderCase
) -> None:
    script = _serve(server, case, Reply(body=case.ok_reply("late"), delay_s=0.6))
    generator = load_generator(case.backend, case.params(server, timeout_s=0.15, max_retries=1))
    with pytest.raises(Unavailable, match=re.escape("no reply within timeout_s=0.15")):
        generator.generate(PROMPT)
    assert len(script.requests) == 2


@pytest.mark.parametrize("case", CASES, ids=str)
def test_an_unreachable_provider_is_unavailable(case: ProviderCase) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    params = {"base_url": f"http://127.0.0.1:{port}", "model": "m", "api_key_env": case.key_env}
    generator = load_generator(case.backend, {**params, "retry_base_delay_s": 0.001})
    with pytest.raises(Unavailable, match="after 4 attempts: cannot reach"):
        generator.generate(PROMPT)


@pytest.mark.parametrize("status", [400, 401, 404])
@pytest.mark.parametrize("case", CASES, ids=str)
def test_client_errors_fail_at_once_with_the_providers_message(
    server: HTTPServer, case: ProviderCase, status: int
) -> None:
    script = _serve(server, case, _error(case, status, f"the provider says no ({status})"))
    with pytest.raises(ModelFailed) as raised:
        load_generator(case.backend, case.params(server)).generate(PROMPT)
    assert len(script.requests) == 1
    message = raised.value.message
    assert case.backend in message
    assert f"HTTP {status}" in message
    assert f"the provider says no ({status})" in message


@pytest.mark.parametrize("case", CASES, ids=str)
def test_retry_after_is_honoured_up_to_its_cap(server: HTTPServer, case: ProviderCase) -> None:
    script = _serve(
        server,
        case,
        _error(case, 429, "rate limited", **{"Retry-After": "30"}),
        Reply(body=case.ok_reply("after the wait")),
    )
    params = case.params(server, max_retry_after_s=0.3)
    assert load_generator(case.backend, params).generate(PROMPT) == "after the wait"
    waited_s = script.requests[1].at_s - script.requests[0].at_s
    assert 0.3 <= waited_s < 3


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_reply_that_is_not_json_fails_without_retry(
    server: HTTPServer, case: ProviderCase
) -> None:
    script = _serve(server, case, Reply(raw="<html>gateway page</html>"))
    with pytest.raises(ModelFailed, match="the reply is not JSON: <html>gateway page"):
        load_generator(case.backend, case.params(server)).generate(PROMPT)
    assert len(script.requests) == 1


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_reply_without_the_text_fields_fails(server: HTTPServer, case: ProviderCase) -> None:
    _serve(server, case, Reply(body={"id": "reply-1"}))
    with pytest.raises(ModelFailed, match=r"the reply has no (choices|content|candidates)"):
        load_generator(case.backend, case.params(server)).generate(PROMPT)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_reply_with_empty_text_fails(server: HTTPServer, case: ProviderCase) -> None:
    _serve(server, case, Reply(body=case.ok_reply("  ")))
    with pytest.raises(ModelFailed, match="no text"):
        load_generator(case.backend, case.params(server)).generate(PROMPT)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_key_never_appears_in_errors_or_logs(
    server: HTTPServer, case: ProviderCase, caplog: pytest.LogCaptureFixture
) -> None:
    echo = f"key {SECRET} is not valid"
    generator = load_generator(case.backend, case.params(server, max_retries=1))
    _serve(server, case, _error(case, 401, echo))
    with pytest.raises(ModelFailed) as refused:
        generator.generate(PROMPT)
    _serve(server, case, _error(case, 503, echo))
    with caplog.at_level(logging.DEBUG), pytest.raises(Unavailable) as down:
        generator.generate(PROMPT)
    for text in (refused.value.message, down.value.message, caplog.text, repr(generator)):
        assert SECRET not in text
    assert "key [redacted] is not valid" in refused.value.message


@pytest.mark.parametrize(
    ("headers", "expected_s"),
    [
        ({"Retry-After": "7"}, 7.0),
        ({"Retry-After": "1.5"}, 1.5),
        ({"retry-after-ms": "250"}, 0.25),
        ({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),
        ({"Retry-After": "soon"}, None),
        ({}, None),
    ],
)
def test_retry_after_reads_seconds_milliseconds_and_dates(
    headers: dict[str, str], expected_s: float | None
) -> None:
    assert retry_after_s(httpx.Headers(headers)) == expected_s


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    policy = RetryPolicy(base_delay_s=1.0, max_delay_s=5.0, max_retry_after_s=10.0)
    assert 0.5 <= policy.delay_s(0, None) <= 1.0
    assert 2.0 <= policy.delay_s(2, None) <= 4.0
    assert 2.5 <= policy.delay_s(9, None) <= 5.0
    assert policy.delay_s(0, 60.0) == 10.0


# --- through the registry ------------------------------------------------------------------


def _manager(tmp_path: Path, backend: str, params: dict[str, object]) -> ModelManager:
    options = {"llm": {"backend": backend, **params}}
    path = write_model_config(tmp_path, "summarization", "llm", options)
    return ModelManager(load_model_config(path), "cpu", 4 * 1024**3)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_config_selecting_the_provider_leases_a_working_generator(
    server: HTTPServer, case: ProviderCase, tmp_path: Path
) -> None:
    script = _serve(server, case, Reply(body=case.ok_reply("from the registry")))
    manager = _manager(tmp_path, case.backend, case.params(server))
    assert manager.unavailable_reason(manager.option("summarization", "llm")) is None
    for _ in range(2):
        with manager.lease("summarization", "llm") as generator:
            assert generator.generate(PROMPT) == "from the registry"
    assert manager.load_count("summarization", "llm") == 1
    assert len(script.requests) == 2
    assert manager.unload("summarization", "llm")


@pytest.mark.parametrize(
    ("case", "default_env"), [(ANTHROPIC, "ANTHROPIC_API_KEY"), (GEMINI, "GEMINI_API_KEY")]
)
def test_a_missing_key_makes_the_option_unavailable(
    case: ProviderCase, default_env: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(default_env, raising=False)
    manager = _manager(tmp_path, case.backend, {"model": "m"})
    reason = manager.unavailable_reason(manager.option("summarization", "llm"))
    assert reason is not None and reason.startswith(f"set {default_env}")
    slot = next(info for info in manager.slots() if info.task == "summarization")
    assert slot.options[0].available is False
    with pytest.raises(ModelFailed, match=f"unavailable: set {default_env}"):
        manager.load("summarization", "llm")


def test_openai_compatible_needs_no_key_but_a_base_url_and_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    manager = _manager(tmp_path, OPENAI.backend, {"base_url": "http://127.0.0.1:9/v1"})
    reason = manager.unavailable_reason(manager.option("summarization", "llm"))
    assert reason == "set model in the option's parameters"
    manager = _manager(tmp_path, OPENAI.backend, {"base_url": "http://h/v1", "model": "m"})
    assert manager.unavailable_reason(manager.option("summarization", "llm")) is None


def test_a_parameter_of_the_wrong_type_fails_to_load(tmp_path: Path) -> None:
    params = {"base_url": "http://h/v1", "model": "m", "timeout_s": "soon"}
    manager = _manager(tmp_path, OPENAI.backend, params)
    with pytest.raises(ModelFailed, match="timeout_s must be a number"):
        manager.load("summarization", "llm")


def test_the_key_is_never_shown_with_the_options_parameters(tmp_path: Path) -> None:
    manager = _manager(tmp_path, ANTHROPIC.backend, {"model": "m", "api_key_env": "MY_KEY"})
    slot = next(info for info in manager.slots() if info.task == "summarization")
    assert slot.options[0].parameters == {"model": "m", "api_key_env": "MY_KEY"}
