"""Local HTTP servers that speak each provider's documented protocol, for the provider tests.

A test scripts the replies (``Script``: status, body, headers, delay, one per request, the last
repeating), installs them on a real threaded server at the provider's path, points an option's
``base_url`` at it, and reads back what arrived (``Script.requests``). ``CASES`` describes the
three providers the same way so behaviour shared by all of them is one parametrised test.
"""

from __future__ import annotations

import importlib
import io
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from PIL import Image
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from fovea.inference.backends import BACKENDS
from fovea.inference.backends.base import Prompt, TextGenerator
from fovea.inference.registry import DEFAULT_CONFIG, ModelOption

MODEL = "test-model"


# --- scripted replies ----------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """One scripted answer: a JSON ``body``, or ``raw`` text, after ``delay_s``."""

    status: int = 200
    body: Any = None
    raw: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


@dataclass(frozen=True)
class Seen:
    """One request as it arrived."""

    at_s: float
    method: str
    path: str
    headers: dict[str, str]
    body: Any


class Script:
    """A request handler answering with ``replies`` in turn (the last one repeats)."""

    def __init__(self, *replies: Reply) -> None:
        self.replies = replies
        self.requests: list[Seen] = []
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        with self._lock:
            reply = self.replies[min(len(self.requests), len(self.replies) - 1)]
            self.requests.append(_seen(request))
        if reply.delay_s:
            time.sleep(reply.delay_s)
        text = reply.raw if reply.raw is not None else json.dumps(reply.body)
        mimetype = "text/html" if reply.raw is not None else "application/json"
        return Response(text, status=reply.status, headers=reply.headers, mimetype=mimetype)

    @property
    def last(self) -> Seen:
        return self.requests[-1]


def _seen(request: Request) -> Seen:
    data = request.get_data(as_text=True)
    return Seen(
        at_s=time.monotonic(),
        method=request.method,
        path=request.path,
        headers={name.lower(): value for name, value in request.headers.items()},
        body=json.loads(data) if data else None,
    )


def running_server() -> Iterator[HTTPServer]:
    """A threaded server (a sleeping handler must not hold up the client's retries)."""
    server = HTTPServer(threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


def install(server: HTTPServer, path: str, script: Script) -> Script:
    """Answer every POST to ``path`` with ``script``, forgetting earlier handlers."""
    server.clear()
    server.expect_request(path, method="POST").respond_with_handler(script)
    return script


# --- the three providers -------------------------------------------------------------------


def openai_reply(text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "model": MODEL,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


def anthropic_reply(text: str) -> dict[str, Any]:
    return {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": MODEL,
        "content": [{"type": "text", "text": text}],
        "stop_reason": "end_turn",
        "usage": {"input_tokens": 10, "output_tokens": 5},
    }


def gemini_reply(text: str) -> dict[str, Any]:
    return {
        "candidates": [
            {"content": {"role": "model", "parts": [{"text": text}]}, "finishReason": "STOP"}
        ],
        "usageMetadata": {"promptTokenCount": 10, "candidatesTokenCount": 5},
    }


@dataclass(frozen=True)
class ProviderCase:
    """How one provider is called, authenticated and answered."""

    backend: str
    path: str
    """The request path, below the server's root."""
    base_path: str
    """What ``base_url`` adds to the server's root."""
    key_env: str
    key_header: str
    key_prefix: str
    ok_reply: Callable[[str], dict[str, Any]]
    error_body: Callable[[int, str], dict[str, Any]]

    def params(self, server: HTTPServer, **extra: Any) -> dict[str, Any]:
        """An option's parameters pointing at ``server``, with tiny retry delays."""
        return {
            "base_url": server.url_for(self.base_path).rstrip("/"),
            "model": MODEL,
            "api_key_env": self.key_env,
            "retry_base_delay_s": 0.001,
            **extra,
        }

    def __str__(self) -> str:
        return self.backend


OPENAI = ProviderCase(
    backend="openai-compatible",
    path="/v1/chat/completions",
    base_path="/v1",
    key_env="FOVEA_TEST_OPENAI_KEY",
    key_header="authorization",
    key_prefix="Bearer ",
    ok_reply=openai_reply,
    error_body=lambda status, message: {
        "error": {"message": message, "type": "invalid_request_error", "code": str(status)}
    },
)
ANTHROPIC = ProviderCase(
    backend="anthropic",
    path="/v1/messages",
    base_path="",
    key_env="FOVEA_TEST_ANTHROPIC_KEY",
    key_header="x-api-key",
    key_prefix="",
    ok_reply=anthropic_reply,
    error_body=lambda status, message: {
        "type": "error",
        "error": {"type": "invalid_request_error", "message": message},
    },
)
GEMINI = ProviderCase(
    backend="gemini",
    path=f"/v1beta/models/{MODEL}:generateContent",
    base_path="",
    key_env="FOVEA_TEST_GEMINI_KEY",
    key_header="x-goog-api-key",
    key_prefix="",
    ok_reply=gemini_reply,
    error_body=lambda status, message: {
        "error": {"code": status, "message": message, "status": "INVALID_ARGUMENT"}
    },
)
CASES = (OPENAI, ANTHROPIC, GEMINI)


def load_generator(backend: str, params: dict[str, Any]) -> TextGenerator:
    """Load an option of ``backend`` directly (not through a manager), as the registry would."""
    option = ModelOption("summarization", "under-test", backend, params)
    module = importlib.import_module(BACKENDS[backend].module)
    generator: TextGenerator = module.load(option, "cpu")
    return generator


# --- model configs -------------------------------------------------------------------------


def write_model_config(
    directory: Path, slot: str, selected: str, options: dict[str, dict[str, Any]]
) -> Path:
    """A copy of the default model config with ``slot`` replaced; returns its path."""
    config = yaml.safe_load(DEFAULT_CONFIG.read_text())
    config["slots"][slot] = {"selected": selected, "options": options}
    path = directory / "models.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def tiny_jpeg(rgb: tuple[int, int, int]) -> bytes:
    """A real 8x8 JPEG of one colour."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), rgb).save(buffer, format="JPEG")
    return buffer.getvalue()


RED, BLUE = tiny_jpeg((255, 0, 0)), tiny_jpeg((0, 0, 255))
PROMPT = Prompt(
    system="You are a video analyst.",
    user="Describe the frames.",
    images_jpeg=[RED, BLUE],
    max_tokens=300,
    temperature=0.1,
    json_reply=True,
)
"""The request every provider's protocol test sends: two frames and a JSON reply asked for."""
