"""Any YOLO-family object detector exported to ONNX, run with onnxruntime.

    load          a ``Detector`` for the file at ``path``; parameters: ``labels`` (class names
                  in output order; unset: the ``names`` an Ultralytics export stores in its
                  metadata, else ``class_0``...), ``input_size`` (default 640), ``providers``
                  (onnxruntime execution providers; unset: CUDA when the device is "cuda" and
                  onnxruntime has it, else the CPU), ``layout`` ("auto", "v8" or "v5"),
                  ``nms_iou`` (default 0.45)
    unavailable   says so when the file does not exist

A frame is letterboxed into the square input (scaled to fit, aspect kept, padded grey 114
around), as RGB floats in 0..1, NCHW. Two output layouts are read:

- YOLOv8/v11 ``[1, 4 + nc, N]``: per candidate cx, cy, w, h (input pixels), then nc class
  scores; the confidence is the best class score;
- YOLOv5 ``[1, N, 5 + nc]``: cx, cy, w, h, objectness, then nc class probabilities; the
  confidence is objectness times the best class probability.

"auto" takes v8 when the first axis is 4 + nc and v5 when the last is 5 + nc (with nc from
the labels), or, with no labels, whichever axis is the shorter as the attribute axis.
Candidates under the threshold go, class-aware non-maximum suppression keeps the best of
overlapping boxes of one class, and the letterbox is undone so boxes are video pixels,
clipped to the frame. Filtering by label (a query) is the task's business, not this one's.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import cv2
import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from pydantic import BaseModel, ConfigDict, Field, PositiveInt

from fovea.inference.backends.base import Detection, Image
from fovea.inference.backends.opencv_detectors import clipped_detection

if TYPE_CHECKING:
    from fovea.inference.registry import ModelOption

FloatArray = npt.NDArray[np.float32]
PAD_GREY = 114
"""The padding value YOLO models are trained with."""


class YoloParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = ""
    path: str = Field(min_length=1)
    labels: list[str] = Field(default_factory=list)
    input_size: PositiveInt = 640
    providers: list[str] | None = None
    layout: Literal["auto", "v8", "v5"] = "auto"
    nms_iou: float = Field(0.45, gt=0.0, le=1.0)


def unavailable(option: ModelOption) -> str | None:
    path = option.params.get("path")
    if not isinstance(path, str) or not path:
        return "the option needs `path`: the YOLO ONNX file to load"
    if not Path(path).expanduser().is_file():
        return f"the model file {path} does not exist"
    return None


def load(option: ModelOption, device: str) -> YoloDetector:
    params = YoloParams.model_validate(option.params)
    path = Path(params.path).expanduser()
    session = ort.InferenceSession(str(path), providers=_providers(params.providers, device))
    return YoloDetector(session, params, path)


def _providers(wanted: list[str] | None, device: str) -> list[str]:
    if wanted:
        return wanted
    if device == "cuda" and "CUDAExecutionProvider" in ort.get_available_providers():
        return ["CUDAExecutionProvider", "CPUExecutionProvider"]
    return ["CPUExecutionProvider"]


@dataclass(frozen=True)
class Letterbox:
    """How a frame sits in the model input: input px = video px * scale + pad, per axis."""

    scale_xy: tuple[float, float]
    pad_xy: tuple[int, int]


class YoloDetector:
    """A stateless ``Detector`` over one onnxruntime session."""

    history_frames = 0

    def __init__(self, session: Any, params: YoloParams, path: Path) -> None:
        self.params = params
        self.model = f"onnx-yolo:{path.stem}"
        self.memory_bytes = path.stat().st_size
        self._session = session
        model_input = session.get_inputs()[0]
        self._input_name: str = model_input.name
        self._input_dtype = np.float16 if model_input.type == "tensor(float16)" else np.float32
        fixed = [d for d in model_input.shape[2:] if isinstance(d, int)]
        if fixed and fixed != [params.input_size] * len(fixed):
            raise ValueError(
                f"the model takes {fixed} px input but input_size is {params.input_size}"
            )
        self.labels = params.labels or _metadata_labels(session)

    def detect(
        self, frames: Iterable[tuple[int, Image]], wanted: set[int], threshold: float
    ) -> Iterator[tuple[int, list[Detection]]]:
        left = len(wanted)
        for index, image in frames:
            if left == 0:
                return
            if index in wanted:
                yield index, self.detect_image(image, threshold)
                left -= 1

    def detect_image(self, image: Image, threshold: float) -> list[Detection]:
        """Detections on one BGR frame, video pixels, confidence at least ``threshold``."""
        blob, box = letterboxed(image, self.params.input_size)
        output = self._session.run(None, {self._input_name: blob.astype(self._input_dtype)})[0]
        cxcywh, scores, class_ids = decoded(
            np.asarray(output, dtype=np.float32), self.params.layout, len(self.labels)
        )
        keep = scores >= threshold
        cxcywh, scores, class_ids = cxcywh[keep], scores[keep], class_ids[keep]
        xywh = _in_video_xywh(cxcywh, box)
        kept = _class_aware_nms(xywh, scores, class_ids, self.params.nms_iou)
        frame_wh = (image.shape[1], image.shape[0])
        detections = (
            clipped_detection(
                tuple(xywh[i].tolist()), frame_wh, self._label(int(class_ids[i])), float(scores[i])
            )
            for i in kept
        )
        return [d for d in detections if d is not None]

    def _label(self, class_id: int) -> str:
        return self.labels[class_id] if class_id < len(self.labels) else f"class_{class_id}"


def letterboxed(image: Image, size_px: int) -> tuple[FloatArray, Letterbox]:
    """The (1, 3, size, size) RGB 0..1 input for a BGR frame, and where the frame sits in it."""
    height, width = image.shape[:2]
    scale = min(size_px / width, size_px / height)
    new_w, new_h = max(1, round(width * scale)), max(1, round(height * scale))
    pad_x, pad_y = (size_px - new_w) // 2, (size_px - new_h) // 2
    canvas = np.full((size_px, size_px, 3), PAD_GREY, dtype=np.uint8)
    resized = cv2.resize(image, (new_w, new_h), interpolation=cv2.INTER_LINEAR)
    canvas[pad_y : pad_y + new_h, pad_x : pad_x + new_w] = resized
    rgb = canvas[:, :, ::-1].transpose(2, 0, 1)[None].astype(np.float32) / 255.0
    return rgb, Letterbox((new_w / width, new_h / height), (pad_x, pad_y))


def decoded(
    output: FloatArray, layout: str, label_count: int
) -> tuple[FloatArray, FloatArray, npt.NDArray[np.int64]]:
    """(cx, cy, w, h) rows in input pixels, confidences and class ids of every candidate."""
    if output.ndim != 3 or output.shape[0] != 1:
        raise ValueError(f"expected a YOLO output of shape [1, a, b], got {list(output.shape)}")
    predictions = output[0]
    chosen = layout if layout != "auto" else _guessed_layout(predictions.shape, label_count)
    if chosen == "v8":
        rows = predictions.T
        class_scores = rows[:, 4:]
    else:
        rows = predictions
        class_scores = rows[:, 5:] * rows[:, 4:5]
    if class_scores.shape[1] == 0:
        raise ValueError(f"the {chosen} output {list(output.shape)} has no class scores")
    class_ids = np.argmax(class_scores, axis=1)
    scores = class_scores[np.arange(len(rows)), class_ids]
    return rows[:, :4], scores, class_ids.astype(np.int64)


def _guessed_layout(shape: tuple[int, ...], label_count: int) -> str:
    first, last = shape
    if label_count:
        if first == 4 + label_count:
            return "v8"
        if last == 5 + label_count:
            return "v5"
        raise ValueError(
            f"the output [1, {first}, {last}] fits neither YOLOv8 [1, 4 + nc, N] nor YOLOv5 "
            f"[1, N, 5 + nc] for the {label_count} labels given"
        )
    return "v8" if first < last else "v5"


def _in_video_xywh(cxcywh: FloatArray, box: Letterbox) -> FloatArray:
    """Top-left boxes in video pixels from centre boxes in input pixels (letterbox undone)."""
    (sx, sy), (px, py) = box.scale_xy, box.pad_xy
    xywh = np.empty_like(cxcywh)
    xywh[:, 0] = (cxcywh[:, 0] - cxcywh[:, 2] / 2 - px) / sx
    xywh[:, 1] = (cxcywh[:, 1] - cxcywh[:, 3] / 2 - py) / sy
    xywh[:, 2] = cxcywh[:, 2] / sx
    xywh[:, 3] = cxcywh[:, 3] / sy
    return xywh


def _class_aware_nms(
    xywh: FloatArray, scores: FloatArray, class_ids: npt.NDArray[np.int64], iou: float
) -> list[int]:
    """Indices kept by non-maximum suppression within each class, best first."""
    if len(scores) == 0:
        return []
    kept = cv2.dnn.NMSBoxesBatched(xywh.tolist(), scores.tolist(), class_ids.tolist(), 0.0, iou)
    return [int(i) for i in np.ravel(kept)]


def _metadata_labels(session: Any) -> list[str]:
    """Class names an Ultralytics export keeps in its metadata (``{0: 'person', ...}``)."""
    names = session.get_modelmeta().custom_metadata_map.get("names")
    if not names:
        return []
    try:
        parsed = ast.literal_eval(names)
    except (ValueError, SyntaxError):
        return []
    if not isinstance(parsed, dict):
        return []
    return [str(parsed[key]) for key in sorted(parsed)]
