"""Detection on real H.264 videos of synthetic scenes with ground truth (``scenes``).

Measured on these scenes (deterministic: fixed seeds), and the bars the tests hold:

- motion (MOG2), ``CROSSING`` written at 960x540 (analysed at 640 px wide, so boxes must be
  scaled back), every frame from frame 0: recall 0.97 at IoU >= 0.5, mean IoU of the
  matches 0.90, 4 unmatched boxes; the misses are the frames where the two crossing boxes
  merge into one blob. A single frame (80) with its 30 history frames: IoU 0.89 to 0.94.
  Bars: recall >= 0.90, mean IoU >= 0.80; on frame 80 alone, IoU >= 0.8 for each object.
- people (HOG), ``PEOPLE`` at 640x360, 24 frames: recall 0.90 at IoU >= 0.5, no false
  positives, mean IoU 0.69 (the silhouettes are slimmer than the people HOG was trained
  on). Bar: recall >= 0.80.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from fovea.errors import InvalidInput, ModelFailed
from fovea.inference.backends.opencv_detectors import load_hog
from fovea.inference.contract import (
    DetectedBox,
    DetectionResult,
    DetectionSpec,
    NoProgress,
    VideoRef,
)
from fovea.inference.registry import ModelConfig, ModelManager, ModelOption, load_model_config
from fovea.inference.tasks.detect import frame_runs, run_detection
from tests.inference.scenes import PEOPLE, Scene, Xywh, make_scene, write_video

MOTION_RECALL_MIN = 0.90
MOTION_MEAN_IOU_MIN = 0.80
HOG_RECALL_MIN = 0.80
MATCH_IOU = 0.5


@pytest.fixture(scope="module")
def models() -> ModelManager:
    return ModelManager(load_model_config(), "cpu", 4 * 1024**3)


@pytest.fixture(scope="module")
def crossing_960(tmp_path_factory: pytest.TempPathFactory) -> Scene:
    return make_scene(tmp_path_factory.mktemp("scenes") / "crossing-960.mp4", size_wh=(960, 540))


@pytest.fixture(scope="module")
def people(tmp_path_factory: pytest.TempPathFactory) -> Scene:
    path = tmp_path_factory.mktemp("scenes") / "people.mp4"
    return make_scene(path, PEOPLE, frame_count=24)


def detect(
    models: ModelManager, path: Path, frames: list[int], **options: object
) -> DetectionResult:
    spec = DetectionSpec.model_validate(
        {"video_id": uuid.uuid4(), "video": VideoRef(uri=str(path)), "frames": frames, **options}
    )
    return asyncio.run(run_detection(spec, NoProgress(), models))


def iou(a: Xywh, b: Xywh) -> float:
    width = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    height = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    inter = max(0.0, width) * max(0.0, height)
    return inter / (a[2] * a[3] + b[2] * b[3] - inter)


def xywh(box: DetectedBox) -> Xywh:
    return (box.x, box.y, box.w, box.h)


def best_matches(scene: Scene, result: DetectionResult) -> list[float]:
    """For every ground-truth box on the processed frames, the best IoU of any detection."""
    by_frame: dict[int, list[Xywh]] = {}
    for box in result.boxes:
        by_frame.setdefault(box.frame, []).append(xywh(box))
    frames = sorted({box.frame for box in result.boxes} | set(range(scene.frame_count)))
    return [
        max((iou(truth, found) for found in by_frame.get(frame, [])), default=0.0)
        for frame in frames
        for truth in scene.boxes_on(frame).values()
    ]


def config_with(option: ModelOption) -> ModelConfig:
    """The default model config plus (or with a changed) ``option``."""
    base = load_model_config()
    options = {task: dict(named) for task, named in base.options.items()}
    options[option.task][option.name] = option
    return ModelConfig(base.source, options, dict(base.selected))


# --- motion --------------------------------------------------------------------------------


def test_motion_finds_the_moving_objects_in_video_pixels(
    models: ModelManager, crossing_960: Scene
) -> None:
    result = detect(models, crossing_960.path, list(range(crossing_960.frame_count)))

    ious = best_matches(crossing_960, result)
    matched = [value for value in ious if value >= MATCH_IOU]
    assert len(matched) / len(ious) >= MOTION_RECALL_MIN
    assert np.mean(matched) >= MOTION_MEAN_IOU_MIN
    assert (result.detector, result.model) == ("motion", "opencv-mog2-motion")
    assert (result.width, result.height, result.frame_count) == (960, 540, 96)
    assert result.frames_processed == 96
    assert {box.label for box in result.boxes} == {"object"}
    assert all(box.x + box.w <= 960 and box.y + box.h <= 540 for box in result.boxes)
    assert max(box.x + box.w for box in result.boxes) > 640  # not analysis pixels


def test_motion_detects_a_single_middle_frame_from_its_history(
    models: ModelManager, crossing_960: Scene
) -> None:
    result = detect(models, crossing_960.path, [80])

    assert result.frames_processed == 1
    assert {box.frame for box in result.boxes} == {80}
    for truth in crossing_960.boxes_on(80).values():
        assert max(iou(truth, xywh(box)) for box in result.boxes) >= 0.8


def test_motion_with_too_short_a_history_smears_boxes(crossing_960: Scene) -> None:
    # The counter-proof of the test above: over 10 frames each object covers its own path for
    # most of the time, so the background (their median) keeps a ghost of it, and the box
    # spans ghost and object. It is the 30 history frames decoded before frame 80 that help.
    motion = load_model_config().options["detection"]["motion"]
    short = replace(motion, params={**motion.params, "history_frames": 10})
    models = ModelManager(config_with(short), "cpu", 4 * 1024**3)

    result = detect(models, crossing_960.path, [80])

    for truth in crossing_960.boxes_on(80).values():
        assert max(iou(truth, xywh(box)) for box in result.boxes) < 0.6


def test_query_keeps_only_matching_labels_ignoring_case(
    models: ModelManager, people: Scene
) -> None:
    frames = [0, 1, 2]
    everything = detect(models, people.path, frames, detector="people")
    assert everything.boxes

    same = detect(models, people.path, frames, detector="people", query=["PERSON", "car"])
    assert same.boxes == everything.boxes
    assert detect(models, people.path, frames, detector="people", query=["car"]).boxes == []


def test_a_class_agnostic_detector_ignores_the_query(
    models: ModelManager, crossing_960: Scene
) -> None:
    frames = [70, 71, 72]
    everything = detect(models, crossing_960.path, frames)
    assert everything.boxes and {box.label for box in everything.boxes} == {"object"}

    assert detect(models, crossing_960.path, frames, query=["person", "car"]).boxes == (
        everything.boxes
    )


def test_threshold_drops_less_confident_boxes(models: ModelManager, crossing_960: Scene) -> None:
    frames = list(range(40, 60))
    loose = detect(models, crossing_960.path, frames, threshold=0.0)
    strict = detect(models, crossing_960.path, frames, threshold=0.9)

    assert all(box.confidence >= 0.9 for box in strict.boxes)
    assert len(strict.boxes) < len(loose.boxes)
    assert set(strict.boxes) <= set(loose.boxes)


# --- people (HOG) --------------------------------------------------------------------------


def test_hog_finds_people_above_the_threshold(models: ModelManager, people: Scene) -> None:
    result = detect(models, people.path, list(range(people.frame_count)), detector="people")

    ious = best_matches(people, result)
    assert sum(value >= MATCH_IOU for value in ious) / len(ious) >= HOG_RECALL_MIN
    assert result.model == "opencv-hog-people"
    assert {box.label for box in result.boxes} == {"person"}
    assert all(box.confidence >= 0.3 for box in result.boxes)
    strict = detect(models, people.path, list(range(8)), detector="people", threshold=0.95)
    assert all(box.confidence >= 0.95 for box in strict.boxes)


def test_hog_finds_nothing_on_frames_smaller_than_its_window() -> None:
    detector = load_hog(load_model_config().options["detection"]["people"], "cpu")
    frames = [(0, np.zeros((100, 60, 3), np.uint8)), (1, np.zeros((100, 200, 3), np.uint8))]

    assert list(detector.detect(frames, {0, 1}, 0.3)) == [(0, []), (1, [])]


# --- cascades ------------------------------------------------------------------------------


def test_the_default_cascade_is_unavailable_and_says_why(
    models: ModelManager, crossing_960: Scene
) -> None:
    option = models.option("detection", "faces")

    reason = models.unavailable_reason(option)

    assert reason is not None
    assert "haarcascade_frontalface_default.xml" in reason
    assert "cv2.data.haarcascades" in reason
    with pytest.raises(ModelFailed, match="unavailable"):
        detect(models, crossing_960.path, [0], detector="faces")


BRIGHT_SQUARE_CASCADE = """<?xml version="1.0"?>
<opencv_storage><cascade>
  <stageType>BOOST</stageType><featureType>HAAR</featureType><height>24</height><width>24</width>
  <stageParams><boostType>GAB</boostType><minHitRate>0.995</minHitRate>
    <maxFalseAlarm>0.5</maxFalseAlarm><weightTrimRate>0.95</weightTrimRate><maxDepth>1</maxDepth>
    <maxWeakCount>1</maxWeakCount></stageParams>
  <featureParams><maxCatCount>0</maxCatCount><featSize>1</featSize><mode>BASIC</mode>
    </featureParams>
  <stageNum>1</stageNum>
  <stages><_><maxWeakCount>1</maxWeakCount><stageThreshold>0.</stageThreshold>
    <weakClassifiers><_><internalNodes>0 -1 0 -0.05</internalNodes>
      <leafValues>1. -1.</leafValues></_></weakClassifiers></_></stages>
  <features><_><rects><_>0 0 24 24 -1.</_><_>6 6 12 12 4.</_></rects></_></features>
</cascade></opencv_storage>
"""
"""A one-feature Haar cascade that fires where a window's centre is brighter than its whole."""


def test_a_cascade_file_given_by_absolute_path_loads_and_detects(tmp_path: Path) -> None:
    cascade = tmp_path / "bright-square.xml"
    cascade.write_text(BRIGHT_SQUARE_CASCADE)
    faces = replace(
        load_model_config().options["detection"]["faces"], params={"cascade": str(cascade)}
    )
    models = ModelManager(config_with(faces), "cpu", 4 * 1024**3)
    image = np.full((240, 320, 3), 60, dtype=np.uint8)
    image[100:160, 180:240] = 40
    image[115:145, 195:225] = 220
    write_video(tmp_path / "square.mp4", iter([image] * 4), (320, 240), 25)

    assert models.unavailable_reason(faces) is None
    result = detect(models, tmp_path / "square.mp4", [1, 2], detector="faces")

    assert result.model == "opencv-cascade:bright-square"
    assert [box.frame for box in result.boxes] == [1, 2]
    for box in result.boxes:
        assert box.label == "face"
        assert iou(xywh(box), (180, 100, 60, 60)) >= MATCH_IOU


# --- decoding plan ---


@pytest.mark.parametrize(
    ("wanted", "history_frames", "runs"),
    [
        ([1, 2, 30, 31, 80], 0, [(1, 2), (30, 31), (80, 80)]),  # a keyframe before each jump
        ([1, 2, 20], 0, [(1, 20)]),  # no keyframe in between: decode on
        ([1, 30, 80], 30, [(1, 30), (80, 80)]),  # 30's history starts at 0: decode on
        ([60, 70], 30, [(60, 70)]),
        ([10, 90], 10, [(10, 10), (90, 90)]),  # seek to 75, before 90's history (80)
        ([30, 45], 10, [(30, 45)]),  # 45's history starts at 35: keyframe 25 is behind 30
        ([5], 30, [(5, 5)]),
    ],
)
def test_frame_runs_seek_only_where_a_keyframe_saves_decoding(
    wanted: list[int], history_frames: int, runs: list[tuple[int, int]]
) -> None:
    keyframes = np.array([0, 25, 50, 75], dtype=np.int64)

    assert frame_runs(wanted, history_frames, keyframes) == runs


# --- requests ------------------------------------------------------------------------------


def test_frames_outside_the_video_are_refused_by_number(
    models: ModelManager, crossing_960: Scene
) -> None:
    with pytest.raises(InvalidInput, match=r"frames 96, 200 are outside .* 96 frames"):
        detect(models, crossing_960.path, [5, 96, 200])


def test_an_unknown_detector_is_refused(models: ModelManager, crossing_960: Scene) -> None:
    with pytest.raises(InvalidInput, match="no detection option named 'cars'"):
        detect(models, crossing_960.path, [5], detector="cars")
