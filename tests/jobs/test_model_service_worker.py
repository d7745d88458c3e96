"""`fovea model-service` as a queue worker: it runs the AI job kinds, and only those.

A real model-service process pulls from Redis beside an API that runs no worker of its own;
an embedding job completes there with the real MiniLM model, a job that fails to load its
model fails with the reason (not a hung job), and a non-AI job stays queued for `fovea worker`.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from fovea.inference.contract import DetectionSpec, EmbeddingSpec, VideoRef
from fovea.inference.registry import DEFAULT_CONFIG
from fovea.jobs import service as job_service
from fovea.jobs.specs import JobSpec
from tests.jobs.conftest import FAST, JobsApp
from tests.jobs.helpers import get_job, submit_diagnostic, wait_until_finished

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "videos" / "dust-storm.webm"


def _submit(app: JobsApp, spec: JobSpec) -> str:
    async def submit() -> str:
        async with app.state.session_factory() as session, session.begin():
            job = await job_service.submit(session, app.state.default_actor, spec)
        app.state.jobs.nudge()
        return str(job.id)

    return str(app.call(submit))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _broken_config(tmp_path: Path) -> Path:
    raw = yaml.safe_load(DEFAULT_CONFIG.read_text())
    missing = str(tmp_path / "missing.onnx")
    raw["slots"]["detection"]["options"]["broken"] = {"backend": "onnx-yolo", "path": missing}
    path = tmp_path / "models.yaml"
    path.write_text(yaml.safe_dump(raw))
    return path


@pytest.fixture
def model_service(
    redis_url: str, queue_prefix: str, tmp_path: Path
) -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FOVEA_")}
        env.update(
            FOVEA_REDIS_URL=redis_url,
            FOVEA_JOB_QUEUE_PREFIX=queue_prefix,
            FOVEA_JOB_HEARTBEAT_TIMEOUT_S=str(FAST["job_heartbeat_timeout_s"]),
            FOVEA_DATA_DIR=str(tmp_path / "model-service"),
            FOVEA_MODEL_SERVICE_PORT=str(_free_port()),
            FOVEA_MODEL_CONFIG=str(_broken_config(tmp_path)),
            FOVEA_DEVICE="cpu",
        )
        with (tmp_path / "model-service.log").open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "fovea.cli", "model-service"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        started.append(process)
        return process

    yield start
    for process in started:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.redis
def test_model_service_runs_ai_jobs_and_leaves_the_others(
    start_app: Callable[..., JobsApp],
    model_service: Callable[[], subprocess.Popen[bytes]],
    redis_url: str,
    queue_prefix: str,
) -> None:
    app = start_app(redis_url=redis_url, job_queue_prefix=queue_prefix, run_worker=False)
    process = model_service()
    embedding = _submit(app, EmbeddingSpec(texts=["a truck turns left", "two people talk"]))
    done: dict[str, Any] = wait_until_finished(app.http, embedding, timeout_s=120)
    assert process.poll() is None, "the model service exited"
    assert done["state"] == "completed", done
    assert done["result"]["dimensions"] == 384 and len(done["result"]["vectors"]) == 2

    broken = DetectionSpec(
        video_id="00000000-0000-0000-0000-000000000001",
        video=VideoRef(uri=str(SAMPLE)),
        frames=[0],
        detector="broken",
    )
    failed = wait_until_finished(app.http, _submit(app, broken), timeout_s=60)
    assert failed["state"] == "failed" and failed["attempts"] == 1, failed
    assert "'broken'" in failed["error"] and "missing.onnx" in failed["error"]

    diagnostic = submit_diagnostic(app.http, steps=1, step_s=0)
    time.sleep(3)
    assert get_job(app.http, diagnostic["id"])["state"] == "queued"
