"""Every job kind: its spec, its result, its handler and what the API does with a result.

``KINDS`` is the one table. A worker uses the spec, the handler and the result model; the API's
watcher validates results with the result model and then calls ``on_completed`` (in the same
transaction that marks the job completed) to persist domain rows; without a hook the result
stays in ``jobs.result`` only.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from fovea.errors import InvalidInput
from fovea.jobs.context import JobContext
from fovea.jobs.handlers.annotation_validation import run_annotation_validation
from fovea.jobs.handlers.diagnostic import run_diagnostic
from fovea.jobs.specs import (
    AnnotationValidationResult,
    AnnotationValidationSpec,
    DiagnosticResult,
    DiagnosticSpec,
    JobResult,
    JobSpec,
)

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from fovea.jobs.models import Job

SpecT = TypeVar("SpecT", bound=JobSpec)
ResultT = TypeVar("ResultT", bound=JobResult)
CompletionHook = Callable[["AsyncSession", "Job", Any], Awaitable[None]]


@dataclass(frozen=True)
class JobKind(Generic[SpecT, ResultT]):
    spec: type[SpecT]
    result: type[ResultT]
    handler: Callable[[SpecT, JobContext], Coroutine[Any, Any, ResultT]]
    on_completed: CompletionHook | None = None

    @property
    def name(self) -> str:
        return self.spec.kind


def _table(*kinds: JobKind[Any, Any]) -> dict[str, JobKind[Any, Any]]:
    return {kind.name: kind for kind in kinds}


KINDS: dict[str, JobKind[Any, Any]] = _table(
    JobKind(DiagnosticSpec, DiagnosticResult, run_diagnostic),
    JobKind(AnnotationValidationSpec, AnnotationValidationResult, run_annotation_validation),
)


def kind_named(name: str) -> JobKind[Any, Any] | None:
    return KINDS.get(name)


def kind_of(spec: JobSpec) -> JobKind[Any, Any]:
    """The registered kind of ``spec``; InvalidInput for a spec no handler is registered for."""
    kind = KINDS.get(getattr(spec, "kind", ""))
    if kind is None or not isinstance(spec, kind.spec):
        raise InvalidInput(f"{type(spec).__name__} is not a registered job spec")
    return kind
