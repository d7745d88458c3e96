"""The ONNX YOLO backend, on tiny YOLO-shaped ONNX models each test builds with ``onnx.helper``.

A model's output is ``C + max(input) * D``: constant box coordinates (in input pixels) and
class scores scaled by the brightest input value, so the answer depends on the picture (a
white frame gives the scores as written, a black one 114/255 of them: only the letterbox
padding is bright). The candidates are chosen so each step shows: a duplicate of the best box
that NMS removes, the same box in another class that class-aware NMS keeps, a box under the
threshold, a box reaching into the padding that must be clipped to the frame, and empty
candidates. Videos are 640x360 into a 320 px input: scale 0.5, 70 px of padding above and
below, so input (cx, cy, w, h) maps to video x = (cx - w/2) * 2, y = (cy - h/2 - 70) * 2.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import replace
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from fovea.errors import ModelFailed
from fovea.inference.backends import onnx_yolo
from fovea.inference.backends.base import Detection
from fovea.inference.contract import DetectionResult, DetectionSpec, NoProgress, VideoRef
from fovea.inference.registry import ModelConfig, ModelManager, ModelOption, load_model_config
from fovea.inference.tasks.detect import run_detection
from tests.inference.scenes import write_video

INPUT_PX = 320
LABELS = ["person", "car", "dog"]
CANDIDATES = 16  # more than 4 + classes, so "auto" can tell the attribute axis
# (cx, cy, w, h) in input pixels, class id, score on a white frame
BOXES = [
    ((160.0, 160.0, 40.0, 20.0), 0, 0.9),  # person A
    ((162.0, 160.0, 40.0, 20.0), 0, 0.8),  # a duplicate of A: suppressed
    ((160.0, 160.0, 40.0, 20.0), 1, 0.7),  # a car on A: another class, kept
    ((60.0, 100.0, 30.0, 30.0), 2, 0.2),  # a dog under the threshold
    ((300.0, 80.0, 60.0, 40.0), 0, 0.6),  # a person reaching into the padding: clipped
]
PERSON_A = (280.0, 160.0, 80.0, 40.0)  # in video pixels
CAR_A = PERSON_A
CLIPPED = (540.0, 0.0, 100.0, 60.0)  # x 540..660 -> ..640, y -20..60 -> 0..60
FRAME_WH = (640, 360)


def candidate_rows(objectness: bool) -> tuple[np.ndarray, np.ndarray]:
    """(C, D) as (N, attributes): coordinates [and objectness 1] in C, class scores in D."""
    offset = 5 if objectness else 4
    constant = np.zeros((CANDIDATES, offset + len(LABELS)), np.float32)
    scaled = np.zeros_like(constant)
    for row, (box, class_id, score) in enumerate(BOXES):
        constant[row, :4] = box
        if objectness:
            constant[row, 4] = 1.0
        scaled[row, offset + class_id] = score
    return constant, scaled


def build_model(path: Path, layout: str, *, metadata_labels: bool = False) -> Path:
    """Write a YOLOv8 ([1, 4 + nc, N]) or YOLOv5 ([1, N, 5 + nc]) shaped model to ``path``."""
    constant, scaled = candidate_rows(objectness=layout == "v5")
    if layout == "v8":
        constant, scaled = constant.T, scaled.T
    nodes = [
        helper.make_node("ReduceMax", ["images"], ["brightest"], keepdims=0),
        helper.make_node("Mul", ["D", "brightest"], ["scores"]),
        helper.make_node("Add", ["C", "scores"], ["output0"]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny-yolo",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, INPUT_PX, INPUT_PX])],
        [helper.make_tensor_value_info("output0", TensorProto.FLOAT, [1, *constant.shape])],
        initializer=[
            numpy_helper.from_array(constant[None], "C"),
            numpy_helper.from_array(scaled[None], "D"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    if metadata_labels:
        names = "{" + ", ".join(f"{i}: '{name}'" for i, name in enumerate(LABELS)) + "}"
        helper.set_model_props(model, {"names": names})
    onnx.checker.check_model(model)
    onnx.save(model, path)
    return path


def yolo_option(path: Path, **params: object) -> ModelOption:
    return ModelOption(
        "detection", "yolo", "onnx-yolo", {"path": str(path), "input_size": INPUT_PX, **params}
    )


def loaded(path: Path, **params: object) -> onnx_yolo.YoloDetector:
    return onnx_yolo.load(yolo_option(path, **params), "cpu")


def frame(value: int) -> np.ndarray:
    return np.full((FRAME_WH[1], FRAME_WH[0], 3), value, dtype=np.uint8)


def as_tuples(found: list[Detection]) -> list[tuple[str, tuple[float, ...], float]]:
    return [
        (d.label, tuple(round(v, 3) for v in (d.x, d.y, d.w, d.h)), round(d.confidence, 3))
        for d in found
    ]


@pytest.mark.parametrize("layout", ["v8", "v5"])
def test_boxes_land_on_video_pixels_after_threshold_and_class_aware_nms(
    tmp_path: Path, layout: str
) -> None:
    detector = loaded(build_model(tmp_path / f"{layout}.onnx", layout), labels=LABELS)

    found = detector.detect_image(frame(255), threshold=0.3)

    assert sorted(as_tuples(found)) == sorted(
        [("person", PERSON_A, 0.9), ("car", CAR_A, 0.7), ("person", CLIPPED, 0.6)]
    )


@pytest.mark.parametrize("layout", ["v8", "v5"])
def test_the_layout_can_be_told_without_labels(tmp_path: Path, layout: str) -> None:
    detector = loaded(build_model(tmp_path / f"{layout}.onnx", layout))

    found = detector.detect_image(frame(255), threshold=0.3)

    assert sorted(d.label for d in found) == ["class_0", "class_0", "class_1"]


def test_labels_come_from_the_model_metadata_when_not_given(tmp_path: Path) -> None:
    detector = loaded(build_model(tmp_path / "named.onnx", "v8", metadata_labels=True))

    assert detector.labels == LABELS


def test_scores_follow_the_picture_and_the_threshold(tmp_path: Path) -> None:
    detector = loaded(build_model(tmp_path / "v8.onnx", "v8"), labels=LABELS)
    dim = 114 / 255  # a black frame: only the padding is bright

    on_black = detector.detect_image(frame(0), threshold=0.3)
    on_white_strict = detector.detect_image(frame(255), threshold=0.75)

    assert sorted(as_tuples(on_black)) == sorted(
        [("person", PERSON_A, round(0.9 * dim, 3)), ("car", CAR_A, round(0.7 * dim, 3))]
    )
    assert as_tuples(on_white_strict) == [("person", PERSON_A, 0.9)]


def test_labels_that_do_not_fit_the_output_fail_clearly(tmp_path: Path) -> None:
    detector = loaded(build_model(tmp_path / "v8.onnx", "v8"), labels=["person", "car"])

    with pytest.raises(ValueError, match="fits neither YOLOv8"):
        detector.detect_image(frame(255), threshold=0.3)


def test_memory_is_the_file_size_and_the_model_is_named_after_it(tmp_path: Path) -> None:
    path = build_model(tmp_path / "tiny-yolo.onnx", "v8")

    detector = loaded(path)

    assert detector.memory_bytes == path.stat().st_size
    assert detector.model == "onnx-yolo:tiny-yolo"
    assert detector.history_frames == 0


# --- through the model manager and the detection task -------------------------------------


def manager_with(option: ModelOption) -> ModelManager:
    base = load_model_config()
    options = {task: dict(named) for task, named in base.options.items()}
    options["detection"][option.name] = option
    return ModelManager(ModelConfig(base.source, options, dict(base.selected)), "cpu", 1 << 30)


def detect(models: ModelManager, path: Path, **options: object) -> DetectionResult:
    spec = DetectionSpec.model_validate(
        {"video_id": uuid.uuid4(), "video": VideoRef(uri=str(path)), "detector": "yolo", **options}
    )
    return asyncio.run(run_detection(spec, NoProgress(), models))


@pytest.fixture
def white_video(tmp_path: Path) -> Path:
    path = tmp_path / "white.mp4"
    write_video(path, iter([frame(255)] * 6), FRAME_WH, 25)
    return path


def test_the_detection_task_runs_a_yolo_option_and_filters_by_query(
    tmp_path: Path, white_video: Path
) -> None:
    option = yolo_option(build_model(tmp_path / "v5.onnx", "v5"), labels=LABELS)
    models = manager_with(option)

    result = detect(models, white_video, frames=[2, 4], query=["Car"])

    assert result.model == "onnx-yolo:v5"
    assert [(box.frame, box.label) for box in result.boxes] == [(2, "car"), (4, "car")]
    box = result.boxes[0]
    assert (box.x, box.y, box.w, box.h) == pytest.approx(CAR_A, abs=1e-3)
    assert box.confidence == pytest.approx(0.7, abs=0.01)  # H.264 white is 254 or 255


def test_a_missing_model_file_is_unavailable_and_fails_to_load(
    tmp_path: Path, white_video: Path
) -> None:
    option = yolo_option(tmp_path / "missing.onnx", labels=LABELS)
    models = manager_with(option)

    reason = models.unavailable_reason(option)

    assert reason is not None and "missing.onnx does not exist" in reason
    with pytest.raises(ModelFailed, match="'yolo' is unavailable: the model file"):
        detect(models, white_video, frames=[0])


def test_an_option_without_a_path_is_unavailable(tmp_path: Path) -> None:
    option = replace(yolo_option(tmp_path / "x.onnx"), params={"labels": LABELS})

    assert onnx_yolo.unavailable(option) == "the option needs `path`: the YOLO ONNX file to load"
