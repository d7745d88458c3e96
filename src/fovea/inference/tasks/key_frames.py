"""The summary's look at the pictures: shots, key frames and detections on the key frames.

Every summarizer needs shots and key frames (a vision-language model sees only the key
frames), so they always come from the storyboard's building blocks: with the parameters of
the ``summarization`` option when it is a ``storyboard`` option, else with the storyboard's
defaults.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fovea.inference import video
from fovea.inference.backends.base import Detection, Detector, Image
from fovea.inference.backends.storyboard import (
    FrameFacts,
    FrameMeasures,
    Storyboard,
    Stretch,
    dominant_colours,
    key_frame_facts,
)
from fovea.inference.backends.storyboard_text import KeyFrameInput, LabelTally
from fovea.inference.contract import Shot
from fovea.inference.registry import ModelManager, ModelOption
from fovea.media import ProbeResult

STORYBOARD_BACKEND = "storyboard"
PEOPLE_OPTION = "people"
DETECTION_THRESHOLD = 0.3


@dataclass(frozen=True)
class Board:
    """The shots and key frames of a video, and how each looks."""

    shots: list[Shot]
    shot_looks: list[FrameFacts]
    key_frames: list[int]
    shot_numbers: list[int]  # the 1-based shot of each key frame
    facts: list[FrameFacts]


@dataclass(frozen=True)
class KeyFrameDetections:
    """What the detectors found on the key frames."""

    detectors: list[str]
    by_frame: dict[int, list[Detection]]


def find_board(
    models: ModelManager, option: ModelOption, path: Path, probed: ProbeResult, max_key: int
) -> Board:
    """Measure the video and choose its shots and key frames (blocking: use a thread)."""
    if option.backend != STORYBOARD_BACKEND:
        return _board(Storyboard(), path, probed, max_key)
    with models.lease(option.task, option.name) as model:
        storyboard: Storyboard = model
        return _board(storyboard, path, probed, max_key)


def _board(storyboard: Storyboard, path: Path, probed: ProbeResult, max_key: int) -> Board:
    step = storyboard.analysis_step(probed.frame_count)
    measures = storyboard.measure(video.iter_frames(path, probed, 0, probed.frame_count, step=step))
    fps = frames_per_second(probed)
    stretches = storyboard.find_shots(measures, fps)
    key_frames = storyboard.choose_key_frames(measures, stretches, fps, max_key)
    shots = [_shot(measures, stretch, probed) for stretch in stretches]
    starts = np.array([shot.start_frame for shot in shots])
    return Board(
        shots=shots,
        shot_looks=[_look(measures, stretch) for stretch in stretches],
        key_frames=key_frames,
        shot_numbers=[int(np.searchsorted(starts, frame, "right")) for frame in key_frames],
        facts=[key_frame_facts(measures, frame) for frame in key_frames],
    )


def frames_per_second(probed: ProbeResult) -> float:
    """The average frame rate, or frames over duration when the stream does not say."""
    if probed.avg_fps:
        return probed.avg_fps
    return probed.frame_count / probed.duration_s if probed.duration_s > 0 else 25.0


def _shot(measures: FrameMeasures, stretch: Stretch, probed: ProbeResult) -> Shot:
    start = int(measures.frames[stretch.first])
    after = stretch.last + 1
    end = (
        int(measures.frames[after]) - 1 if after < len(measures.frames) else probed.frame_count - 1
    )
    times = probed.frame_times_s
    end_s = float(times[end + 1]) if end + 1 < probed.frame_count else probed.duration_s
    return Shot(start_frame=start, end_frame=end, start_s=float(times[start]), end_s=end_s)


def _look(measures: FrameMeasures, stretch: Stretch) -> FrameFacts:
    """The mean look of a shot."""
    rows = slice(stretch.first, stretch.last + 1)
    return FrameFacts(
        frame=int(measures.frames[stretch.first]),
        colours=dominant_colours(measures.colours[rows].mean(axis=0)),
        brightness=float(measures.brightness[rows].mean()),
        motion=float(measures.motion[rows].mean()),
    )


# --- detection -----------------------------------------------------------------------------


def detect_on_key_frames(
    models: ModelManager, path: Path, probed: ProbeResult, board: Board
) -> KeyFrameDetections:
    """Run the ``people`` option and the selected detection option on the key frames.

    A stateful detector (background subtraction) learns the background from
    ``history_frames`` frames around each key frame, one call per key frame, all from the
    key frame's own shot: frames across a cut would teach it another scene's background.
    """
    names = list(dict.fromkeys([PEOPLE_OPTION, models.option("detection").name]))
    names = [name for name in names if name in models.config.options["detection"]]
    detectors: list[str] = []
    by_frame: dict[int, list[Detection]] = {frame: [] for frame in board.key_frames}
    for name in names:
        with models.lease("detection", name) as model:
            detector: Detector = model
            detectors.append(detector.model)
            for frame, shot_number in zip(board.key_frames, board.shot_numbers, strict=True):
                shot = board.shots[shot_number - 1]
                first, last = history_window(frame, shot, detector.history_frames)
                frames = video.iter_frames(path, probed, first, last)
                for index, found in detector.detect(frames, {frame}, DETECTION_THRESHOLD):
                    by_frame[index].extend(found)
    return KeyFrameDetections(detectors, by_frame)


def history_window(frame: int, shot: Shot, history_frames: int) -> tuple[int, int]:
    """Frames ``first..last`` of ``shot`` around ``frame`` (inclusive), at most
    ``history_frames + 1`` of them, centred on ``frame`` where the shot allows."""
    if history_frames == 0:
        return frame, frame
    first = max(shot.start_frame, min(frame - history_frames // 2, shot.end_frame - history_frames))
    return first, min(shot.end_frame, first + history_frames)


def read_key_frames(path: Path, probed: ProbeResult, key_frames: list[int]) -> dict[int, Image]:
    """The full-size image of each key frame."""
    return {
        index: image
        for frame in key_frames
        for index, image in video.iter_frames(path, probed, frame, frame)
    }


def key_frame_inputs(
    board: Board, probed: ProbeResult, detections: KeyFrameDetections | None
) -> list[KeyFrameInput]:
    """Each key frame with its time, shot, look and detection counts, for the text."""
    return [
        KeyFrameInput(
            frame=frame,
            time_s=float(probed.frame_times_s[frame]),
            shot_number=shot_number,
            facts=facts,
            detections=dict(Counter(d.label for d in detections.by_frame[frame]))
            if detections
            else {},
        )
        for frame, shot_number, facts in zip(
            board.key_frames, board.shot_numbers, board.facts, strict=True
        )
    ]


def tallies(key_frames: list[KeyFrameInput]) -> list[LabelTally]:
    """Per label: on how many key frames, the most at once, and where it is first seen."""
    result: dict[str, LabelTally] = {}
    for key_frame in key_frames:
        for label, count in key_frame.detections.items():
            known = result.get(label)
            result[label] = LabelTally(
                label=label,
                key_frames_seen=(known.key_frames_seen if known else 0) + 1,
                max_count=max(count, known.max_count if known else 0),
                first_frame=known.first_frame if known else key_frame.frame,
                first_time_s=known.first_time_s if known else key_frame.time_s,
            )
    return sorted(result.values(), key=lambda tally: (-tally.key_frames_seen, tally.label))
