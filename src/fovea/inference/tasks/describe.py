"""The summary's words: the storyboard's measured text, or a language model's reply.

A ``storyboard`` option writes the text from measurements alone. A language model option
(``openai-compatible``, ``anthropic``, ``gemini``, ``transformers``) gets
``prompts.summary_prompt`` with the key frames as JPEG images (or, for a model that takes no
images, their measured look as text) and the transcript and detections; its reply, parsed by
``prompts.parse_summary_reply``, gives the summary, the visual analysis, the key frame
descriptions (the storyboard's measured description stands in for any frame the reply leaves
out) and a confidence.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from fovea.inference import video
from fovea.inference.backends.base import Image, Prompt, TextGenerator
from fovea.inference.backends.storyboard_text import StoryInput, StoryText, detections_text
from fovea.inference.registry import ModelManager, ModelOption
from fovea.inference.tasks.key_frames import read_key_frames
from fovea.inference.tasks.transcribe import transcript_text
from fovea.media import ProbeResult

STORYBOARD_BACKEND = "storyboard"


@dataclasses.dataclass(frozen=True)
class Described:
    text: StoryText
    model: str
    confidence: float | None


def describe(
    models: ModelManager,
    option: ModelOption,
    story: StoryInput,
    measured: StoryText,
    path: Path,
    probed: ProbeResult,
) -> Described:
    """The summary text from ``option`` (blocking: use a thread)."""
    if option.backend == STORYBOARD_BACKEND:
        return Described(measured, STORYBOARD_BACKEND, None)
    return _from_language_model(models, option, story, measured, path, probed)


def _from_language_model(
    models: ModelManager,
    option: ModelOption,
    story: StoryInput,
    measured: StoryText,
    path: Path,
    probed: ProbeResult,
) -> Described:
    from fovea.inference import prompts

    frames = [key_frame.frame for key_frame in story.key_frames]
    images = read_key_frames(path, probed, frames)
    with models.lease(option.task, option.name) as model:
        generator: TextGenerator = model
        prompt = _summary_prompt(story, measured, images, generator.accepts_images)
        reply_text = generator.generate(prompt)
        model_name = generator.model
    reply = prompts.parse_summary_reply(reply_text, frames)
    text = StoryText(
        summary=reply.summary,
        visual_analysis=reply.visual_analysis or measured.visual_analysis,
        descriptions={
            frame: reply.descriptions.get(frame, measured.descriptions[frame]) for frame in frames
        },
    )
    return Described(text, model_name, reply.confidence)


def _summary_prompt(
    story: StoryInput, measured: StoryText, images: dict[int, Image], accepts_images: bool
) -> Prompt:
    """The summary prompt: key frames as JPEG, or for a model that cannot see, their look."""
    from fovea.inference import prompts

    facts = _detections_and_looks(story, measured, with_looks=not accepts_images)
    jpeg = video.encode_jpeg if accepts_images else _no_image
    key_frames = [(kf.frame, kf.time_s, jpeg(images[kf.frame])) for kf in story.key_frames]
    transcript = transcript_text(story.transcript) if story.transcript else ""
    prompt = prompts.summary_prompt(story.persona, key_frames, transcript, facts, story.duration_s)
    return prompt if accepts_images else dataclasses.replace(prompt, images_jpeg=[])


def _no_image(image: Image) -> bytes:
    """No JPEG: the model takes no images (the prompt then carries no image parts)."""
    return b""


def _detections_and_looks(story: StoryInput, measured: StoryText, *, with_looks: bool) -> str:
    """The detections sentence and, for a model that cannot see, each key frame's look."""
    text = detections_text(story.tallies, story.detectors, len(story.key_frames), story.duration_s)
    if with_looks:
        looks = "\n".join(measured.descriptions[kf.frame] for kf in story.key_frames)
        text = f"{text}\n\nMeasured look of each key frame:\n{looks}".strip()
    return text
