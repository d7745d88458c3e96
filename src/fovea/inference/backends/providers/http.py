"""The shared HTTP machinery of the provider backends: settings, retries, errors, generation.

What a failed call raises:

    Unavailable    the provider stayed rate-limited (429), broken (5xx), silent (a timeout)
                   or unreachable (a refused connection) through every retry; a job retries
                   later
    ModelFailed    the provider refused the request (any other 4xx: a bad key, an unknown
                   model, a malformed request) or replied with something that is not its
                   documented reply (not JSON, a missing field, no text); retrying will not help

Retries back off exponentially with jitter, or wait as long as ``Retry-After`` asks, up to a
cap. API keys are read from environment variables when an option loads; they never appear in a
log line or an error message (a provider that echoes one back has it replaced).
"""

from __future__ import annotations

import base64
import dataclasses
import email.utils
import logging
import math
import os
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import httpx

from fovea.errors import ModelFailed, Unavailable
from fovea.inference.backends.base import Prompt

if TYPE_CHECKING:
    from fovea.inference.registry import ModelOption

log = logging.getLogger(__name__)

ERROR_TEXT_MAX_CHARS = 300
REDACTED = "[redacted]"


class ReplyError(Exception):
    """A provider's reply lacks what its protocol promises; says what is missing."""


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to wait before trying a transient failure again."""

    max_retries: int = 3
    base_delay_s: float = 1.0
    max_delay_s: float = 30.0
    max_retry_after_s: float = 30.0

    def delay_s(self, retry: int, retry_after_s: float | None) -> float:
        """Seconds to wait before retry number ``retry`` (0 for the first).

        The provider's ``Retry-After`` when it sent one (capped), else exponential backoff
        with "equal jitter": a random wait between half and all of ``base * 2**retry``.
        """
        if retry_after_s is not None:
            return min(max(retry_after_s, 0.0), self.max_retry_after_s)
        ceiling_s = min(self.max_delay_s, self.base_delay_s * 2**retry)
        return random.uniform(ceiling_s / 2, ceiling_s)


@dataclass(frozen=True)
class ProviderSettings:
    """One option's connection settings, read from its parameters and the environment."""

    provider: str
    model: str
    base_url: str
    timeout_s: float
    retry: RetryPolicy
    extra_headers: dict[str, str]
    api_key: str | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        """How messages name the model: ``anthropic model 'claude-sonnet-4-5'``."""
        return f"{self.provider} model {self.model!r}"


# --- settings from an option ---------------------------------------------------------------


def key_env(option: ModelOption, default_env: str) -> str:
    """The environment variable the option's API key is read from."""
    return str(option.params.get("api_key_env") or default_env)


def missing_params(option: ModelOption, names: tuple[str, ...]) -> str | None:
    """A reason naming the required parameters the option lacks; None when all are set."""
    missing = [name for name in names if not option.params.get(name)]
    if not missing:
        return None
    return f"set {' and '.join(missing)} in the option's parameters"


def missing_key(option: ModelOption, default_env: str) -> str | None:
    """A reason when the option's API key variable is unset or empty; None when it is set."""
    env = key_env(option, default_env)
    if _env_key(env):
        return None
    return f"set {env} to an API key for {option.backend} (or name another variable in api_key_env)"


def read_settings(
    option: ModelOption, *, default_base_url: str | None, default_key_env: str
) -> ProviderSettings:
    """The option's settings; ModelFailed naming a parameter of the wrong type."""
    params = option.params
    retry = RetryPolicy(
        max_retries=int(_number(option, "max_retries", 3, minimum=0)),
        base_delay_s=_number(option, "retry_base_delay_s", 1.0, minimum=0),
        max_delay_s=_number(option, "retry_max_delay_s", 30.0, minimum=0),
        max_retry_after_s=_number(option, "max_retry_after_s", 30.0, minimum=0),
    )
    base_url = str(params.get("base_url") or default_base_url or "").rstrip("/")
    return ProviderSettings(
        provider=option.backend,
        model=str(params.get("model") or ""),
        base_url=base_url,
        timeout_s=_number(option, "timeout_s", 60.0, minimum=0.001),
        retry=retry,
        extra_headers=_headers(option),
        api_key=_env_key(key_env(option, default_key_env)),
    )


def _env_key(env: str) -> str | None:
    """The key in variable ``env``, without the whitespace a file read into it leaves."""
    return os.environ.get(env, "").strip() or None


def _number(option: ModelOption, name: str, default: float, *, minimum: float) -> float:
    value = option.params.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= minimum:
        raise ModelFailed(
            f"the {option.task} option {option.name!r}: {name} must be a number of at least "
            f"{minimum:g}, not {value!r}"
        )
    return float(value)


def _headers(option: ModelOption) -> dict[str, str]:
    value = option.params.get("extra_headers") or {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ModelFailed(
            f"the {option.task} option {option.name!r}: extra_headers must map header names "
            "to strings"
        )
    return {str(name): text for name, text in value.items()}


# --- the client ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Transient:
    """A failure worth retrying: what happened, and the wait the provider asked for."""

    reason: str
    retry_after_s: float | None = None


class ProviderClient:
    """POSTs JSON to one provider, retrying transient failures, translating the rest."""

    def __init__(self, settings: ProviderSettings, headers: Mapping[str, str]) -> None:
        self.settings = settings
        self._secrets = tuple(s for s in (settings.api_key,) if s)
        try:
            self._client = httpx.Client(
                base_url=settings.base_url,
                headers={**headers, **settings.extra_headers},
                timeout=settings.timeout_s,
            )
        except (httpx.InvalidURL, ValueError) as exc:
            raise ModelFailed(f"{settings.label}: bad base_url: {exc}") from exc

    def post_json(self, path: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """The provider's JSON object reply to ``body``; Unavailable or ModelFailed if none."""
        retry = self.settings.retry
        attempt = 0
        while True:
            outcome = self._attempt(path, body)
            if isinstance(outcome, httpx.Response):
                return self._reply_object(outcome)
            if attempt == retry.max_retries:
                raise Unavailable(
                    self.redact(
                        f"{self.settings.label} is unavailable after {attempt + 1} attempts: "
                        f"{outcome.reason}"
                    )
                )
            delay_s = retry.delay_s(attempt, outcome.retry_after_s)
            log.warning(
                "%s; retry %d of %d in %.2f s",
                self.redact(f"{self.settings.label}: {outcome.reason}"),
                attempt + 1,
                retry.max_retries,
                delay_s,
            )
            time.sleep(delay_s)
            attempt += 1

    def redact(self, text: str) -> str:
        """``text`` with every secret of this client replaced."""
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def close(self) -> None:
        self._client.close()

    def _attempt(self, path: str, body: Mapping[str, Any]) -> httpx.Response | _Transient:
        """One POST: the successful response, a transient failure, or ModelFailed."""
        label = self.settings.label
        try:
            response = self._client.post(path, json=body)
        except httpx.TimeoutException:
            return _Transient(f"no reply within timeout_s={self.settings.timeout_s:g}")
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            return _Transient(f"cannot reach {self.settings.base_url}: {_describe(exc)}")
        except httpx.HTTPError as exc:
            raise ModelFailed(self.redact(f"{label}: request failed: {_describe(exc)}")) from exc
        if response.is_success:
            return response
        status = response.status_code
        reason = f"HTTP {status}: {error_text(response)}"
        if status == 429 or status >= 500:
            return _Transient(reason, retry_after_s(response.headers))
        raise ModelFailed(self.redact(f"{label} refused the request: {reason}"))

    def _reply_object(self, response: httpx.Response) -> dict[str, Any]:
        try:
            reply = response.json()
        except ValueError:
            snippet = _snippet(response.text) or "an empty body"
            raise ModelFailed(
                self.redact(f"{self.settings.label}: the reply is not JSON: {snippet}")
            ) from None
        if not isinstance(reply, dict):
            raise ModelFailed(f"{self.settings.label}: the reply is not a JSON object")
        return reply


def error_text(response: httpx.Response) -> str:
    """The provider's own words about an error, from the error body shapes providers use.

    ``{"error": {"type"|"status", "message"}}`` (OpenAI, Anthropic, Gemini),
    ``{"error": "..."}`` (Ollama), ``{"message": ...}`` or ``{"detail": ...}`` (servers built
    on FastAPI); else the start of the body, else the status's reason phrase.
    """
    try:
        body = response.json()
    except ValueError:
        return _snippet(response.text) or response.reason_phrase
    error = body.get("error", body) if isinstance(body, dict) else body
    if isinstance(error, str):
        return _snippet(error)
    if isinstance(error, dict):
        message = error.get("message", error.get("detail"))
        kind = error.get("type", error.get("status"))
        if isinstance(message, str):
            return _snippet(f"{kind}: {message}" if isinstance(kind, str) else message)
    return _snippet(response.text) or response.reason_phrase


def retry_after_s(headers: httpx.Headers) -> float | None:
    """The wait a 429 or 503 asks for: ``retry-after-ms``, or ``Retry-After`` in seconds or
    as an HTTP date; None when absent or unreadable."""
    millis = _float(headers.get("retry-after-ms"))
    if millis is not None:
        return millis / 1000
    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _float(value)
    if seconds is not None:
        return seconds
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _float(value: str | None) -> float | None:
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= ERROR_TEXT_MAX_CHARS:
        return text
    return text[:ERROR_TEXT_MAX_CHARS] + "..."


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# --- reading replies -----------------------------------------------------------------------


def dig(value: Any, *path: str | int) -> Any:
    """``value[path[0]][path[1]]...`` through dicts and lists; None where a step is missing."""
    for step in path:
        if isinstance(step, int):
            if not isinstance(value, list) or not 0 <= step < len(value):
                return None
        elif not isinstance(value, dict) or step not in value:
            return None
        value = value[step]
    return value


def jpeg_base64(jpeg: bytes) -> str:
    """The standard base64 text of JPEG bytes, as every provider takes inline images."""
    return base64.b64encode(jpeg).decode("ascii")


# --- the generator -------------------------------------------------------------------------


@dataclass
class ProviderGenerator:
    """A ``TextGenerator`` over one provider: builds the request, posts it, reads the text.

    ``build_body`` turns a prompt into the provider's request body; ``read_text`` takes the
    text out of its reply, raising ReplyError when the reply lacks it. A generator that does
    not accept images sends the text alone.
    """

    client: ProviderClient
    path: str
    build_body: Callable[[Prompt], dict[str, Any]]
    read_text: Callable[[dict[str, Any]], str]
    accepts_images: bool = True
    memory_bytes: int = 0
    model: str = field(init=False)

    def __post_init__(self) -> None:
        self.model = self.client.settings.model

    def generate(self, prompt: Prompt) -> str:
        if prompt.images_jpeg and not self.accepts_images:
            log.debug("%s takes no images; sending the text only", self.client.settings.label)
            prompt = dataclasses.replace(prompt, images_jpeg=[])
        reply = self.client.post_json(self.path, self.build_body(prompt))
        try:
            text = self.read_text(reply)
        except ReplyError as exc:
            raise ModelFailed(self.client.redact(f"{self.client.settings.label}: {exc}")) from exc
        if not text.strip():
            raise ModelFailed(f"{self.client.settings.label}: the reply's text is empty")
        return text

    def close(self) -> None:
        self.client.close()
