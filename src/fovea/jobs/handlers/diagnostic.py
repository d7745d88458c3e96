"""The ``diagnostic`` kind: an operator's self-test of queue, worker, progress and retries."""

from __future__ import annotations

import asyncio

from fovea.jobs.context import JobContext
from fovea.jobs.errors import PermanentJobError, TransientJobError
from fovea.jobs.specs import DiagnosticResult, DiagnosticSpec


async def run_diagnostic(spec: DiagnosticSpec, ctx: JobContext) -> DiagnosticResult:
    """Run ``spec.steps`` steps of ``spec.step_s`` seconds, failing where the spec says."""
    await ctx.progress("starting", 0)
    for step in range(1, spec.steps + 1):
        await asyncio.sleep(spec.step_s)
        if step == 1:
            _fail_if_told(spec, ctx.attempt)
        await ctx.progress(f"step {step} of {spec.steps}", 100 * step / spec.steps)
    return DiagnosticResult(steps=spec.steps, attempt=ctx.attempt)


def _fail_if_told(spec: DiagnosticSpec, attempt: int) -> None:
    if spec.fail_permanently:
        raise PermanentJobError("the diagnostic job was told to fail permanently")
    if attempt in spec.fail_transiently_on_attempts:
        raise TransientJobError(f"the diagnostic job was told to fail on attempt {attempt}")
