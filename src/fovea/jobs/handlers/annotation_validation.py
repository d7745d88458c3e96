"""The ``annotation-validation`` kind: re-validate the sequences of one video's annotations."""

from __future__ import annotations

import asyncio

from fovea.domain import SequenceError, sequence_from_wire, validate
from fovea.jobs.context import JobContext
from fovea.jobs.specs import (
    AnnotationProblem,
    AnnotationToValidate,
    AnnotationValidationResult,
    AnnotationValidationSpec,
)

CHUNK_SIZE = 200  # annotations validated per thread hop, between progress reports
STAGE = "validating annotations"


async def run_annotation_validation(
    spec: AnnotationValidationSpec, ctx: JobContext
) -> AnnotationValidationResult:
    """Validate every annotation's sequence in a thread; report each one's first problem."""
    total = len(spec.annotations)
    problems: list[AnnotationProblem] = []
    await ctx.progress(STAGE, 0)
    for start in range(0, total, CHUNK_SIZE):
        chunk = spec.annotations[start : start + CHUNK_SIZE]
        problems += await asyncio.to_thread(_problems, chunk, spec.resolution_wh)
        await ctx.progress(STAGE, 100 * (start + len(chunk)) / total)
    return AnnotationValidationResult(checked=total, problems=problems)


def _problems(
    annotations: list[AnnotationToValidate], resolution_wh: tuple[int, int] | None
) -> list[AnnotationProblem]:
    found: list[AnnotationProblem] = []
    for annotation in annotations:
        try:
            validate(sequence_from_wire(annotation.sequence), resolution_wh)
        except SequenceError as exc:
            found.append(
                AnnotationProblem(annotation_id=annotation.id, path=exc.path, message=exc.message)
            )
    return found
