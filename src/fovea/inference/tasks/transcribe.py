"""Transcription: the speech of a video's first audio stream, with segment and word times.

A video without an audio stream is not an error: the result says ``has_audio=False`` and
has no segments. ``duration_s`` is the audio stream's duration (the container's when the
stream does not say). ``speakers`` lists the distinct speaker labels of the segments, empty
when the model cannot tell speakers apart (Whisper cannot).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

import av

from fovea.errors import InvalidInput
from fovea.inference import video
from fovea.inference.backends.base import Segment, Transcriber, Transcript
from fovea.inference.contract import (
    Progress,
    TranscriptionResult,
    TranscriptionSpec,
    TranscriptSegment,
    TranscriptWord,
)
from fovea.inference.registry import ModelManager

TASK = "transcription"


async def run_transcription(
    spec: TranscriptionSpec, progress: Progress, models: ModelManager
) -> TranscriptionResult:
    await progress.progress("reading video", 0)
    path = await asyncio.to_thread(video.local_path, spec.video.uri)
    await progress.progress("transcribing", 10)
    result = await asyncio.to_thread(
        transcribe_video, models, spec.video_id, path, spec.language, spec.transcriber
    )
    await progress.progress("done", 100)
    return result


def transcribe_video(
    models: ModelManager,
    video_id: uuid.UUID,
    path: Path,
    language: str | None,
    transcriber: str | None = None,
) -> TranscriptionResult:
    """Transcribe ``path`` with a transcription option (blocking: call from a thread)."""
    option = models.option(TASK, transcriber)
    started = time.perf_counter()
    duration_s = audio_duration_s(path)
    if duration_s is None:
        return TranscriptionResult(
            video_id=video_id,
            has_audio=False,
            language=None,
            duration_s=0.0,
            segments=[],
            speakers=[],
            model=option.name,
            timings_s={"transcribing": 0.0},
        )
    with models.lease(TASK, option.name) as model:
        transcriber_model: Transcriber = model
        transcript = transcriber_model.transcribe(path, language)
        model_name = transcriber_model.model
    return _result(video_id, transcript, duration_s, model_name, time.perf_counter() - started)


def audio_duration_s(path: Path) -> float | None:
    """Seconds of the first audio stream of ``path``; None when it has no audio stream."""
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            if not container.streams.audio:
                return None
            stream = container.streams.audio[0]
            if stream.duration is not None and stream.time_base is not None:
                return float(stream.duration * stream.time_base)
            if container.duration is not None:
                return float(container.duration / av.time_base)
            return 0.0
    except av.error.FFmpegError as exc:
        raise InvalidInput(f"cannot read the audio of {path.name}: {exc}") from exc


def transcript_text(result: TranscriptionResult) -> str:
    """The whole transcript as one line of text."""
    return " ".join(segment.text for segment in result.segments).strip()


def _result(
    video_id: uuid.UUID, transcript: Transcript, duration_s: float, model: str, took_s: float
) -> TranscriptionResult:
    segments = [_wire_segment(segment) for segment in transcript.segments]
    speakers = list(dict.fromkeys(s.speaker for s in segments if s.speaker is not None))
    return TranscriptionResult(
        video_id=video_id,
        has_audio=True,
        language=transcript.language,
        duration_s=duration_s,
        segments=segments,
        speakers=speakers,
        model=model,
        timings_s={"transcribing": round(took_s, 3)},
    )


def _wire_segment(segment: Segment) -> TranscriptSegment:
    return TranscriptSegment(
        start_s=segment.start_s,
        end_s=segment.end_s,
        text=segment.text,
        speaker=segment.speaker,
        confidence=segment.confidence,
        words=[
            TranscriptWord(
                start_s=word.start_s,
                end_s=word.end_s,
                text=word.text,
                probability=word.probability,
            )
            for word in segment.words
        ],
    )
