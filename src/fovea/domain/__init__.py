"""Pure domain core of fovea: bounding-box sequences and their interpolation.

Standard library and numpy only; no I/O and no imports from the rest of fovea,
so the rules here can be tested (and mirrored by the TypeScript client) alone.
"""

from fovea.domain.easing import cubic_bezier, ease
from fovea.domain.sequences import (
    INTERPOLATION_MODES,
    BezierControlPoints,
    Box,
    BoxArrays,
    InterpolationMode,
    Keyframe,
    Segment,
    Sequence,
    SequenceError,
    VisibleRange,
    box_at,
    clip_to_frame,
    expand,
    is_interpolation_mode,
    sequence_from_wire,
    sequence_to_wire,
    validate,
    visible_ranges,
)
from fovea.domain.tracks import sequence_from_track

__all__ = [
    "INTERPOLATION_MODES",
    "BezierControlPoints",
    "Box",
    "BoxArrays",
    "InterpolationMode",
    "Keyframe",
    "Segment",
    "Sequence",
    "SequenceError",
    "VisibleRange",
    "box_at",
    "clip_to_frame",
    "cubic_bezier",
    "ease",
    "expand",
    "is_interpolation_mode",
    "sequence_from_track",
    "sequence_from_wire",
    "sequence_to_wire",
    "validate",
    "visible_ranges",
]
