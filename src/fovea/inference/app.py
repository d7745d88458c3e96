"""The model service's HTTP app: `fovea model-service` serves it on port 8000.

Each ``POST /api/<task>`` takes the same body as the queued job of that task and answers its
result, running the same handler (with no progress reporting): a caller that wants progress,
retries and cancel submits a job through the API instead. ``GET /health`` reports the device
and the loaded models; ``GET /api/models`` lists every task slot and its options;
``POST /api/models/select`` switches a slot's option in this process, and
``POST /api/models/unload`` drops a loaded model.

The service trusts its callers (the API, workers, operators): it reads any video path its
process can read, so it listens on loopback by default (``FOVEA_MODEL_SERVICE_HOST``) and
belongs on a private network in a deployment.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request

from fovea import __version__
from fovea.config import Settings
from fovea.http_errors import install_error_handlers
from fovea.inference import runtime
from fovea.inference.contract import (
    AugmentationResult,
    AugmentationSpec,
    DetectionResult,
    DetectionSpec,
    EmbeddingResult,
    EmbeddingSpec,
    ModelSelection,
    NoProgress,
    SummarizationResult,
    SummarizationSpec,
    TaskSlotInfo,
    TrackingResult,
    TrackingSpec,
    TranscriptionResult,
    TranscriptionSpec,
)
from fovea.inference.health import ServiceHealth, service_health
from fovea.inference.registry import ModelManager

router = APIRouter()


def _models(request: Request) -> ModelManager:
    manager: ModelManager = request.app.state.models
    return manager


@router.get("/health", response_model=ServiceHealth, summary="Device and loaded models")
async def health(request: Request) -> ServiceHealth:
    return service_health(_models(request), request.app.state.started_s)


@router.get("/api/models", response_model=list[TaskSlotInfo], summary="Task slots and options")
async def list_models(request: Request) -> list[TaskSlotInfo]:
    return _models(request).slots()


@router.post("/api/models/select", response_model=TaskSlotInfo, summary="Switch an option")
async def select_model(selection: ModelSelection, request: Request) -> TaskSlotInfo:
    manager = _models(request)
    manager.select(selection.task, selection.option)
    return next(slot for slot in manager.slots() if slot.task == selection.task)


@router.post("/api/models/unload", response_model=TaskSlotInfo, summary="Drop a loaded model")
async def unload_model(selection: ModelSelection, request: Request) -> TaskSlotInfo:
    manager = _models(request)
    manager.unload(selection.task, selection.option)
    return next(slot for slot in manager.slots() if slot.task == selection.task)


@router.post("/api/detect", response_model=DetectionResult, summary="Detect objects")
async def detect(spec: DetectionSpec, request: Request) -> DetectionResult:
    from fovea.inference.tasks.detect import run_detection

    return await run_detection(spec, NoProgress(), _models(request))


@router.post("/api/track", response_model=TrackingResult, summary="Track objects")
async def track(spec: TrackingSpec, request: Request) -> TrackingResult:
    from fovea.inference.tasks.track import run_tracking

    return await run_tracking(spec, NoProgress(), _models(request))


@router.post("/api/summarize", response_model=SummarizationResult, summary="Summarize a video")
async def summarize(spec: SummarizationSpec, request: Request) -> SummarizationResult:
    from fovea.inference.tasks.summarize import run_summarization

    return await run_summarization(spec, NoProgress(), _models(request))


@router.post("/api/augment", response_model=AugmentationResult, summary="Suggest types")
async def augment(spec: AugmentationSpec, request: Request) -> AugmentationResult:
    from fovea.inference.tasks.augment import run_augmentation

    return await run_augmentation(spec, NoProgress(), _models(request))


@router.post("/api/embed", response_model=EmbeddingResult, summary="Embed texts")
async def embed(spec: EmbeddingSpec, request: Request) -> EmbeddingResult:
    from fovea.inference.tasks.embed import run_embedding

    return await run_embedding(spec, NoProgress(), _models(request))


@router.post("/api/transcribe", response_model=TranscriptionResult, summary="Transcribe audio")
async def transcribe(spec: TranscriptionSpec, request: Request) -> TranscriptionResult:
    from fovea.inference.tasks.transcribe import run_transcription

    return await run_transcription(spec, NoProgress(), _models(request))


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.started_s = time.monotonic()
    yield


def create_inference_app(settings: Settings, manager: ModelManager | None = None) -> FastAPI:
    """The model service app; it shares ``manager`` (default: this process's) with the worker."""
    app = FastAPI(
        title="fovea model service",
        version=__version__,
        summary="Detection, tracking, summaries, suggestions, embeddings and transcripts",
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.models = manager if manager is not None else runtime.configure(settings)
    install_error_handlers(app)
    app.include_router(router)
    return app
