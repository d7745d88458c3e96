"""Detectors built into OpenCV, so nothing is downloaded: HOG people, MOG2 motion, cascades.

    load_hog       people: HOG features + the linear SVM OpenCV ships (INRIA), label "person"
    load_motion    whatever moves against a still background: MOG2 background subtraction,
                   label "object"; it must see ``history_frames`` frames before the first
                   wanted one to know the background
    load_cascade   faces with a Haar or LBP cascade XML file, label "face"; this OpenCV build
                   ships no cascade files, so the option is unavailable until ``cascade`` names
                   one that exists
    unavailable    why an option of these backends cannot load here, or None

Each detector analyses a copy of the frame scaled down to at most ``max_width_px`` wide (for
speed) and maps its boxes back to video pixels, clipped to the frame. Option parameters are
checked when the option loads; a wrong one fails the load with a message naming it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cv2
import cv2.data
import numpy as np
from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt, PositiveFloat, PositiveInt

from fovea.inference.backends.base import Detection, Image

if TYPE_CHECKING:
    from fovea.inference.registry import ModelOption

HOG_MARGIN_AT_HALF = 0.5
"""SVM margin that maps to confidence 0.5; OpenCV's own hit threshold is margin 0."""
HOG_SLOPE = 3.0
"""Steepness of the logistic squashing HOG margins: margin 0 -> 0.18, 1 -> 0.82, 2 -> 0.99."""
HOG_TRIM_X = 12 / 64
HOG_TRIM_Y = 16 / 128
"""The people detector's 64x128 window holds a person about 40x96 px, centred (INRIA
training crops): the share of the window's width and height trimmed from each side so the
box fits the person rather than the window."""
MOTION_SHADOW = 127
"""MOG2 marks shadows 127 and foreground 255: shadows are not objects."""
MOTION_PRIMING_STEPS = 10
"""How often the median background is fed to a fresh MOG2 model before the real frames."""


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = ""


class HogParams(_Params):
    max_width_px: PositiveInt = 960
    win_stride_px: PositiveInt = 8
    padding_px: NonNegativeInt = 8
    scale: float = Field(1.05, gt=1.0, description="Image pyramid step.")
    nms_iou: float = Field(0.4, gt=0.0, le=1.0)


class MotionParams(_Params):
    min_area_px: PositiveInt = Field(150, description="Smallest object, in video pixels.")
    max_width_px: PositiveInt = 640
    history_frames: PositiveInt = 30
    var_threshold: PositiveFloat = Field(50.0, description="MOG2 squared distance threshold.")
    background_frames: PositiveInt = Field(300, description="MOG2 history (learning rate).")
    max_area_fraction: float = Field(
        0.5, gt=0.0, le=1.0, description="Larger blobs are lighting or camera motion."
    )


class CascadeParams(_Params):
    cascade: str = Field(min_length=1)
    label: str = "face"
    max_width_px: PositiveInt = 960
    scale_factor: float = Field(1.1, gt=1.0)
    min_neighbors: PositiveInt = 5


# --- loaders -------------------------------------------------------------------------------


def load_hog(option: ModelOption, device: str) -> HogPeopleDetector:
    return HogPeopleDetector(HogParams.model_validate(option.params))


def load_motion(option: ModelOption, device: str) -> MotionDetector:
    return MotionDetector(MotionParams.model_validate(option.params))


def load_cascade(option: ModelOption, device: str) -> CascadeDetector:
    params = CascadeParams.model_validate(option.params)
    path = cascade_path(params.cascade)
    if path is None:
        raise ValueError(_missing_cascade(params.cascade))
    return CascadeDetector(path, params)


def unavailable(option: ModelOption) -> str | None:
    """Why ``option`` cannot load here: only a cascade file that is not there."""
    if option.backend != "opencv-cascade":
        return None
    name = option.params.get("cascade")
    if not isinstance(name, str) or not name:
        return "the option needs `cascade`: the path of a Haar or LBP cascade XML file"
    return None if cascade_path(name) is not None else _missing_cascade(name)


def cascade_path(name: str) -> Path | None:
    """The cascade file ``name`` names: an absolute path, or a file of cv2.data.haarcascades."""
    path = Path(name)
    candidate = path if path.is_absolute() else Path(cv2.data.haarcascades) / path
    return candidate if candidate.is_file() else None


def _missing_cascade(name: str) -> str:
    shipped = sorted(Path(cv2.data.haarcascades).glob("*.xml"))
    where = (
        "this OpenCV build ships no cascade files (cv2.data.haarcascades holds none)"
        if not shipped
        else f"it is not one of the {len(shipped)} files in cv2.data.haarcascades"
    )
    return (
        f"the cascade file {name!r} is not available: {where}; set `cascade` to the absolute "
        "path of a cascade XML file"
    )


# --- detectors -----------------------------------------------------------------------------


class HogPeopleDetector:
    """People by HOG + linear SVM over an image pyramid; stateless.

    Confidence squashes the SVM margin (the weight ``detectMultiScale`` returns) with a
    logistic: ``1 / (1 + exp(-HOG_SLOPE * (margin - HOG_MARGIN_AT_HALF)))``.
    """

    model = "opencv-hog-people"
    history_frames = 0

    def __init__(self, params: HogParams) -> None:
        self.params = params
        self._hog = cv2.HOGDescriptor()
        self._hog.setSVMDetector(np.asarray(cv2.HOGDescriptor.getDefaultPeopleDetector()))

    def detect(
        self, frames: Iterable[tuple[int, Image]], wanted: set[int], threshold: float
    ) -> Iterator[tuple[int, list[Detection]]]:
        for index, image in _wanted_only(frames, wanted):
            yield index, self._detect_one(image, threshold)

    def _detect_one(self, image: Image, threshold: float) -> list[Detection]:
        p = self.params
        small, scale_xy = analysis_image(image, p.max_width_px)
        window_w, window_h = self._hog.winSize
        if small.shape[1] < window_w or small.shape[0] < window_h:
            return []  # no person of a size the window can see fits (and OpenCV would fail)
        rects, margins = self._hog.detectMultiScale(
            small,
            winStride=(p.win_stride_px, p.win_stride_px),
            padding=(p.padding_px, p.padding_px),
            scale=p.scale,
        )
        candidates = [
            (_trimmed(tuple(int(v) for v in rect)), _squashed(float(margin)))
            for rect, margin in zip(rects, np.ravel(margins), strict=True)
        ]
        kept = nms([c for c in candidates if c[1] >= threshold], p.nms_iou)
        return _in_video(kept, scale_xy, _size_wh(image), "person")


class MotionDetector:
    """Moving things by MOG2 background subtraction; state lives inside one ``detect`` call.

    MOG2 learns the background as it goes, so whatever stands in the first frame it sees
    becomes background and leaves a "ghost" blob behind once it moves away. The model is
    therefore primed with the per-pixel median of the first ``history_frames`` frames of the
    call (the background without the objects passing through it), then sees every frame in
    order at a steady learning rate of 1 / ``background_frames`` (MOG2 would otherwise learn
    fast over its first frames and soak up a slow object). An object that stands still for
    about a tenth of ``background_frames`` fades into the background. The foreground mask
    (shadows dropped) is opened (speckles out) and closed (holes filled), and each connected
    blob of at least ``min_area_px`` is a box.

    Confidence is the blob's share of its box: a solid moving object scores near 1, a ragged
    blob of noise, or a mask torn by a background of the object's colour, scores low.
    """

    model = "opencv-mog2-motion"
    class_agnostic = True  # every box is an "object": a label query does not filter it

    def __init__(self, params: MotionParams) -> None:
        self.params = params
        self.history_frames = params.history_frames
        self._open = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))
        self._close = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7))

    def detect(
        self, frames: Iterable[tuple[int, Image]], wanted: set[int], threshold: float
    ) -> Iterator[tuple[int, list[Detection]]]:
        if not wanted:
            return
        analysed = (self._analysed(index, image) for index, image in frames)
        warmup = list(islice(analysed, max(1, self.history_frames)))
        subtractor = self._primed([small for _, small, _, _ in warmup])
        learning_rate = 1.0 / self.params.background_frames
        left = len(wanted)
        for index, small, scale_xy, frame_wh in chain(warmup, analysed):
            if left == 0:
                return
            mask = subtractor.apply(small, learningRate=learning_rate)
            if index in wanted:
                yield index, self._boxes(mask, scale_xy, frame_wh, threshold)
                left -= 1

    def _analysed(self, index: int, image: Image) -> _Analysed:
        small, scale_xy = analysis_image(image, self.params.max_width_px)
        return index, small, scale_xy, (image.shape[1], image.shape[0])

    def _primed(self, smalls: list[Image]) -> cv2.BackgroundSubtractorMOG2:
        p = self.params
        subtractor = cv2.createBackgroundSubtractorMOG2(
            history=p.background_frames, varThreshold=p.var_threshold, detectShadows=True
        )
        if smalls:
            background = np.median(np.stack(smalls), axis=0).astype(np.uint8)
            for _ in range(MOTION_PRIMING_STEPS):
                subtractor.apply(background)
        return subtractor

    def _boxes(
        self,
        mask: Any,
        scale_xy: tuple[float, float],
        frame_wh: tuple[int, int],
        threshold: float,
    ) -> list[Detection]:
        p = self.params
        moving = np.where(np.asarray(mask) > MOTION_SHADOW, 255, 0).astype(np.uint8)
        opened = cv2.morphologyEx(moving, cv2.MORPH_OPEN, self._open)
        foreground = np.asarray(cv2.morphologyEx(opened, cv2.MORPH_CLOSE, self._close))
        count, _, stats, _ = cv2.connectedComponentsWithStats(foreground, connectivity=8)
        min_area = p.min_area_px * scale_xy[0] * scale_xy[1]
        max_area = p.max_area_fraction * foreground.shape[0] * foreground.shape[1]
        found: list[XywhConfidence] = []
        for x, y, w, h, area in np.asarray(stats)[1:count].tolist():  # 0 is the background
            fill = area / (w * h)
            if area >= min_area and w * h <= max_area and fill >= threshold:
                found.append(((x, y, w, h), fill))
        return _in_video(found, scale_xy, frame_wh, "object")


class CascadeDetector:
    """Objects (faces) by a boosted Haar or LBP cascade; stateless.

    Confidence grows with the number of overlapping raw hits merged into a box:
    ``n / (n + min_neighbors)``, so a box just at the ``min_neighbors`` cut scores 0.5.
    """

    history_frames = 0

    def __init__(self, path: Path, params: CascadeParams) -> None:
        self.params = params
        self.model = f"opencv-cascade:{path.stem}"
        self._cascade = cv2.CascadeClassifier(str(path))
        if self._cascade.empty():
            raise ValueError(f"{path.name} is not a cascade file OpenCV can read")

    def detect(
        self, frames: Iterable[tuple[int, Image]], wanted: set[int], threshold: float
    ) -> Iterator[tuple[int, list[Detection]]]:
        for index, image in _wanted_only(frames, wanted):
            yield index, self._detect_one(image, threshold)

    def _detect_one(self, image: Image, threshold: float) -> list[Detection]:
        p = self.params
        small, scale_xy = analysis_image(image, p.max_width_px)
        grey = cv2.equalizeHist(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY))
        rects, neighbours = self._cascade.detectMultiScale2(
            grey, scaleFactor=p.scale_factor, minNeighbors=p.min_neighbors
        )
        found = [
            (tuple(float(v) for v in rect), n / (n + p.min_neighbors))
            for rect, n in zip(rects, np.ravel(neighbours).tolist(), strict=True)
        ]
        return _in_video(
            [f for f in found if f[1] >= threshold], scale_xy, _size_wh(image), p.label
        )


# --- shared pieces -------------------------------------------------------------------------

XywhConfidence = tuple[tuple[float, ...], float]
_Analysed = tuple[int, Image, tuple[float, float], tuple[int, int]]
"""A frame's index, analysis image, scale per axis and video size (width, height)."""


def analysis_image(image: Image, max_width_px: int) -> tuple[Image, tuple[float, float]]:
    """``image`` scaled down to at most ``max_width_px`` wide, and the scale per axis
    (analysis pixels per video pixel)."""
    height, width = image.shape[:2]
    if width <= max_width_px:
        return image, (1.0, 1.0)
    size_wh = (max_width_px, max(1, round(height * max_width_px / width)))
    small = np.asarray(cv2.resize(image, size_wh, interpolation=cv2.INTER_AREA), dtype=np.uint8)
    return small, (size_wh[0] / width, size_wh[1] / height)


def nms(found: list[XywhConfidence], iou: float) -> list[XywhConfidence]:
    """Non-maximum suppression: of boxes overlapping by more than ``iou``, the most confident."""
    if len(found) < 2:
        return found
    boxes = [tuple(float(v) for v in box) for box, _ in found]
    keep = cv2.dnn.NMSBoxes(boxes, [c for _, c in found], 0.0, iou)  # keeps scores > 0
    return [found[int(i)] for i in np.ravel(keep)]


def clipped_detection(
    xywh: tuple[float, ...], frame_wh: tuple[int, int], label: str, confidence: float
) -> Detection | None:
    """The box cut to the frame (video pixels), or None when nothing of it is inside."""
    x, y, w, h = xywh
    left, top = max(0.0, x), max(0.0, y)
    right, bottom = min(float(frame_wh[0]), x + w), min(float(frame_wh[1]), y + h)
    if right - left <= 0 or bottom - top <= 0:
        return None
    return Detection(left, top, right - left, bottom - top, label, min(1.0, max(0.0, confidence)))


def _in_video(
    found: list[XywhConfidence],
    scale_xy: tuple[float, float],
    frame_wh: tuple[int, int],
    label: str,
) -> list[Detection]:
    """Analysis-pixel boxes as detections in video pixels, clipped to the frame."""
    sx, sy = scale_xy
    detections = (
        clipped_detection((x / sx, y / sy, w / sx, h / sy), frame_wh, label, confidence)
        for (x, y, w, h), confidence in found
    )
    return [d for d in detections if d is not None]


def _size_wh(image: Image) -> tuple[int, int]:
    return image.shape[1], image.shape[0]


def _wanted_only(
    frames: Iterable[tuple[int, Image]], wanted: set[int]
) -> Iterator[tuple[int, Image]]:
    """The wanted frames of a stateless detector, stopping once all of them are seen."""
    left = len(wanted)
    if left == 0:
        return
    for index, image in frames:
        if index in wanted:
            yield index, image
            left -= 1
            if left == 0:
                return


def _trimmed(rect: tuple[int, ...]) -> tuple[float, ...]:
    x, y, w, h = rect
    return (
        x + w * HOG_TRIM_X,
        y + h * HOG_TRIM_Y,
        w * (1 - 2 * HOG_TRIM_X),
        h * (1 - 2 * HOG_TRIM_Y),
    )


def _squashed(margin: float) -> float:
    return 1.0 / (1.0 + math.exp(-HOG_SLOPE * (margin - HOG_MARGIN_AT_HALF)))
