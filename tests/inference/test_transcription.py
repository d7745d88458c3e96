"""The faster-whisper backend: Whisper tiny.en from its pip package, on the committed speech.

``tests/fixtures/speech/red-car.wav`` (espeak-ng, see its README) says "The red car stops at
the gate. A man in a blue coat walks to the door." Whisper tiny.en (int8, CPU) transcribed it
word for word (word error rate 0.0) when measured, alone and after 0.5 or 1.5 s of silence in
an MP4; after 1.0 or 2.0 s it heard "stop set the gate" (2 of 17 words wrong, 0.12). The
threshold, 0.15, allows that. The first word started 0.35 to 0.41 s early (Whisper stretches
it back into the 0.4 s of audio the VAD keeps before speech) and the last word ended within
0.05 s of the sound; the tolerance is 0.5 s.
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest

from fovea.errors import InvalidInput
from fovea.inference.contract import (
    NoProgress,
    TranscriptionResult,
    TranscriptionSpec,
    VideoRef,
)
from fovea.inference.registry import ModelManager, load_model_config
from fovea.inference.tasks.transcribe import run_transcription
from tests.inference.av_clips import (
    SPEECH,
    SPEECH_TEXT,
    make_shots_video,
    speech_onset_s,
    word_error_rate,
)

GIB = 1024**3
LEAD_SILENCE_S = 1.5
MAX_WORD_ERROR_RATE = 0.15
TIMING_TOLERANCE_S = 0.5


@pytest.fixture(scope="module")
def models() -> ModelManager:
    return ModelManager(load_model_config(), "cpu", 4 * GIB)


@pytest.fixture(scope="module")
def speech_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three shots, 8 s, with the speech starting after LEAD_SILENCE_S of silence."""
    path = tmp_path_factory.mktemp("speech") / "speech.mp4"
    make_shots_video(path, (60, 120), 200, speech=SPEECH, lead_silence_s=LEAD_SILENCE_S)
    return path


@pytest.fixture(scope="module")
def transcript(models: ModelManager, speech_video: Path) -> TranscriptionResult:
    return transcribe(models, speech_video)


def transcribe(
    models: ModelManager, path: Path, language: str | None = None
) -> TranscriptionResult:
    spec = TranscriptionSpec(
        video_id=uuid.uuid4(), video=VideoRef(uri=str(path)), language=language
    )
    return asyncio.run(run_transcription(spec, NoProgress(), models))


def test_the_committed_speech_comes_back_word_for_word(models: ModelManager) -> None:
    result = transcribe(models, SPEECH)

    text = " ".join(segment.text for segment in result.segments)
    assert word_error_rate(SPEECH_TEXT, text) <= MAX_WORD_ERROR_RATE, text
    assert result.has_audio
    assert result.language == "en"
    assert result.model == "whisper-tiny.en"
    assert result.duration_s == pytest.approx(5.524, abs=0.01)


def test_speech_muxed_into_a_video_is_transcribed(transcript: TranscriptionResult) -> None:
    text = " ".join(segment.text for segment in transcript.segments)

    assert word_error_rate(SPEECH_TEXT, text) <= MAX_WORD_ERROR_RATE, text
    assert transcript.duration_s == pytest.approx(LEAD_SILENCE_S + 5.524, abs=0.1)


def test_segment_and_word_times_increase_within_the_audio(transcript: TranscriptionResult) -> None:
    starts = [segment.start_s for segment in transcript.segments]
    words = [word for segment in transcript.segments for word in segment.words]

    assert starts == sorted(starts)
    assert len(words) >= 15
    assert [w.start_s for w in words] == sorted(w.start_s for w in words)
    for timed in [*transcript.segments, *words]:
        assert 0 <= timed.start_s <= timed.end_s <= transcript.duration_s
    for segment in transcript.segments:
        assert segment.words[0].start_s >= segment.start_s - 0.01
        assert segment.words[-1].end_s <= segment.end_s + 0.01


def test_speech_starts_after_the_leading_silence(transcript: TranscriptionResult) -> None:
    first_word = transcript.segments[0].words[0]
    last_word = transcript.segments[-1].words[-1]
    speech_s = LEAD_SILENCE_S + speech_onset_s()
    speech_end_s = LEAD_SILENCE_S + 5.06  # the clip's last sound above 5% of its loudest

    assert first_word.start_s == pytest.approx(speech_s, abs=TIMING_TOLERANCE_S)
    assert last_word.end_s == pytest.approx(speech_end_s, abs=TIMING_TOLERANCE_S)


def test_confidence_is_a_probability_and_speakers_are_unknown(
    transcript: TranscriptionResult,
) -> None:
    for segment in transcript.segments:
        assert segment.confidence is not None
        assert 0.3 < segment.confidence <= 1.0  # exp(avg_logprob): clear synthetic speech
        assert segment.speaker is None
        assert all(0 <= (word.probability or 0) <= 1 for word in segment.words)
    assert transcript.speakers == []


def test_a_video_without_audio_has_no_transcript(models: ModelManager, tmp_path: Path) -> None:
    silent = tmp_path / "silent.mp4"
    make_shots_video(silent, (10,), 20)

    result = transcribe(models, silent)

    assert not result.has_audio
    assert result.segments == []
    assert result.duration_s == 0.0
    assert result.speakers == []


def test_music_without_speech_gives_no_segments(models: ModelManager) -> None:
    # Whisper hears "Mm-hmm." in this music (no_speech_prob 0.67, confidence 0.42): dropped.
    bunny = Path(__file__).parents[2] / "samples" / "videos" / "big-buck-bunny-720p.mp4"

    result = transcribe(models, bunny)

    assert result.has_audio
    assert result.segments == []


def test_the_english_model_refuses_another_language(models: ModelManager) -> None:
    with pytest.raises(InvalidInput, match="English only"):
        transcribe(models, SPEECH, language="de")


def test_a_missing_video_is_invalid_input(models: ModelManager, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        transcribe(models, tmp_path / "nothing.mp4")
