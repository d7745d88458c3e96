"""Video summaries for a persona: shots, key frames, speech and objects, then words.

Stages, each reported to ``progress`` and timed in ``timings_s``:

    reading video   the frame table (``probe``)
    finding shots   every frame measured; shots and key frames chosen (``tasks.key_frames``)
    transcribing    the audio, when asked and the video has an audio stream (without one the
                    transcript says ``has_audio=False``)
    detecting       the ``people`` detection option and the selected one, on the key frames
    describing      the storyboard's measured text, or a language model's (``tasks.describe``)
    embedding       the summary through the ``embedding`` slot, for search

``models`` says which model ran each task; ``confidence`` is a language model's own, and
None for the storyboard, which measures rather than judges.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fovea.inference import video
from fovea.inference.backends.storyboard_text import StoryInput, write_story
from fovea.inference.contract import (
    KeyFrame,
    Progress,
    SummarizationResult,
    SummarizationSpec,
    TranscriptionResult,
)
from fovea.inference.registry import ModelManager
from fovea.inference.tasks.describe import Described, describe
from fovea.inference.tasks.embed import embed_texts
from fovea.inference.tasks.key_frames import (
    Board,
    KeyFrameDetections,
    detect_on_key_frames,
    find_board,
    key_frame_inputs,
    tallies,
)
from fovea.inference.tasks.transcribe import transcribe_video
from fovea.media import ProbeResult

TASK = "summarization"


class _Stopwatch:
    """Seconds per stage, in the order the stages ran."""

    def __init__(self) -> None:
        self.timings_s: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings_s[name] = round(time.perf_counter() - started, 3)


async def run_summarization(
    spec: SummarizationSpec, progress: Progress, models: ModelManager
) -> SummarizationResult:
    option = models.option(TASK, spec.summarizer)
    watch = _Stopwatch()
    await progress.progress("reading video", 0)
    with watch.stage("reading video"):
        path, probed = await asyncio.to_thread(_read, spec.video.uri)
    await progress.progress("finding shots", 5)
    with watch.stage("finding shots"):
        board = await asyncio.to_thread(
            find_board, models, option, path, probed, spec.max_key_frames
        )
    transcript = await _transcript(spec, progress, models, watch, path, probed)
    detections = None
    if spec.detect:
        await progress.progress("detecting", 60)
        with watch.stage("detecting"):
            detections = await asyncio.to_thread(detect_on_key_frames, models, path, probed, board)
    await progress.progress("describing", 75)
    with watch.stage("describing"):
        story = _story(spec, probed, board, detections, transcript)
        described = await asyncio.to_thread(
            describe, models, option, story, write_story(story), path, probed
        )
    await progress.progress("embedding", 90)
    with watch.stage("embedding"):
        embedder, vectors = await asyncio.to_thread(embed_texts, models, [described.text.summary])
    await progress.progress("done", 100)
    embedding = vectors[0].tolist()
    return _result(spec, story, board, described, detections, embedder, embedding, watch.timings_s)


def _read(uri: str) -> tuple[Path, ProbeResult]:
    path = video.local_path(uri)
    return path, video.probe_video(path)


async def _transcript(
    spec: SummarizationSpec,
    progress: Progress,
    models: ModelManager,
    watch: _Stopwatch,
    path: Path,
    probed: ProbeResult,
) -> TranscriptionResult | None:
    """The transcript when asked for (``has_audio=False`` without an audio stream)."""
    if not spec.transcribe:
        return None
    if not probed.audio_streams:  # nothing to run: no stage, no model
        return await asyncio.to_thread(transcribe_video, models, spec.video_id, path, None)
    await progress.progress("transcribing", 40)
    with watch.stage("transcribing"):
        return await asyncio.to_thread(transcribe_video, models, spec.video_id, path, spec.language)


def _story(
    spec: SummarizationSpec,
    probed: ProbeResult,
    board: Board,
    detections: KeyFrameDetections | None,
    transcript: TranscriptionResult | None,
) -> StoryInput:
    key_frames = key_frame_inputs(board, probed, detections)
    return StoryInput(
        persona=spec.persona,
        duration_s=probed.duration_s,
        frame_count=probed.frame_count,
        size_wh=(probed.width, probed.height),
        shots=board.shots,
        shot_looks=board.shot_looks,
        key_frames=key_frames,
        detectors=detections.detectors if detections else [],
        tallies=tallies(key_frames),
        transcript=transcript,
    )


def _result(
    spec: SummarizationSpec,
    story: StoryInput,
    board: Board,
    described: Described,
    detections: KeyFrameDetections | None,
    embedder: str,
    embedding: list[float],
    timings_s: dict[str, float],
) -> SummarizationResult:
    transcript = story.transcript
    models = {TASK: described.model, "embedding": embedder}
    if transcript is not None and transcript.has_audio:
        models["transcription"] = transcript.model
    if detections is not None:
        models["detection"] = ", ".join(detections.detectors)
    return SummarizationResult(
        video_id=spec.video_id,
        persona_id=spec.persona.id,
        summary=described.text.summary,
        key_frames=[
            KeyFrame(
                frame=kf.frame, time_s=kf.time_s, description=described.text.descriptions[kf.frame]
            )
            for kf in story.key_frames
        ],
        visual_analysis=described.text.visual_analysis,
        shots=board.shots,
        transcript=transcript,
        language=transcript.language if transcript else spec.language,
        confidence=described.confidence,
        embedding=embedding,
        models=models,
        timings_s=timings_s,
    )
