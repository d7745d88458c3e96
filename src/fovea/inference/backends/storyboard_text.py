"""The storyboard's text: a persona-aware summary assembled from measured facts only.

The summary opens with who it is for (role, information need) and which of the persona's
types and need words were actually detected or heard, then gives the shot structure with
times, the objects detected on the key frames (count per label, first seen at), the gist of
the speech (its first sentences, its speakers), and each key frame's description
("0:12, frame 300: ..."). Nothing is inferred about what the pictures show beyond the
measurements: colours, brightness, motion, detector labels and transcribed words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from fovea.inference.backends.storyboard import FrameFacts
from fovea.inference.contract import PersonaContext, Shot, TranscriptionResult

GIST_MAX_CHARS: Final = 300
SHOTS_LISTED: Final = 12
_WORD = re.compile(r"[a-z0-9']+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_STOP_WORDS: Final = frozenset(
    {
        "about", "after", "also", "and", "any", "are", "been", "before", "being", "between",
        "both", "but", "can", "could", "does", "each", "from", "have", "here", "into", "just",
        "like", "many", "more", "most", "much", "must", "need", "needs", "only", "other",
        "over", "same", "should", "some", "such", "than", "that", "their", "them", "then",
        "there", "these", "they", "this", "those", "through", "under", "very", "want", "wants",
        "what", "when", "where", "which", "while", "will", "with", "within", "would", "your",
    }
)  # fmt: skip


@dataclass(frozen=True)
class LabelTally:
    """How one detected label shows on the key frames."""

    label: str
    key_frames_seen: int
    max_count: int
    first_frame: int
    first_time_s: float


@dataclass(frozen=True)
class KeyFrameInput:
    """One key frame: where it is, what it looks like, and what was detected on it."""

    frame: int
    time_s: float
    shot_number: int  # 1-based
    facts: FrameFacts
    detections: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class StoryInput:
    """Everything measured about a video, for the text."""

    persona: PersonaContext
    duration_s: float
    frame_count: int
    size_wh: tuple[int, int]
    shots: list[Shot]
    shot_looks: list[FrameFacts]  # the mean look of each shot
    key_frames: list[KeyFrameInput]
    detectors: list[str]  # empty: detection was not run
    tallies: list[LabelTally]
    transcript: TranscriptionResult | None


@dataclass(frozen=True)
class StoryText:
    summary: str
    visual_analysis: str
    descriptions: dict[int, str]


def write_story(story: StoryInput) -> StoryText:
    """The summary, the visual analysis and every key frame's description."""
    descriptions = {kf.frame: key_frame_description(kf, story) for kf in story.key_frames}
    summary = [
        persona_opening(story),
        structure_paragraph(story),
        detections_text(story.tallies, story.detectors, len(story.key_frames), story.duration_s),
        speech_paragraph(story.transcript, story.duration_s),
        "Key frames:\n" + "\n".join(descriptions[kf.frame] for kf in story.key_frames),
    ]
    return StoryText(
        summary="\n\n".join(part for part in summary if part),
        visual_analysis=visual_analysis(story),
        descriptions=descriptions,
    )


# --- the parts -----------------------------------------------------------------------------


def persona_opening(story: StoryInput) -> str:
    persona = story.persona
    role = persona.role.strip() or persona.name.strip() or "an analyst"
    need = persona.information_need.strip() or "not stated"
    measured = ["shots", "colours", "motion"]
    measured += ["detected objects"] if story.detectors else []
    measured += ["speech"] if _has_audio(story) else []
    lines = [
        f"Prepared for: {role}. Information need: {need}.",
        f"What follows was measured in the video ({', '.join(measured)}); it does not "
        "interpret what the scenes show.",
    ]
    lines.extend(_relevance(story))
    return " ".join(lines)


def _relevance(story: StoryInput) -> list[str]:
    """Which persona types and need words were detected or heard, or that none were."""
    spoken = _spoken_times(story.transcript)
    labels = {_stem(tally.label): tally for tally in story.tallies}
    found: list[str] = []
    for known in story.persona.types:
        key = _stem(known.name.lower())
        if key in labels:
            first_s = labels[key].first_time_s
            found.append(f"{known.name} is detected from {_clock(first_s, story.duration_s)}")
        elif key in spoken:
            found.append(f"{known.name} is heard at {_clock(spoken[key], story.duration_s)}")
    checks = (["detected"] if story.detectors else []) + (["heard"] if _has_audio(story) else [])
    sentences = []
    if found:
        sentences.append(f"Of the persona's types, {'; '.join(found)}.")
    elif story.persona.types and checks:
        sentences.append(f"None of the persona's types was {' or '.join(checks)}.")
    need_words = _content_words(story.persona.information_need)
    heard = [word for word in need_words if _stem(word) in spoken]
    if heard:
        sentences.append(f"Words of the information need heard in the speech: {', '.join(heard)}.")
    return sentences


def _has_audio(story: StoryInput) -> bool:
    """Whether speech was listened for: transcribed, and there was an audio track."""
    return story.transcript is not None and story.transcript.has_audio


def structure_paragraph(story: StoryInput) -> str:
    width, height = story.size_wh
    count = len(story.shots)
    shots = "one shot" if count == 1 else f"{count} shots"
    head = (
        f"The video lasts {_clock(story.duration_s, story.duration_s)} ({story.frame_count} "
        f"frames of {width}x{height}) and has {shots}"
    )
    listed = [
        f"shot {number} {_span(shot, story.duration_s)}: {_look(look)}"
        for number, (shot, look) in enumerate(
            zip(story.shots, story.shot_looks, strict=True), start=1
        )
    ][:SHOTS_LISTED]
    more = f"; and {count - SHOTS_LISTED} more" if count > SHOTS_LISTED else ""
    return f"{head}: {'; '.join(listed)}{more}."


def detections_text(
    tallies: list[LabelTally], detectors: list[str], key_frame_count: int, duration_s: float
) -> str:
    """Objects per label on the key frames, or that none were found; "" if not run."""
    if not detectors:
        return ""
    by = f"with {', '.join(detectors)}"
    if not tallies:
        return f"No objects were detected on the {key_frame_count} key frames ({by})."
    parts = [
        f"{tally.label} on {tally.key_frames_seen} of {key_frame_count} key frames "
        f"(up to {tally.max_count} at once, first at {_clock(tally.first_time_s, duration_s)}, "
        f"frame {tally.first_frame})"
        for tally in tallies
    ]
    return f"Detected on the key frames ({by}): {'; '.join(parts)}."


def speech_paragraph(transcript: TranscriptionResult | None, duration_s: float) -> str:
    if transcript is None:
        return ""
    if not transcript.has_audio:
        return "The video has no audio track."
    if not transcript.segments:
        return "The audio track has no speech the transcriber recognised."
    words = sum(len(_WORD.findall(segment.text.lower())) for segment in transcript.segments)
    start = _clock(transcript.segments[0].start_s, duration_s)
    end = _clock(transcript.segments[-1].end_s, duration_s)
    language = f", language {transcript.language}" if transcript.language else ""
    speakers = (
        f" Speakers: {', '.join(transcript.speakers)}."
        if transcript.speakers
        else " Speakers were not told apart."
    )
    return (
        f"Speech from {start} to {end} ({words} words{language}): "
        f"\u201c{transcript_gist(transcript)}\u201d{speakers}"
    )


def transcript_gist(transcript: TranscriptionResult) -> str:
    """The transcript's first sentences, up to about GIST_MAX_CHARS characters."""
    text = " ".join(segment.text.strip() for segment in transcript.segments).strip()
    gist = ""
    for sentence in _SENTENCE_END.split(text):
        if gist and len(gist) + len(sentence) > GIST_MAX_CHARS:
            return gist + " ..."
        gist = f"{gist} {sentence}".strip()
    return gist[: GIST_MAX_CHARS * 2]


def key_frame_description(key_frame: KeyFrameInput, story: StoryInput) -> str:
    """ "0:12, frame 300: shot 2 of 3; mostly blue (60%) ...; detected: 1 person"."""
    where = f"{_clock(key_frame.time_s, story.duration_s)}, frame {key_frame.frame}"
    detected = ""
    if story.detectors:
        found = _counted(key_frame.detections)
        detected = f"; detected: {found or 'nothing'}"
    shot = f"shot {key_frame.shot_number} of {len(story.shots)}"
    return f"{where}: {shot}; {_look(key_frame.facts)}{detected}"


def visual_analysis(story: StoryInput) -> str:
    lines = ["Shots (cuts found where the colour histogram jumps between frames):"]
    for number, (shot, look) in enumerate(zip(story.shots, story.shot_looks, strict=True), start=1):
        lines.append(
            f"- shot {number}, frames {shot.start_frame}-{shot.end_frame} "
            f"({_span(shot, story.duration_s)}): {_look(look)}"
        )
    if story.detectors:
        lines.append("Per key frame detections:")
        for key_frame in story.key_frames:
            found = _counted(key_frame.detections)
            lines.append(f"- frame {key_frame.frame}: {found or 'nothing'}")
    return "\n".join(lines)


# --- wording -------------------------------------------------------------------------------


def _counted(counts: dict[str, int]) -> str:
    """ "2 objects, 1 person", by label."""
    return ", ".join(f"{n} {_plural(label, n)}" for label, n in sorted(counts.items()))


def _plural(label: str, count: int) -> str:
    if count == 1:
        return label
    if label == "person":
        return "people"
    return label if label.endswith("s") else f"{label}s"


def _look(facts: FrameFacts) -> str:
    """ "mostly blue (62%), with white (20%); bright; little motion (1% of the picture)"."""
    if facts.colours:
        (name, share), *rest = facts.colours
        colours = f"mostly {name} ({_percent(share)})"
        if rest:
            colours += ", with " + " and ".join(f"{n} ({_percent(s)})" for n, s in rest)
    else:
        colours = "no dominant colour"
    return f"{colours}; {_brightness(facts.brightness)}; {_motion(facts.motion)}"


def _brightness(level: float) -> str:
    if level < 0.25:
        return "dark"
    if level < 0.45:
        return "dim"
    return "medium brightness" if level < 0.7 else "bright"


def _motion(share: float) -> str:
    if share < 0.002:
        return "still"
    word = "little motion" if share < 0.02 else "some motion" if share < 0.1 else "much motion"
    return f"{word} ({_percent(share)} of the picture changes between frames)"


def _percent(share: float) -> str:
    return f"{share:.1%}" if share < 0.01 else f"{share:.0%}"


def _span(shot: Shot, duration_s: float) -> str:
    return f"{_clock(shot.start_s, duration_s)}\u2013{_clock(shot.end_s, duration_s)}"


def _clock(time_s: float, duration_s: float) -> str:
    """m:ss (h:mm:ss past an hour), with tenths for videos shorter than a minute."""
    if duration_s < 60:
        minutes, seconds = divmod(max(time_s, 0.0), 60)
        return f"{int(minutes)}:{seconds:04.1f}"
    total = round(max(time_s, 0.0))
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def _spoken_times(transcript: TranscriptionResult | None) -> dict[str, float]:
    """First time each (stemmed) word is heard; from segments when words have no times."""
    heard: dict[str, float] = {}
    for segment in transcript.segments if transcript else []:
        timed = [(w.text, w.start_s) for w in segment.words] or [(segment.text, segment.start_s)]
        for text, start_s in timed:
            for word in _WORD.findall(text.lower()):
                heard.setdefault(_stem(word), start_s)
    return heard


def _content_words(text: str) -> list[str]:
    words = [w for w in _WORD.findall(text.lower()) if len(w) > 3 and w not in _STOP_WORDS]
    return list(dict.fromkeys(words))


def _stem(word: str) -> str:
    """A crude English singular, enough to match "stops" with "stop" and "buses" with "bus"."""
    word = word.strip().lower()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "ches", "shes", "xes", "uses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
