"""Value types for one annotation's bounding boxes over time.

Everything here is an immutable value: functions elsewhere in the domain take
these and return new ones. Constructing a value does not validate it, because
importers must be able to hold a malformed sequence long enough to report all
of its problems precisely (see ``validation.validate``) or to repair it (see
``sequences.clip_to_frame``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, TypeGuard, get_args

import numpy as np
import numpy.typing as npt

InterpolationMode = Literal["linear", "ease-in", "ease-out", "ease-in-out", "hold", "bezier"]
"""How values move from one keyframe to the next (see ``easing.ease``)."""

INTERPOLATION_MODES: Final[tuple[InterpolationMode, ...]] = get_args(InterpolationMode)

BezierControlPoints = tuple[float, float, float, float]
"""CSS ``cubic-bezier(x1, y1, x2, y2)`` control points; the curve runs (0,0) to (1,1)."""


def is_interpolation_mode(value: object) -> TypeGuard[InterpolationMode]:
    """Tell whether ``value`` names one of the six interpolation modes."""
    return isinstance(value, str) and value in INTERPOLATION_MODES


@dataclass(frozen=True, slots=True)
class Keyframe:
    """A box the annotator placed on ``frame``; x/y top-left, w/h size, video pixels."""

    frame: int
    x: float
    y: float
    w: float
    h: float
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """The easing used between the keyframes at ``start_frame`` and ``end_frame``.

    A segment must span two consecutive keyframes exactly; a pair of keyframes
    without a segment interpolates linearly. ``bezier`` is set iff ``mode`` is
    ``"bezier"``.
    """

    start_frame: int
    end_frame: int
    mode: InterpolationMode = "linear"
    bezier: BezierControlPoints | None = None


@dataclass(frozen=True, slots=True)
class VisibleRange:
    """Frames ``start_frame`` to ``end_frame`` (both inclusive) where the object is visible."""

    start_frame: int
    end_frame: int


@dataclass(frozen=True, slots=True)
class Sequence:
    """One annotation's boxes over time.

    ``keyframes`` are ordered by frame. ``visible`` lists sorted, disjoint
    ranges; an empty tuple means "visible from the first to the last keyframe",
    the same meaning a wire document without a ``visible`` key has, so that the
    default value is a usable, valid sequence.
    """

    keyframes: tuple[Keyframe, ...]
    segments: tuple[Segment, ...] = ()
    visible: tuple[VisibleRange, ...] = ()


def visible_ranges(seq: Sequence) -> tuple[VisibleRange, ...]:
    """The ranges where ``seq`` is visible, with the empty default made explicit."""
    if seq.visible or not seq.keyframes:
        return seq.visible
    return (VisibleRange(seq.keyframes[0].frame, seq.keyframes[-1].frame),)


@dataclass(frozen=True, slots=True)
class Box:
    """The box shown on ``frame``; ``keyframe`` is True when it was placed, not interpolated."""

    frame: int
    x: float
    y: float
    w: float
    h: float
    keyframe: bool


# eq=False: dataclass equality would compare numpy arrays with ``==`` and fail on truthiness.
@dataclass(frozen=True, slots=True, eq=False)
class BoxArrays:
    """Many boxes in columnar form, as produced by ``sequences.expand``.

    ``frames`` is int64 of shape (n,), ``xywh`` float64 of shape (n, 4) and
    ``keyframe`` bool of shape (n,). Row i of each array describes one box.
    """

    frames: npt.NDArray[np.int64]
    xywh: npt.NDArray[np.float64]
    keyframe: npt.NDArray[np.bool_]

    def __len__(self) -> int:
        return int(self.frames.shape[0])

    def to_boxes(self) -> list[Box]:
        """Return the rows as ``Box`` values (plain Python numbers) for callers that iterate."""
        # tolist() converts whole columns at C speed instead of one numpy scalar at a time.
        frames: list[int] = self.frames.tolist()
        rows: list[list[float]] = self.xywh.tolist()
        flags: list[bool] = self.keyframe.tolist()
        return [
            Box(frame=frame, x=row[0], y=row[1], w=row[2], h=row[3], keyframe=flag)
            for frame, row, flag in zip(frames, rows, flags, strict=True)
        ]
