"""The model service's HTTP app: health, the model registry's routes, loading once, failures.

Runs the real app (``fovea.inference.app``) in process with real models: MiniLM for the
embedding endpoint, an ONNX option whose file is missing for a model that cannot load.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from fovea.config import Settings
from fovea.inference.app import create_inference_app
from fovea.inference.registry import DEFAULT_CONFIG, ModelManager, load_model_config

GiB = 1024**3


def _config_with(tmp_path: Path, slot: str, name: str, option: dict[str, Any]) -> Path:
    raw = yaml.safe_load(DEFAULT_CONFIG.read_text())
    raw["slots"][slot]["options"][name] = option
    path = tmp_path / "models.yaml"
    path.write_text(yaml.safe_dump(raw))
    return path


@pytest.fixture
def broken_config(tmp_path: Path) -> Path:
    missing = tmp_path / "no-such-detector.onnx"
    return _config_with(
        tmp_path, "detection", "broken", {"backend": "onnx-yolo", "path": str(missing)}
    )


@pytest.fixture
def service(broken_config: Path) -> tuple[TestClient, ModelManager]:
    manager = ModelManager(load_model_config(broken_config), "cpu", 4 * GiB)
    app = create_inference_app(Settings(device="cpu"), manager)
    with TestClient(app) as http:
        yield http, manager


def test_health_reports_the_device_and_no_model_before_the_first_request(
    service: tuple[TestClient, ModelManager],
) -> None:
    http, _ = service
    body = http.get("/health").json()
    assert body["status"] == "ok"
    assert body["device"] == "cpu" and body["gpu"] is None
    assert body["loaded_models"] == [] and body["loaded_memory_bytes"] == 0
    assert body["memory_budget_bytes"] == 4 * GiB
    assert body["models_config"].endswith("models.yaml")


def test_models_lists_every_slot_with_its_selected_option_and_availability(
    service: tuple[TestClient, ModelManager],
) -> None:
    http, _ = service
    slots = {slot["task"]: slot for slot in http.get("/api/models").json()}
    assert set(slots) == {
        "detection",
        "tracking",
        "single_object_tracking",
        "embedding",
        "transcription",
        "summarization",
        "augmentation",
    }
    detection = {option["name"]: option for option in slots["detection"]["options"]}
    assert slots["detection"]["selected"] == "motion" and detection["motion"]["selected"]
    assert detection["motion"]["available"] and detection["people"]["available"]
    assert not detection["broken"]["available"]
    assert "no-such-detector.onnx" in detection["broken"]["unavailable_reason"]
    assert not detection["faces"]["available"]  # this OpenCV build ships no Haar cascade
    assert detection["faces"]["unavailable_reason"]


def test_select_switches_the_option_and_refuses_unknown_names(
    service: tuple[TestClient, ModelManager],
) -> None:
    http, manager = service
    reply = http.post("/api/models/select", json={"task": "detection", "option": "people"})
    assert reply.status_code == 200 and reply.json()["selected"] == "people"
    assert manager.option("detection").name == "people"
    unknown = http.post("/api/models/select", json={"task": "detection", "option": "yolo9000"})
    assert unknown.status_code == 422
    assert unknown.json()["error"] == "INVALID_INPUT"
    assert "yolo9000" in unknown.json()["message"] and "motion" in unknown.json()["message"]
    no_task = http.post("/api/models/select", json={"task": "dreaming", "option": "x"})
    assert no_task.status_code == 422 and "dreaming" in no_task.json()["message"]


def test_two_concurrent_requests_load_the_model_once(
    service: tuple[TestClient, ModelManager],
) -> None:
    http, manager = service
    replies: list[dict[str, Any]] = []

    def embed(text: str) -> None:
        reply = http.post("/api/embed", json={"texts": [text]})
        assert reply.status_code == 200, reply.text
        replies.append(reply.json())

    threads = [threading.Thread(target=embed, args=(f"a red car {n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert len(replies) == 2
    assert manager.load_count("embedding") == 1
    assert all(reply["dimensions"] == 384 and len(reply["vectors"][0]) == 384 for reply in replies)
    health = http.get("/health").json()
    loaded = {(m["task"], m["option"]): m["memory_bytes"] for m in health["loaded_models"]}
    assert loaded[("embedding", "minilm")] > 10_000_000  # the MiniLM weights are ~90 MB
    unloaded = http.post("/api/models/unload", json={"task": "embedding", "option": "minilm"})
    assert not next(o for o in unloaded.json()["options"] if o["name"] == "minilm")["loaded"]
    assert http.post("/api/embed", json={"texts": ["again"]}).status_code == 200
    assert manager.load_count("embedding") == 2


def test_a_model_that_cannot_load_answers_a_clear_error(
    service: tuple[TestClient, ModelManager], tmp_path: Path
) -> None:
    http, _ = service
    video = Path(__file__).resolve().parents[2] / "samples" / "videos" / "dust-storm.webm"
    body = {
        "video_id": "00000000-0000-0000-0000-000000000001",
        "video": {"uri": str(video)},
        "frames": [0],
        "detector": "broken",
    }
    reply = http.post("/api/detect", json=body)
    assert reply.status_code == 502
    assert reply.json()["error"] == "MODEL_FAILED"
    assert "'broken'" in reply.json()["message"]
    assert "no-such-detector.onnx" in reply.json()["message"]


def test_bad_requests_get_422_with_the_field(service: tuple[TestClient, ModelManager]) -> None:
    http, _ = service
    empty = http.post("/api/embed", json={"texts": []})
    assert empty.status_code == 422 and empty.json()["message"].startswith("texts")
    missing = http.post(
        "/api/detect",
        json={
            "video_id": "00000000-0000-0000-0000-000000000001",
            "video": {"uri": "/no/such/video.mp4"},
            "frames": [0],
        },
    )
    assert missing.status_code == 422 and "does not exist" in missing.json()["message"]
