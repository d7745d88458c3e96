"""The Gemini API's ``generateContent`` (Google AI Studio keys).

``POST {base_url}/v1beta/models/{model}:generateContent`` with the key in ``x-goog-api-key``;
the system prompt goes in ``systemInstruction`` and the user turn holds one ``inline_data``
part per image followed by the text part. The reply's text is the text parts of its first
candidate (thought summaries left out). A reply without candidates means the prompt was
blocked; ``promptFeedback.blockReason`` says why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from fovea.errors import ModelFailed
from fovea.inference.backends.base import Prompt, TextGenerator
from fovea.inference.backends.providers.http import (
    ProviderClient,
    ProviderGenerator,
    ReplyError,
    dig,
    jpeg_base64,
    missing_key,
    missing_params,
    read_settings,
)

if TYPE_CHECKING:
    from fovea.inference.registry import ModelOption

DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com"
DEFAULT_KEY_ENV = "GEMINI_API_KEY"


def unavailable(option: ModelOption) -> str | None:
    """Why the option cannot load: model unset, or the API key variable unset."""
    return missing_params(option, ("model",)) or missing_key(option, DEFAULT_KEY_ENV)


def load(option: ModelOption, device: str) -> TextGenerator:
    """A generator calling ``generateContent`` (``device`` is not used)."""
    reason = unavailable(option)
    if reason is not None:
        raise ModelFailed(f"the {option.task} option {option.name!r} cannot load: {reason}")
    settings = read_settings(
        option, default_base_url=DEFAULT_BASE_URL, default_key_env=DEFAULT_KEY_ENV
    )
    model = settings.model.removeprefix("models/")
    return ProviderGenerator(
        client=ProviderClient(settings, {"x-goog-api-key": settings.api_key or ""}),
        path=f"/v1beta/models/{quote(model, safe='')}:generateContent",
        build_body=request_body,
        read_text=reply_text,
    )


def request_body(prompt: Prompt) -> dict[str, Any]:
    """The ``generateContent`` request for ``prompt``: images first, then the text."""
    parts: list[dict[str, Any]] = [
        {"inline_data": {"mime_type": "image/jpeg", "data": jpeg_base64(jpeg)}}
        for jpeg in prompt.images_jpeg
    ]
    parts.append({"text": prompt.user})
    config: dict[str, Any] = {
        "maxOutputTokens": prompt.max_tokens,
        "temperature": prompt.temperature,
    }
    if prompt.json_reply:
        config["responseMimeType"] = "application/json"
    body: dict[str, Any] = {
        "contents": [{"role": "user", "parts": parts}],
        "generationConfig": config,
    }
    if prompt.system:
        body["systemInstruction"] = {"parts": [{"text": prompt.system}]}
    return body


def reply_text(reply: dict[str, Any]) -> str:
    """The text parts of ``candidates[0].content``, concatenated."""
    if not dig(reply, "candidates", 0):
        block = dig(reply, "promptFeedback", "blockReason")
        if block is not None:
            raise ReplyError(f"the prompt was blocked (promptFeedback.blockReason {block!r})")
        raise ReplyError("the reply has no candidates")
    parts = dig(reply, "candidates", 0, "content", "parts")
    texts = [
        part["text"]
        for part in parts or []
        if isinstance(dig(part, "text"), str) and not part.get("thought")
    ]
    if not "".join(texts).strip():
        finish = dig(reply, "candidates", 0, "finishReason")
        raise ReplyError(f"the reply has no text in candidates[0] (finishReason {finish!r})")
    return "".join(texts)
