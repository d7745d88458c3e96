"""The Anthropic Messages API (Claude).

``POST {base_url}/v1/messages`` with ``x-api-key`` and ``anthropic-version: 2023-06-01``; the
system prompt is the top-level ``system`` field and the user turn holds one base64 ``image``
block per image followed by the text block. The reply's text is its ``text`` content blocks,
concatenated. The Messages API has no JSON mode: prompts that want JSON ask for it in words.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from fovea.errors import ModelFailed
from fovea.inference.backends.base import Prompt, TextGenerator
from fovea.inference.backends.providers.http import (
    ProviderClient,
    ProviderGenerator,
    ReplyError,
    jpeg_base64,
    missing_key,
    missing_params,
    read_settings,
)

if TYPE_CHECKING:
    from fovea.inference.registry import ModelOption

DEFAULT_BASE_URL = "https://api.anthropic.com"
DEFAULT_KEY_ENV = "ANTHROPIC_API_KEY"
API_VERSION = "2023-06-01"


def unavailable(option: ModelOption) -> str | None:
    """Why the option cannot load: model unset, or the API key variable unset."""
    return missing_params(option, ("model",)) or missing_key(option, DEFAULT_KEY_ENV)


def load(option: ModelOption, device: str) -> TextGenerator:
    """A generator calling the Messages API (``device`` is not used)."""
    reason = unavailable(option)
    if reason is not None:
        raise ModelFailed(f"the {option.task} option {option.name!r} cannot load: {reason}")
    settings = read_settings(
        option, default_base_url=DEFAULT_BASE_URL, default_key_env=DEFAULT_KEY_ENV
    )
    headers = {
        "x-api-key": settings.api_key or "",
        "anthropic-version": API_VERSION,
        "content-type": "application/json",
    }
    return ProviderGenerator(
        client=ProviderClient(settings, headers),
        path="/v1/messages",
        build_body=partial(request_body, settings.model),
        read_text=reply_text,
    )


def request_body(model: str, prompt: Prompt) -> dict[str, Any]:
    """The Messages request for ``prompt``: images first, then the text."""
    content: list[dict[str, Any]] = [
        {
            "type": "image",
            "source": {"type": "base64", "media_type": "image/jpeg", "data": jpeg_base64(jpeg)},
        }
        for jpeg in prompt.images_jpeg
    ]
    content.append({"type": "text", "text": prompt.user})
    body: dict[str, Any] = {
        "model": model,
        "max_tokens": prompt.max_tokens,
        "messages": [{"role": "user", "content": content}],
        "temperature": prompt.temperature,
    }
    if prompt.system:
        body["system"] = prompt.system
    return body


def reply_text(reply: dict[str, Any]) -> str:
    """The ``text`` blocks of the reply's ``content``, concatenated."""
    content = reply.get("content")
    if not isinstance(content, list):
        raise ReplyError("the reply has no content list")
    texts = [
        block["text"]
        for block in content
        if isinstance(block, dict)
        and block.get("type") == "text"
        and isinstance(block.get("text"), str)
    ]
    if not "".join(texts).strip():
        raise ReplyError(
            f"the reply has no text content (stop_reason {reply.get('stop_reason')!r})"
        )
    return "".join(texts)
