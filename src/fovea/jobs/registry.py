"""Every job kind: its spec, its result, its handler and what the API does with a result.

``KINDS`` is the one table. A worker uses the spec, the handler and the result model; the API's
watcher validates results with the result model and then calls ``on_completed`` (in the same
transaction that marks the job completed) to persist domain rows; without a hook the result
stays in ``jobs.result`` only. ``on_failed`` runs in the transaction that marks a job failed
(for good: no attempts left, or a permanent error), with ``job.error`` set.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from fovea.errors import InvalidInput
from fovea.inference.contract import (
    AugmentationResult,
    AugmentationSpec,
    DetectionResult,
    DetectionSpec,
    EmbeddingResult,
    EmbeddingSpec,
    SummarizationResult,
    SummarizationSpec,
    TrackingResult,
    TrackingSpec,
    TranscriptionResult,
    TranscriptionSpec,
)
from fovea.jobs.context import JobContext
from fovea.jobs.handlers.annotation_validation import run_annotation_validation
from fovea.jobs.handlers.diagnostic import run_diagnostic
from fovea.jobs.handlers.video_ingest import run_video_ingest
from fovea.jobs.handlers.video_scan import run_video_scan
from fovea.jobs.specs import (
    AnnotationValidationResult,
    AnnotationValidationSpec,
    DiagnosticResult,
    DiagnosticSpec,
    JobResult,
    JobSpec,
    VideoIngestResult,
    VideoIngestSpec,
    VideoScanResult,
    VideoScanSpec,
)

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from fovea.jobs.models import Job

SpecT = TypeVar("SpecT", bound=JobSpec)
ResultT = TypeVar("ResultT", bound=JobResult)
CompletionHook = Callable[["AsyncSession", "Job", Any], Awaitable[None]]
FailureHook = Callable[["AsyncSession", "Job"], Awaitable[None]]


@dataclass(frozen=True)
class JobKind(Generic[SpecT, ResultT]):
    spec: type[SpecT]
    result: type[ResultT]
    handler: Callable[[SpecT, JobContext], Coroutine[Any, Any, ResultT]]
    on_completed: CompletionHook | None = None
    on_failed: FailureHook | None = None

    @property
    def name(self) -> str:
        return self.spec.kind


def _table(*kinds: JobKind[Any, Any]) -> dict[str, JobKind[Any, Any]]:
    return {kind.name: kind for kind in kinds}


# The video hooks import fovea.videos, which submits jobs through fovea.jobs.service, which
# imports this module: so they are imported when first called, not here.
async def _video_scanned(session: AsyncSession, job: Job, result: VideoScanResult) -> None:
    from fovea.videos import hooks

    await hooks.on_scan_completed(session, job, result)


async def _video_ingested(session: AsyncSession, job: Job, result: VideoIngestResult) -> None:
    from fovea.videos import hooks

    await hooks.on_ingest_completed(session, job, result)


async def _video_ingest_failed(session: AsyncSession, job: Job) -> None:
    from fovea.videos import hooks

    await hooks.on_ingest_failed(session, job)


# The AI handlers live in the model service (``fovea.inference.tasks``) and take the process's
# model manager; they are imported on first use so that the API starts without loading
# OpenCV or torch.
async def _detect(spec: DetectionSpec, ctx: JobContext) -> DetectionResult:
    from fovea.inference.runtime import models
    from fovea.inference.tasks.detect import run_detection

    return await run_detection(spec, ctx, models())


async def _track(spec: TrackingSpec, ctx: JobContext) -> TrackingResult:
    from fovea.inference.runtime import models
    from fovea.inference.tasks.track import run_tracking

    return await run_tracking(spec, ctx, models())


async def _transcribe(spec: TranscriptionSpec, ctx: JobContext) -> TranscriptionResult:
    from fovea.inference.runtime import models
    from fovea.inference.tasks.transcribe import run_transcription

    return await run_transcription(spec, ctx, models())


async def _summarize(spec: SummarizationSpec, ctx: JobContext) -> SummarizationResult:
    from fovea.inference.runtime import models
    from fovea.inference.tasks.summarize import run_summarization

    return await run_summarization(spec, ctx, models())


async def _augment(spec: AugmentationSpec, ctx: JobContext) -> AugmentationResult:
    from fovea.inference.runtime import models
    from fovea.inference.tasks.augment import run_augmentation

    return await run_augmentation(spec, ctx, models())


async def _embed(spec: EmbeddingSpec, ctx: JobContext) -> EmbeddingResult:
    from fovea.inference.runtime import models
    from fovea.inference.tasks.embed import run_embedding

    return await run_embedding(spec, ctx, models())


# What the API stores from AI results (same import-on-first-call reason as the video hooks).
async def _detected(session: AsyncSession, job: Job, result: DetectionResult) -> None:
    from fovea.vision import hooks

    await hooks.on_detection_completed(session, job, result)


async def _tracked(session: AsyncSession, job: Job, result: TrackingResult) -> None:
    from fovea.vision import hooks

    await hooks.on_tracking_completed(session, job, result)


async def _summarized(session: AsyncSession, job: Job, result: SummarizationResult) -> None:
    from fovea.summaries import hooks

    await hooks.on_summary_completed(session, job, result)


async def _transcribed(session: AsyncSession, job: Job, result: TranscriptionResult) -> None:
    from fovea.summaries import hooks

    await hooks.on_transcription_completed(session, job, result)


KINDS: dict[str, JobKind[Any, Any]] = _table(
    JobKind(DiagnosticSpec, DiagnosticResult, run_diagnostic),
    JobKind(AnnotationValidationSpec, AnnotationValidationResult, run_annotation_validation),
    JobKind(VideoScanSpec, VideoScanResult, run_video_scan, on_completed=_video_scanned),
    JobKind(
        VideoIngestSpec,
        VideoIngestResult,
        run_video_ingest,
        on_completed=_video_ingested,
        on_failed=_video_ingest_failed,
    ),
    JobKind(DetectionSpec, DetectionResult, _detect, on_completed=_detected),
    JobKind(TrackingSpec, TrackingResult, _track, on_completed=_tracked),
    JobKind(TranscriptionSpec, TranscriptionResult, _transcribe, on_completed=_transcribed),
    JobKind(SummarizationSpec, SummarizationResult, _summarize, on_completed=_summarized),
    JobKind(AugmentationSpec, AugmentationResult, _augment),
    JobKind(EmbeddingSpec, EmbeddingResult, _embed),
)

AI_KINDS = frozenset(
    kind.name for kind in KINDS.values() if kind.spec.__module__ == "fovea.inference.contract"
)


def kind_named(name: str) -> JobKind[Any, Any] | None:
    return KINDS.get(name)


def kind_of(spec: JobSpec) -> JobKind[Any, Any]:
    """The registered kind of ``spec``; InvalidInput for a spec no handler is registered for."""
    kind = KINDS.get(getattr(spec, "kind", ""))
    if kind is None or not isinstance(spec, kind.spec):
        raise InvalidInput(f"{type(spec).__name__} is not a registered job spec")
    return kind
