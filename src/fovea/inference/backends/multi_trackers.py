"""Tracking by detection: ByteTrack (the ``trackers`` library) over per-frame detections.

    load_bytetrack   a ``MultiObjectTracker``; the option's parameters are ByteTrack's own
                     (lost_track_buffer, track_activation_threshold, minimum_consecutive_frames,
                     minimum_iou_threshold, high_conf_det_threshold)

ByteTrack associates boxes by overlap with Kalman-predicted tracks in two stages (confident
detections first, then the weak ones to keep tracks alive). It is class-agnostic: a track's
label is the label most of its boxes carry. Each box of a track is the detection matched on
that frame, with that detection's confidence; frames where the tracker only predicted the
object (no detection matched) are left out, so gaps in a track are frames where it was lost.
A track gets its id once it has been matched ``minimum_consecutive_frames`` times in a row;
the frames before that are not part of it. Every ``track`` call starts a fresh tracker.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import supervision as sv
from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt, PositiveInt
from trackers import ByteTrackTracker

from fovea.inference.backends.base import Detection, Track, TrackedBox

if TYPE_CHECKING:
    from fovea.inference.registry import ModelOption


class ByteTrackParams(BaseModel):
    """The option's parameters, with ByteTrack's defaults (``lost_track_buffer`` counts
    frames at 30 fps; ByteTrack rescales it to the video's rate)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = ""
    lost_track_buffer: NonNegativeInt = 30
    track_activation_threshold: float = Field(0.7, ge=0.0, le=1.0)
    minimum_consecutive_frames: PositiveInt = 2
    minimum_iou_threshold: float = Field(0.1, ge=0.0, le=1.0)
    high_conf_det_threshold: float = Field(0.6, ge=0.0, le=1.0)


def load_bytetrack(option: ModelOption, device: str) -> ByteTrack:
    return ByteTrack(ByteTrackParams.model_validate(option.params))


class ByteTrack:
    """A ``MultiObjectTracker``: ``track(detections, fps)`` -> tracks, each call independent."""

    model = "bytetrack"

    def __init__(self, params: ByteTrackParams) -> None:
        self.params = params

    def track(self, detections: Iterable[tuple[int, list[Detection]]], fps: float) -> list[Track]:
        """Tracks over ``detections`` (frame, boxes) in frame order; ``fps`` of the video.

        Frames are stamped ``frame / fps`` seconds so the Kalman filter steps over frames
        that are missing from ``detections`` rather than treating them as one frame apart.
        """
        settings = self.params.model_dump(exclude={"description"})
        tracker = ByteTrackTracker(frame_rate=fps, **settings)
        labels: list[str] = []
        boxes_of: dict[int, list[TrackedBox]] = {}
        labels_of: dict[int, Counter[str]] = {}
        for frame, found in detections:
            result = tracker.update(_as_supervision(found, labels), timestamp=frame / fps)
            for track_id, box, confidence, class_id in _rows(result):
                boxes_of.setdefault(track_id, []).append(TrackedBox(frame, *box, confidence))
                labels_of.setdefault(track_id, Counter())[labels[class_id]] += 1
        return [
            Track(track_id, labels_of[track_id].most_common(1)[0][0], boxes)
            for track_id, boxes in boxes_of.items()
        ]


def _as_supervision(found: list[Detection], labels: list[str]) -> sv.Detections:
    """``found`` as supervision detections; ``labels`` grows to index every label seen."""
    if not found:
        return sv.Detections.empty()
    for detection in found:
        if detection.label not in labels:
            labels.append(detection.label)
    return sv.Detections(
        xyxy=np.array([(d.x, d.y, d.x + d.w, d.y + d.h) for d in found], dtype=np.float64),
        confidence=np.array([d.confidence for d in found], dtype=np.float64),
        class_id=np.array([labels.index(d.label) for d in found], dtype=np.int64),
    )


def _rows(
    result: sv.Detections,
) -> list[tuple[int, tuple[float, float, float, float], float, int]]:
    """(track id, xywh, confidence, class id) of each detection the tracker assigned."""
    if len(result) == 0 or result.tracker_id is None:
        return []
    rows = []
    count = len(result)
    confidences = result.confidence if result.confidence is not None else np.ones(count)
    class_ids = result.class_id if result.class_id is not None else np.zeros(count, np.int64)
    columns = (result.xyxy, result.tracker_id, confidences, class_ids)
    for xyxy, track_id, confidence, class_id in zip(*(c.tolist() for c in columns), strict=True):
        if track_id < 0:
            continue  # not (yet) part of a confirmed track
        x1, y1, x2, y2 = xyxy
        rows.append((int(track_id), (x1, y1, x2 - x1, y2 - y1), float(confidence), int(class_id)))
    return rows
