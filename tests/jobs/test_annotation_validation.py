"""The annotation-validation job finds the problems of invalid sequences."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from fastapi.testclient import TestClient

from fovea.jobs import service as job_service
from fovea.jobs.context import JobContext, RecordingSink
from fovea.jobs.handlers import annotation_validation
from fovea.jobs.handlers.annotation_validation import run_annotation_validation
from fovea.jobs.specs import AnnotationToValidate, AnnotationValidationSpec
from tests.jobs.helpers import wait_until_finished

VALID = {"keyframes": [{"frame": 0, "x": 10, "y": 10, "w": 20, "h": 20}]}
OUT_OF_ORDER = {
    "keyframes": [
        {"frame": 5, "x": 10, "y": 10, "w": 20, "h": 20},
        {"frame": 2, "x": 10, "y": 10, "w": 20, "h": 20},
    ]
}
ZERO_WIDTH = {"keyframes": [{"frame": 0, "x": 10, "y": 10, "w": 0, "h": 20}]}
OUTSIDE_640x480 = {"keyframes": [{"frame": 0, "x": 630, "y": 10, "w": 20, "h": 20}]}
MALFORMED = {"keyframes": [{"frame": 0, "x": 10}]}


def _spec(*sequences: dict[str, Any]) -> AnnotationValidationSpec:
    return AnnotationValidationSpec(
        video_id=uuid.uuid4(),
        resolution_wh=(640, 480),
        annotations=[AnnotationToValidate(id=uuid.uuid4(), sequence=s) for s in sequences],
    )


def test_handler_reports_each_invalid_sequence_with_its_path() -> None:
    spec = _spec(VALID, OUT_OF_ORDER, ZERO_WIDTH, OUTSIDE_640x480, MALFORMED)
    sink = RecordingSink()
    ctx = JobContext(job_id=uuid.uuid4(), attempt=1, sink=sink)
    result = asyncio.run(run_annotation_validation(spec, ctx))
    assert result.checked == 5
    ids = [a.id for a in spec.annotations]
    found = {(p.annotation_id, p.path) for p in result.problems}
    assert found == {
        (ids[1], "keyframes[1].frame"),
        (ids[2], "keyframes[0].w"),
        (ids[3], "keyframes[0]"),
        (ids[4], "keyframes[0].y"),  # the first missing field
    }
    assert all(problem.message for problem in result.problems)
    assert sink.reports[0][1] == 0 and sink.reports[-1][1] == 100


def test_handler_reports_progress_per_chunk(monkeypatch: Any) -> None:
    monkeypatch.setattr(annotation_validation, "CHUNK_SIZE", 2)
    sink = RecordingSink()
    ctx = JobContext(job_id=uuid.uuid4(), attempt=1, sink=sink)
    result = asyncio.run(run_annotation_validation(_spec(*[VALID] * 5), ctx))
    assert result.problems == []
    assert [percent for _, percent in sink.reports] == [0, 40, 80, 100]


def test_validation_job_submitted_by_a_service_runs_without_a_nudge(client: TestClient) -> None:
    spec = _spec(VALID, ZERO_WIDTH)
    factory = client.app.state.session_factory  # type: ignore[attr-defined]
    actor = client.app.state.default_actor  # type: ignore[attr-defined]

    async def submit() -> str:
        async with factory() as session, session.begin():
            job = await job_service.submit(session, actor, spec)
            return str(job.id)

    assert client.portal is not None
    job_id = client.portal.call(submit)
    done = wait_until_finished(client, job_id)
    assert done["state"] == "completed", done
    assert done["kind"] == "annotation-validation"
    assert done["result"]["checked"] == 2
    problem = done["result"]["problems"][0]
    assert problem["annotation_id"] == str(spec.annotations[1].id)
    assert problem["path"] == "keyframes[0].w"
