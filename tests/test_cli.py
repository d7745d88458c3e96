"""The ``fovea`` command as a user runs it: real processes, the embedded PostgreSQL, no services."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    clean = {key: value for key, value in os.environ.items() if not key.startswith("FOVEA_")}
    return clean | {"FOVEA_DATA_DIR": str(tmp_path / "data")} | extra


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fovea(*args: str) -> list[str]:
    return [sys.executable, "-m", "fovea.cli", *args]


def _postgres_processes(data_dir: Path) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["name", "cmdline"]):
        cmdline = " ".join(process.info["cmdline"] or [])
        if "postgres" in (process.info["name"] or "") and str(data_dir) in cmdline:
            found.append(process)
    return found


def _wait_for(url: str, process: subprocess.Popen[bytes], timeout_s: float = 60) -> httpx.Response:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert process.poll() is None, "fovea exited early"
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer in {timeout_s} s")


def test_up_serves_the_api_with_no_external_service_and_stops_cleanly(tmp_path: Path) -> None:
    port, model_port = _free_port(), _free_port()
    env = _env(tmp_path, FOVEA_MODEL_SERVICE_PORT=str(model_port))
    process = subprocess.Popen(_fovea("up", "--port", str(port)), env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        assert _wait_for(f"{base}/health", process).json()["status"] == "ok"
        model_health = _wait_for(f"http://127.0.0.1:{model_port}/health", process).json()
        assert model_health["status"] == "ok" and model_health["device"] in ("cpu", "cuda")
        ready = httpx.get(f"{base}/health/ready").json()
        assert ready["checks"] == {"database": "ok", "queue": "ok"}
        body = {"name": "A", "role": "B", "information_need": "C"}
        assert httpx.post(f"{base}/api/personas", json=body).status_code == 201
        assert _postgres_processes(tmp_path / "data")
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    deadline = time.monotonic() + 15
    while _postgres_processes(tmp_path / "data") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _postgres_processes(tmp_path / "data") == []


def test_migrate_brings_the_embedded_database_up_to_date(tmp_path: Path) -> None:
    result = subprocess.run(_fovea("migrate"), env=_env(tmp_path), capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    assert b"up to date" in result.stdout


def test_unsafe_settings_refuse_to_start_with_one_clear_line(tmp_path: Path) -> None:
    env = _env(tmp_path, FOVEA_HOST="0.0.0.0")
    result = subprocess.run(_fovea("server"), env=env, capture_output=True, timeout=60)
    assert result.returncode == 2
    assert b"refusing to start" in result.stderr
    assert b"FOVEA_MODE=multi-user" in result.stderr


def test_model_service_serves_its_api_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = _free_port()
    env = _env(tmp_path, FOVEA_MODEL_SERVICE_PORT=str(port), FOVEA_DEVICE="cpu")
    process = subprocess.Popen(_fovea("model-service"), env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        health = _wait_for(f"{base}/health", process).json()
        assert health["device"] == "cpu" and health["loaded_models"] == []
        slots = httpx.get(f"{base}/api/models").json()
        assert {slot["task"] for slot in slots} >= {"detection", "embedding", "summarization"}
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0


def test_a_bad_model_config_refuses_to_start_with_where_it_is_wrong(tmp_path: Path) -> None:
    config = tmp_path / "models.yaml"
    config.write_text("slots:\n  detection:\n    selected: nope\n    options:\n      a: {}\n")
    env = _env(tmp_path, FOVEA_MODEL_CONFIG=str(config), FOVEA_MODEL_SERVICE_PORT="1")
    result = subprocess.run(_fovea("model-service"), env=env, capture_output=True, timeout=60)
    assert result.returncode == 2
    assert b"models.yaml" in result.stderr and b"detection.a" in result.stderr


def test_a_worker_without_redis_explains_what_to_do(tmp_path: Path) -> None:
    result = subprocess.run(_fovea("worker"), env=_env(tmp_path), capture_output=True, timeout=60)
    assert result.returncode == 2
    assert b"FOVEA_REDIS_URL" in result.stderr
