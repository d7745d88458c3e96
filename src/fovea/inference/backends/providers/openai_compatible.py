"""The OpenAI Chat Completions protocol: OpenAI itself, vLLM, SGLang, llama.cpp, Ollama.

``POST {base_url}/chat/completions`` with a system message and a user message whose content is
a text part followed by one ``image_url`` part (a JPEG data URL) per image; the reply's text is
``choices[0].message.content``. The API key is optional (local servers take none); when the
variable named by ``api_key_env`` is set it goes out as ``Authorization: Bearer``.
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
    dig,
    jpeg_base64,
    missing_params,
    read_settings,
)

if TYPE_CHECKING:
    from fovea.inference.registry import ModelOption

DEFAULT_KEY_ENV = "OPENAI_API_KEY"


def unavailable(option: ModelOption) -> str | None:
    """Why the option cannot load: base_url or model unset."""
    return missing_params(option, ("base_url", "model"))


def load(option: ModelOption, device: str) -> TextGenerator:
    """A generator speaking Chat Completions to ``base_url`` (``device`` is not used)."""
    reason = unavailable(option)
    if reason is not None:
        raise ModelFailed(f"the {option.task} option {option.name!r} cannot load: {reason}")
    settings = read_settings(option, default_base_url=None, default_key_env=DEFAULT_KEY_ENV)
    headers = {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
    accepts_images = option.params.get("accepts_images", True)
    if not isinstance(accepts_images, bool):
        raise ModelFailed(f"the option {option.name!r}: accepts_images must be true or false")
    return ProviderGenerator(
        client=ProviderClient(settings, headers),
        path="/chat/completions",
        build_body=partial(request_body, settings.model),
        read_text=reply_text,
        accepts_images=accepts_images,
    )


def request_body(model: str, prompt: Prompt) -> dict[str, Any]:
    """The Chat Completions request for ``prompt``."""
    parts: list[dict[str, Any]] = [{"type": "text", "text": prompt.user}]
    parts += [
        {"type": "image_url", "image_url": {"url": f"data:image/jpeg;base64,{jpeg_base64(jpeg)}"}}
        for jpeg in prompt.images_jpeg
    ]
    messages: list[dict[str, Any]] = []
    if prompt.system:
        messages.append({"role": "system", "content": prompt.system})
    messages.append({"role": "user", "content": parts})
    body: dict[str, Any] = {
        "model": model,
        "messages": messages,
        "max_tokens": prompt.max_tokens,
        "temperature": prompt.temperature,
    }
    if prompt.json_reply:
        body["response_format"] = {"type": "json_object"}
    return body


def reply_text(reply: dict[str, Any]) -> str:
    """``choices[0].message.content`` (a string, or text parts some servers send)."""
    message = dig(reply, "choices", 0, "message")
    if not isinstance(message, dict):
        raise ReplyError("the reply has no choices[0].message")
    content = message.get("content")
    if isinstance(content, list):
        content = "".join(part["text"] for part in content if isinstance(dig(part, "text"), str))
    if isinstance(content, str) and content.strip():
        return content
    finish = dig(reply, "choices", 0, "finish_reason")
    refusal = message.get("refusal")
    why = f"refused: {refusal}" if isinstance(refusal, str) else f"finish_reason {finish!r}"
    raise ReplyError(f"the reply has no text in choices[0].message.content ({why})")
