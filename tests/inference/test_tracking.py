"""Tracking on the synthetic ``CROSSING`` scene (640x360, 96 frames, 25 fps), scored with
``motmetrics`` against its ground truth.

Measured (deterministic scenes), and the bars the tests hold:

- motion + ByteTrack over frames 0..95, matched at IoU >= 0.5: MOTA 0.93, IDF1 0.96, three
  tracks, no ID switch. While the crossing pair shows as one merged blob for a few frames,
  one of the two tracks has no box (a gap) and the merged box may match either object, so a
  switch there and back is possible. Bars: MOTA >= 0.85, IDF1 >= 0.90, at most 2 switches,
  each crossing object followed by the same track before and after the crossing.
- each object's track as a sequence (``sequence_from_track``, 1 px tolerance): on every frame
  where the object is tracked and in the clear (no other object within 8 px), ``box_at``
  has IoU >= 0.75 with the truth (mean 0.89). Bar: IoU >= 0.65. The object hidden on frames
  62..69 keeps its track, and the sequence is hidden exactly there.
- CSRT seeded on frame 10 with the true box of the front crossing object, to frame 95:
  IoU >= 0.77 on every frame (mean 0.82). Bar: IoU >= 0.65 on every frame.
- KCF and MIL over frames 10..30 of the same object: IoU >= 0.65 and >= 0.75 on every frame.
  Bar: 0.5.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter

import motmetrics as mm
import numpy as np
import pytest

from fovea.domain import Box, box_at, sequence_from_track
from fovea.errors import InvalidInput, ModelFailed
from fovea.inference.backends import opencv_trackers
from fovea.inference.contract import TrackingResult, TrackingSpec, TrackOut, VideoRef
from fovea.inference.registry import ModelConfig, ModelManager, ModelOption, load_model_config
from fovea.inference.tasks.track import run_tracking
from tests.inference.scenes import Scene, Xywh, make_scene

MOTA_MIN = 0.85
IDF1_MIN = 0.90
SWITCHES_MAX = 2
SEQUENCE_IOU_MIN = 0.65
CLEAR_PX = 8
CSRT_IOU_MIN = 0.65
FAST_TRACKER_IOU_MIN = 0.5
MATCH_IOU = 0.5
TOP, GREEN, BLUE = 1, 2, 3  # object ids of CROSSING


class Reports:
    """A progress sink that keeps every report."""

    def __init__(self) -> None:
        self.reports: list[tuple[str, float]] = []

    async def progress(self, stage: str, percent: float) -> None:
        self.reports.append((stage, percent))


@pytest.fixture(scope="module")
def models() -> ModelManager:
    return ModelManager(load_model_config(), "cpu", 4 * 1024**3)


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Scene:
    return make_scene(tmp_path_factory.mktemp("scenes") / "crossing.mp4")


def track(
    models: ModelManager, scene: Scene, progress: Reports | None = None, /, **options: object
) -> TrackingResult:
    spec = TrackingSpec.model_validate(
        {"video_id": uuid.uuid4(), "video": VideoRef(uri=str(scene.path)), **options}
    )
    return asyncio.run(run_tracking(spec, progress or Reports(), models))


@pytest.fixture(scope="module")
def by_detection(models: ModelManager, scene: Scene) -> TrackingResult:
    return track(models, scene, start_frame=0, end_frame=95)


def iou(a: Xywh, b: Xywh) -> float:
    width = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    height = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    inter = max(0.0, width) * max(0.0, height)
    return inter / (a[2] * a[3] + b[2] * b[3] - inter)


def boxes_by_frame(out: TrackOut) -> dict[int, Xywh]:
    return {box.frame: (box.x, box.y, box.w, box.h) for box in out.boxes}


def matching_track(scene: Scene, object_id: int, frames: range, result: TrackingResult) -> int:
    """The track that overlaps the object (IoU >= 0.5) on most of ``frames``."""
    truth = scene.truth[object_id]
    votes: Counter[int] = Counter()
    for out in result.tracks:
        boxes = boxes_by_frame(out)
        votes[out.track_id] = sum(
            f in boxes and f in truth and iou(truth[f], boxes[f]) >= MATCH_IOU for f in frames
        )
    track_id, count = votes.most_common(1)[0]
    assert count > len(frames) // 2, f"no track follows object {object_id} on {frames}"
    return track_id


def in_the_clear(scene: Scene, object_id: int, frame: int) -> bool:
    """No other object's box comes within CLEAR_PX of this one's on ``frame``."""
    x, y, w, h = scene.truth[object_id][frame]
    grown = (x - CLEAR_PX, y - CLEAR_PX, w + 2 * CLEAR_PX, h + 2 * CLEAR_PX)
    others = (b for oid, b in scene.boxes_on(frame).items() if oid != object_id)
    return all(iou(grown, other) == 0 for other in others)


def mot_summary(scene: Scene, result: TrackingResult) -> dict[str, float]:
    """MOTA, IDF1 and ID switches at IoU >= 0.5 over the tracked frames."""
    accumulator = mm.MOTAccumulator(auto_id=False)
    tracked = {out.track_id: boxes_by_frame(out) for out in result.tracks}
    for frame in range(result.start_frame, result.end_frame + 1):
        truth = scene.boxes_on(frame)
        found = {tid: boxes[frame] for tid, boxes in tracked.items() if frame in boxes}
        # 1 - IoU, NaN (no match) under 0.5; motmetrics' own iou_matrix needs numpy < 2.
        distances = np.array(
            [
                [1 - iou(t, f) if iou(t, f) >= MATCH_IOU else np.nan for f in found.values()]
                for t in truth.values()
            ]
        ).reshape(len(truth), len(found))
        accumulator.update(list(truth), list(found), distances, frameid=frame)
    metrics = mm.metrics.create().compute(
        accumulator, metrics=["mota", "idf1", "num_switches"], name="scene"
    )
    return {key: float(value) for key, value in metrics.loc["scene"].items()}


# --- tracking by detection -----------------------------------------------------------------


def test_motion_and_bytetrack_score_well_against_the_ground_truth(
    scene: Scene, by_detection: TrackingResult
) -> None:
    summary = mot_summary(scene, by_detection)

    assert summary["mota"] >= MOTA_MIN
    assert summary["idf1"] >= IDF1_MIN
    assert summary["num_switches"] <= SWITCHES_MAX
    assert (by_detection.tracker, by_detection.detector) == ("bytetrack", "motion")
    assert by_detection.frames_processed == 96


def test_the_crossing_objects_keep_their_identities(
    scene: Scene, by_detection: TrackingResult
) -> None:
    before, after = range(15, 40), range(60, 96)

    green = matching_track(scene, GREEN, before, by_detection)
    blue = matching_track(scene, BLUE, before, by_detection)

    assert green != blue
    assert matching_track(scene, GREEN, after, by_detection) == green
    assert matching_track(scene, BLUE, after, by_detection) == blue


def test_tracks_are_numbered_by_first_appearance_with_mean_confidence(
    by_detection: TrackingResult,
) -> None:
    firsts = [out.boxes[0].frame for out in by_detection.tracks]

    assert [out.track_id for out in by_detection.tracks] == list(range(1, 4))
    assert firsts == sorted(firsts)
    for out in by_detection.tracks:
        assert out.label == "object"
        assert out.confidence == pytest.approx(np.mean([b.confidence for b in out.boxes]))
        assert [b.frame for b in out.boxes] == sorted({b.frame for b in out.boxes})


@pytest.mark.parametrize("object_id", [TOP, GREEN, BLUE])
def test_each_track_as_a_sequence_reproduces_the_object(
    scene: Scene, by_detection: TrackingResult, object_id: int
) -> None:
    track_id = matching_track(scene, object_id, range(96), by_detection)
    out = next(o for o in by_detection.tracks if o.track_id == track_id)
    frames = [b.frame for b in out.boxes]
    boxes = [Box(b.frame, b.x, b.y, b.w, b.h, keyframe=False) for b in out.boxes]

    sequence = sequence_from_track(frames, boxes, tolerance_px=1.0)

    assert len(sequence.keyframes) <= len(frames)
    checked = 0
    for frame, truth in scene.truth[object_id].items():
        shown = box_at(sequence, frame)
        if shown is not None and in_the_clear(scene, object_id, frame):
            assert iou(truth, (shown.x, shown.y, shown.w, shown.h)) >= SEQUENCE_IOU_MIN, frame
            checked += 1
    assert checked >= 60


def test_the_hidden_object_keeps_its_track_and_is_hidden_in_the_gap(
    scene: Scene, by_detection: TrackingResult
) -> None:
    hidden = scene.objects[TOP - 1].hidden
    assert hidden == (62, 69)
    track_id = matching_track(scene, TOP, range(30, 62), by_detection)
    assert matching_track(scene, TOP, range(70, 96), by_detection) == track_id
    out = next(o for o in by_detection.tracks if o.track_id == track_id)

    sequence = sequence_from_track(
        [b.frame for b in out.boxes], [Box(b.frame, b.x, b.y, b.w, b.h, False) for b in out.boxes]
    )

    assert all(box_at(sequence, frame) is None for frame in range(62, 70))
    assert box_at(sequence, 61) is not None and box_at(sequence, 70) is not None


def test_tracking_reports_detecting_then_tracking(models: ModelManager, scene: Scene) -> None:
    reports = Reports()

    result = track(models, scene, reports, start_frame=60, end_frame=75)

    stages = [stage for stage, _ in reports.reports]
    assert set(stages[:-2]) == {"detecting"}
    assert reports.reports[-3:] == [("detecting", 100.0), ("tracking", 0.0), ("tracking", 100.0)]
    assert (result.start_frame, result.end_frame, result.frames_processed) == (60, 75, 16)
    assert all(60 <= b.frame <= 75 for out in result.tracks for b in out.boxes)


# --- single-object trackers ----------------------------------------------------------------


def seeded(
    models: ModelManager, scene: Scene, tracker: str, object_id: int, first: int, last: int
) -> TrackingResult:
    x, y, w, h = scene.truth[object_id][first]
    seed = {"frame": first, "x": x, "y": y, "w": w, "h": h}
    return track(
        models, scene, start_frame=first, end_frame=last, box=seed, tracker=tracker, label="car"
    )


def test_csrt_follows_the_seeded_object_on_every_frame(models: ModelManager, scene: Scene) -> None:
    reports = Reports()
    x, y, w, h = scene.truth[BLUE][10]
    seed = {"frame": 10, "x": x, "y": y, "w": w, "h": h}

    result = track(models, scene, reports, start_frame=5, end_frame=95, box=seed)

    assert (result.tracker, result.detector) == ("csrt", None)
    (out,) = result.tracks
    assert (out.track_id, out.label) == (1, "object")
    found = boxes_by_frame(out)
    assert sorted(found) == list(range(10, 96))
    assert found[10] == (x, y, w, h)
    for frame in range(10, 96):
        assert iou(scene.truth[BLUE][frame], found[frame]) >= CSRT_IOU_MIN, frame
    assert reports.reports[-1] == ("tracking", 100.0)


@pytest.mark.parametrize("tracker", ["kcf", "mil"])
def test_kcf_and_mil_follow_a_short_stretch(
    models: ModelManager, scene: Scene, tracker: str
) -> None:
    result = seeded(models, scene, tracker, BLUE, 10, 30)

    (out,) = result.tracks
    assert (result.tracker, out.label, result.frames_processed) == (tracker, "car", 21)
    found = boxes_by_frame(out)
    assert found
    for frame, box in found.items():
        assert iou(scene.truth[BLUE][frame], box) >= FAST_TRACKER_IOU_MIN, frame


def test_an_unknown_tracker_algorithm_is_named(scene: Scene) -> None:
    boosting = ModelOption(
        "single_object_tracking", "boosting", "opencv-tracker", {"algorithm": "boosting"}
    )
    base = load_model_config()
    options = {task: dict(named) for task, named in base.options.items()}
    options["single_object_tracking"]["boosting"] = boosting
    models = ModelManager(ModelConfig(base.source, options, dict(base.selected)), "cpu", 1 << 30)

    assert opencv_trackers.unavailable(boosting) == (
        "unknown tracker algorithm 'boosting'; choose one of csrt, kcf, mil"
    )
    with pytest.raises(ModelFailed, match="unknown tracker algorithm 'boosting'"):
        seeded(models, scene, "boosting", BLUE, 10, 12)


# --- bad requests --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"start_frame": 20, "end_frame": 10}, "end_frame 10 is before start_frame 20"),
        ({"start_frame": 0, "end_frame": 96}, "end_frame 96 is outside the video"),
        (
            {
                "start_frame": 20,
                "end_frame": 30,
                "box": {"frame": 5, "x": 1, "y": 1, "w": 9, "h": 9},
            },
            "seed box is on frame 5, outside the tracked range 20 to 30",
        ),
        (
            {
                "start_frame": 0,
                "end_frame": 5,
                "box": {"frame": 0, "x": 700, "y": 1, "w": 9, "h": 9},
            },
            "is outside the 640x360 frame",
        ),
        ({"start_frame": 0, "end_frame": 5, "detector": "cars"}, "no detection option named"),
    ],
)
def test_impossible_requests_are_refused(
    models: ModelManager, scene: Scene, options: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        track(models, scene, **options)
