"""Video summaries: the storyboard on a video with known cuts and known speech, and the
language-model path through a local server that speaks the OpenAI chat completions protocol."""

from __future__ import annotations

import asyncio
import base64
import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
import yaml
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from fovea.inference.contract import (
    OntologyTypeInfo,
    PersonaContext,
    SummarizationResult,
    SummarizationSpec,
    VideoRef,
)
from fovea.inference.registry import DEFAULT_CONFIG, ModelManager, load_model_config
from fovea.inference.tasks.summarize import run_summarization
from fovea.inference.video import probe_video
from tests.inference.av_clips import SPEECH, make_shots_video

GIB = 1024**3
FPS = 25
CUTS = (50, 100)
FRAME_COUNT = 175  # 7 s: the speech (1 s of silence, then 5.5 s) fits inside
SIZE_WH = (320, 180)
PERSONA = PersonaContext(
    name="Gate watch",
    role="Security analyst watching the site entrance",
    information_need="Which vehicles stop at the gate and who walks to the door",
    types=[
        OntologyTypeInfo(name="Car", kind="entity"),
        OntologyTypeInfo(name="Door", kind="entity"),
    ],
)


class Recorder:
    """A progress sink that keeps every stage reported."""

    def __init__(self) -> None:
        self.stages: list[str] = []

    async def progress(self, stage: str, percent: float) -> None:
        self.stages.append(stage)


@pytest.fixture(scope="module")
def models() -> ModelManager:
    return ModelManager(load_model_config(), "cpu", 4 * GIB)


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("summary") / "three-shots.mp4"
    make_shots_video(
        path, CUTS, FRAME_COUNT, size_wh=SIZE_WH, fps=FPS, speech=SPEECH, lead_silence_s=1.0
    )
    return path


def summarize(
    models: ModelManager, path: Path, progress: Any = None, **options: Any
) -> SummarizationResult:
    spec = SummarizationSpec(
        video_id=uuid.uuid4(), video=VideoRef(uri=str(path)), persona=PERSONA, **options
    )
    return asyncio.run(run_summarization(spec, progress or Recorder(), models))


@pytest.fixture(scope="module")
def progress() -> Recorder:
    return Recorder()


@pytest.fixture(scope="module")
def summary(models: ModelManager, clip: Path, progress: Recorder) -> SummarizationResult:
    return summarize(models, clip, progress)


# --- the storyboard on a real video --------------------------------------------------------


def test_shots_start_at_the_cuts(summary: SummarizationResult) -> None:
    starts = [shot.start_frame for shot in summary.shots]

    assert len(starts) == 3
    assert starts[0] == 0
    assert all(abs(found - cut) <= 1 for found, cut in zip(starts[1:], CUTS, strict=True))
    assert summary.shots[-1].end_frame == FRAME_COUNT - 1
    assert [shot.start_s for shot in summary.shots] == pytest.approx([0.0, 2.0, 4.0], abs=0.05)
    assert summary.shots[-1].end_s == pytest.approx(FRAME_COUNT / FPS, abs=0.05)


def test_key_frames_lie_in_distinct_shots_at_their_times(
    summary: SummarizationResult, clip: Path
) -> None:
    times_s = probe_video(clip).frame_times_s
    shot_of = [sum(kf.frame >= cut for cut in CUTS) for kf in summary.key_frames]

    assert sorted(set(shot_of)) == [0, 1, 2]
    for key_frame in summary.key_frames:
        assert key_frame.time_s == pytest.approx(float(times_s[key_frame.frame]))
        seconds = f"{key_frame.time_s:04.1f}"
        assert key_frame.description.startswith(f"0:{seconds}, frame {key_frame.frame}: ")


def test_key_frame_descriptions_report_the_measured_colours(summary: SummarizationResult) -> None:
    colours = ["red", "blue", "green"]  # the backgrounds of SHOT_SCENES
    for key_frame in summary.key_frames:
        shot = sum(key_frame.frame >= cut for cut in CUTS)
        assert f"mostly {colours[shot]}" in key_frame.description


def test_the_summary_opens_with_the_persona_and_gives_the_shots(
    summary: SummarizationResult,
) -> None:
    opening = summary.summary.split("\n\n")[0]

    assert PERSONA.role in opening
    assert PERSONA.information_need in opening
    assert "3 shots" in summary.summary
    assert "0:02.0" in summary.summary and "0:04.0" in summary.summary
    assert "Key frames:" in summary.summary
    assert all(kf.description in summary.summary for kf in summary.key_frames)


def test_the_speech_is_transcribed_and_quoted_in_the_summary(summary: SummarizationResult) -> None:
    assert summary.transcript is not None
    assert summary.transcript.has_audio
    heard = " ".join(segment.text for segment in summary.transcript.segments)
    for words in ("red car", "gate", "blue coat", "door"):
        assert words in heard.lower()
    assert heard in summary.summary  # the first sentences, quoted
    assert "Car is heard at" in summary.summary  # a persona type, spoken
    assert "Door is heard at" in summary.summary
    assert summary.language == "en"


def test_moving_shapes_are_detected_on_the_key_frames(summary: SummarizationResult) -> None:
    assert "object on 3 of 3 key frames" in summary.summary
    assert all("detected: 1 object" in kf.description for kf in summary.key_frames)


def test_the_summary_is_embedded(summary: SummarizationResult) -> None:
    assert len(summary.embedding) == 384
    assert float(np.linalg.norm(summary.embedding)) == pytest.approx(1.0, abs=1e-4)


def test_models_and_stages_are_reported(summary: SummarizationResult, progress: Recorder) -> None:
    stages = [
        "reading video",
        "finding shots",
        "transcribing",
        "detecting",
        "describing",
        "embedding",
    ]

    assert progress.stages == [*stages, "done"]
    assert list(summary.timings_s) == stages
    assert summary.models == {
        "summarization": "storyboard",
        "embedding": "all-MiniLM-L6-v2",
        "transcription": "whisper-tiny.en",
        "detection": "opencv-hog-people, opencv-mog2-motion",
    }
    assert summary.confidence is None  # the storyboard measures; it does not judge


def test_a_summary_without_transcription_or_detection_says_neither(
    models: ModelManager, clip: Path
) -> None:
    result = summarize(models, clip, transcribe=False, detect=False, max_key_frames=2)

    assert result.transcript is None
    assert "detect" not in result.summary.lower()
    assert "speech" not in result.summary.lower()
    assert "heard" not in result.summary.lower()
    assert len(result.key_frames) == 2
    assert set(result.models) == {"summarization", "embedding"}


def test_a_video_without_audio_says_so(models: ModelManager, tmp_path: Path) -> None:
    silent = tmp_path / "silent.mp4"
    make_shots_video(silent, (25,), 50, size_wh=SIZE_WH, fps=FPS)

    result = summarize(models, silent, detect=False)

    assert result.transcript is not None and not result.transcript.has_audio
    assert "The video has no audio track." in result.summary
    assert "speech" not in result.summary.split("\n\n")[0]
    assert "transcribing" not in result.timings_s
    assert "transcription" not in result.models
    assert [shot.start_frame for shot in result.shots] == [0, 25]


# --- a vision-language model ---------------------------------------------------------------


@pytest.fixture(scope="module")
def vlm_server() -> Iterator[HTTPServer]:
    server = HTTPServer()
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture(scope="module")
def vlm_models(vlm_server: HTTPServer, tmp_path_factory: pytest.TempPathFactory) -> ModelManager:
    raw = yaml.safe_load(DEFAULT_CONFIG.read_text())
    raw["slots"]["summarization"] = {
        "selected": "vlm",
        "options": {
            "storyboard": {"backend": "storyboard"},
            "vlm": {
                "backend": "openai-compatible",
                "base_url": vlm_server.url_for("/v1").rstrip("/"),
                "model": "test-vlm",
                "api_key_env": "FOVEA_TEST_NO_SUCH_KEY",
            },
            "blind": {
                "backend": "openai-compatible",
                "base_url": vlm_server.url_for("/v1").rstrip("/"),
                "model": "test-llm",
                "api_key_env": "FOVEA_TEST_NO_SUCH_KEY",
                "accepts_images": False,
            },
        },
    }
    path = tmp_path_factory.mktemp("config") / "models.yaml"
    path.write_text(yaml.safe_dump(raw))
    return ModelManager(load_model_config(path), "cpu", 4 * GIB)


def vlm_reply(request: Request) -> Response:
    """Describe every key frame the prompt lists, as "seen by the VLM"."""
    body = request.get_json()
    text = body["messages"][-1]["content"][0]["text"]
    frames = [int(frame) for frame in re.findall(r"frame (\d+) at", text)]
    content = {
        "summary": "A car waits at the gate while a man walks to the door.",
        "visual_analysis": "Three scenes, red, blue and green.",
        "key_frames": [
            {"frame": f, "description": f"frame {f} as seen by the VLM"} for f in frames
        ],
        "confidence": 0.7,
    }
    reply = {
        "id": "1",
        "object": "chat.completion",
        "model": "test-vlm",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": json.dumps(content)},
                "finish_reason": "stop",
            }
        ],
    }
    return Response(json.dumps(reply), mimetype="application/json")


def test_a_vision_language_model_sees_the_key_frames_and_writes_the_summary(
    vlm_server: HTTPServer, vlm_models: ModelManager, clip: Path
) -> None:
    vlm_server.clear()
    vlm_server.expect_request("/v1/chat/completions", method="POST").respond_with_handler(vlm_reply)

    result = summarize(vlm_models, clip, transcribe=False, detect=False)

    [request] = [entry[0] for entry in vlm_server.log]
    parts = request.get_json()["messages"][-1]["content"]
    images = [part["image_url"]["url"] for part in parts if part["type"] == "image_url"]
    assert PERSONA.role in parts[0]["text"]
    assert PERSONA.information_need in parts[0]["text"]
    assert len(images) == len(result.key_frames) == 3
    for url in images:
        assert url.startswith("data:image/jpeg;base64,")
        jpeg = np.frombuffer(base64.b64decode(url.split(",", 1)[1]), dtype=np.uint8)
        assert cv2.imdecode(jpeg, cv2.IMREAD_COLOR).shape == (180, 320, 3)
    assert result.summary == "A car waits at the gate while a man walks to the door."
    assert result.visual_analysis == "Three scenes, red, blue and green."
    assert [kf.description for kf in result.key_frames] == [
        f"frame {kf.frame} as seen by the VLM" for kf in result.key_frames
    ]
    assert result.confidence == 0.7
    assert result.models["summarization"] == "test-vlm"
    assert len(result.embedding) == 384


def test_a_model_that_cannot_see_gets_the_measured_look_of_each_key_frame(
    vlm_server: HTTPServer, vlm_models: ModelManager, clip: Path
) -> None:
    vlm_server.clear()
    vlm_server.expect_request("/v1/chat/completions", method="POST").respond_with_handler(vlm_reply)

    result = summarize(vlm_models, clip, transcribe=False, detect=False, summarizer="blind")

    [request] = [entry[0] for entry in vlm_server.log]
    parts = request.get_json()["messages"][-1]["content"]
    assert [part["type"] for part in parts] == ["text"]
    assert "Measured look of each key frame:" in parts[0]["text"]
    assert "mostly blue" in parts[0]["text"]
    assert result.summary == "A car waits at the gate while a man walks to the door."
