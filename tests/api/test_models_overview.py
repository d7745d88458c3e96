"""``GET /api/models``: the web app's model settings, in process or from a model service."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pytest_httpserver import HTTPServer

from fovea.config import Settings
from fovea.errors import Unavailable
from fovea.inference.app import create_inference_app
from fovea.inference.registry import ModelManager, load_model_config
from fovea.modelinfo import service
from fovea.server import create_app
from tests.conftest import Users, make_settings

TASKS = {"detection", "embedding", "transcription", "summarization"}


@pytest.fixture(scope="module")
def recorded() -> dict[str, Any]:
    """What a real model service answers at ``/health`` and ``/api/models``."""
    manager = ModelManager(load_model_config(None), "cpu", 1024**3)
    with TestClient(create_inference_app(Settings(device="cpu"), manager)) as http:
        return {"health": http.get("/health").json(), "slots": http.get("/api/models").json()}


@pytest.fixture(scope="module")
def remote_api(
    database_url: str, tmp_path_factory: pytest.TempPathFactory, make_httpserver: HTTPServer
) -> Iterator[TestClient]:
    url = make_httpserver.url_for("")
    settings = make_settings(database_url, tmp_path_factory.mktemp("models"), model_service_url=url)
    with TestClient(create_app(settings)) as http:
        yield http


def test_in_process_reports_this_process_models(client: TestClient) -> None:
    response = client.get("/api/models")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["source"] == "in-process"
    assert body["health"]["status"] == "ok"
    assert body["health"]["device"] in {"cpu", "cuda"}
    assert body["health"]["uptime_s"] >= 0
    assert body["health"]["models_config"].endswith(".yaml")
    assert {slot["task"] for slot in body["slots"]} >= TASKS
    for slot in body["slots"]:
        assert slot["selected"] in {option["name"] for option in slot["options"]}


def test_with_a_model_service_its_health_and_slots_are_passed_on(
    httpserver: HTTPServer, remote_api: TestClient, recorded: dict[str, Any]
) -> None:
    httpserver.expect_request("/health").respond_with_json(recorded["health"])
    httpserver.expect_request("/api/models").respond_with_json(recorded["slots"])
    response = remote_api.get("/api/models")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["source"] == httpserver.url_for("")
    assert body["health"] == recorded["health"]
    assert body["slots"] == recorded["slots"]


def test_a_model_service_answering_503_is_503(
    httpserver: HTTPServer, remote_api: TestClient
) -> None:
    httpserver.expect_request("/health").respond_with_json({"error": "UNAVAILABLE"}, status=503)
    response = remote_api.get("/api/models")
    assert response.status_code == 503
    assert response.json()["error"] == "UNAVAILABLE"
    assert "down or failing (HTTP 503)" in response.json()["message"]


def test_a_model_service_answering_nonsense_is_502(
    httpserver: HTTPServer, remote_api: TestClient, recorded: dict[str, Any]
) -> None:
    httpserver.expect_request("/health").respond_with_json({"status": "ok"})
    httpserver.expect_request("/api/models").respond_with_json(recorded["slots"])
    response = remote_api.get("/api/models")
    assert response.status_code == 502
    assert "invalid answer" in response.json()["message"]


def test_a_model_service_that_cannot_be_reached_is_unavailable() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(Unavailable, match="cannot be reached"):
        asyncio.run(service.remote(f"http://127.0.0.1:{port}"))


def test_any_signed_in_user_may_read_it(users: Users) -> None:
    assert users.anonymous.get("/api/models").status_code == 401
    assert users.create("viewer").http.get("/api/models").status_code == 200
