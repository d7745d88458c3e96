"""Conversion between sequences and their JSON wire form.

The wire form is shared with the API, exports and the TypeScript web app::

    {"keyframes": [{"frame", "x", "y", "w", "h", "confidence"}],
     "segments": [{"start_frame", "end_frame", "mode", "bezier"}],
     "visible": [{"start_frame", "end_frame"}]}

Reading checks shapes and types only (a missing key, a string for a number,
a fractional frame); value rules such as ordering or frame bounds belong to
``validate``, so an importer can read a sequence and clip it before validating.
Unknown keys are rejected: silently dropping them would make a round trip lossy.
``confidence``, ``mode`` and ``bezier`` may be left out (null, "linear", null).
An empty ``visible`` list reads as ``()``, which like a missing key means
"visible from the first to the last keyframe". Writing spells out every key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from fovea.domain.errors import SequenceError
from fovea.domain.model import (
    BezierControlPoints,
    InterpolationMode,
    Keyframe,
    Segment,
    Sequence,
    VisibleRange,
    is_interpolation_mode,
)
from fovea.domain.validation import unknown_mode_message

ROOT_PATH: Final = "$"

_SEQUENCE_KEYS: Final = (("keyframes",), ("segments", "visible"))
_KEYFRAME_KEYS: Final = (("frame", "x", "y", "w", "h"), ("confidence",))
_SEGMENT_KEYS: Final = (("start_frame", "end_frame"), ("mode", "bezier"))
_VISIBLE_KEYS: Final = (("start_frame", "end_frame"), ())


def sequence_from_wire(obj: Mapping[str, object]) -> Sequence:
    """Read a wire document; raise ``SequenceError`` naming the first malformed field.

    ``segments`` may be left out (no segments: every gap is linear) and so may
    ``visible`` (one range from the first to the last keyframe).
    """
    root = _fields(obj, ROOT_PATH, _SEQUENCE_KEYS)
    keyframes = tuple(
        _keyframe(item, f"keyframes[{i}]")
        for i, item in enumerate(_items(root["keyframes"], "keyframes"))
    )
    segments = tuple(
        _segment(item, f"segments[{i}]")
        for i, item in enumerate(_items(root.get("segments", []), "segments"))
    )
    if "visible" in root:
        visible = tuple(
            _visible(item, f"visible[{i}]")
            for i, item in enumerate(_items(root["visible"], "visible"))
        )
    else:
        visible = (VisibleRange(keyframes[0].frame, keyframes[-1].frame),) if keyframes else ()
    return Sequence(keyframes=keyframes, segments=segments, visible=visible)


def sequence_to_wire(seq: Sequence) -> dict[str, object]:
    """The wire document for ``seq``; every key is written, absent values as None (null)."""
    return {
        "keyframes": [
            {
                "frame": int(k.frame),
                "x": float(k.x),
                "y": float(k.y),
                "w": float(k.w),
                "h": float(k.h),
                "confidence": None if k.confidence is None else float(k.confidence),
            }
            for k in seq.keyframes
        ],
        "segments": [
            {
                "start_frame": int(s.start_frame),
                "end_frame": int(s.end_frame),
                "mode": s.mode,
                "bezier": None if s.bezier is None else [float(v) for v in s.bezier],
            }
            for s in seq.segments
        ],
        "visible": [
            {"start_frame": int(r.start_frame), "end_frame": int(r.end_frame)} for r in seq.visible
        ],
    }


def _keyframe(value: object, path: str) -> Keyframe:
    fields = _fields(value, path, _KEYFRAME_KEYS)
    confidence = fields.get("confidence")
    return Keyframe(
        frame=_integer(fields["frame"], f"{path}.frame"),
        x=_number(fields["x"], f"{path}.x"),
        y=_number(fields["y"], f"{path}.y"),
        w=_number(fields["w"], f"{path}.w"),
        h=_number(fields["h"], f"{path}.h"),
        confidence=None if confidence is None else _number(confidence, f"{path}.confidence"),
    )


def _segment(value: object, path: str) -> Segment:
    fields = _fields(value, path, _SEGMENT_KEYS)
    return Segment(
        start_frame=_integer(fields["start_frame"], f"{path}.start_frame"),
        end_frame=_integer(fields["end_frame"], f"{path}.end_frame"),
        mode=_mode(fields.get("mode", "linear"), f"{path}.mode"),
        bezier=_bezier(fields.get("bezier"), f"{path}.bezier"),
    )


def _visible(value: object, path: str) -> VisibleRange:
    fields = _fields(value, path, _VISIBLE_KEYS)
    return VisibleRange(
        start_frame=_integer(fields["start_frame"], f"{path}.start_frame"),
        end_frame=_integer(fields["end_frame"], f"{path}.end_frame"),
    )


def _mode(value: object, path: str) -> InterpolationMode:
    if not isinstance(value, str):
        raise SequenceError(path, f"expected a string, got {_kind(value)}")
    if not is_interpolation_mode(value):
        raise SequenceError(path, unknown_mode_message(value))
    return value


def _bezier(value: object, path: str) -> BezierControlPoints | None:
    if value is None:
        return None
    items = _items(value, path)
    if len(items) != 4:
        raise SequenceError(
            path, f"expected a list of 4 numbers [x1, y1, x2, y2], got {len(items)}"
        )
    x1, y1, x2, y2 = (_number(item, f"{path}[{i}]") for i, item in enumerate(items))
    return (x1, y1, x2, y2)


def _fields(
    value: object, path: str, keys: tuple[tuple[str, ...], tuple[str, ...]]
) -> Mapping[str, object]:
    """``value`` as a mapping holding every required key and no unknown one."""
    if not isinstance(value, Mapping):
        raise SequenceError(path, f"expected an object, got {_kind(value)}")
    required, optional = keys
    for key in required:
        if key not in value:
            raise SequenceError(_child(path, key), "is required")
    for key in value:
        if key not in required and key not in optional:
            known = ", ".join(required + optional)
            raise SequenceError(_child(path, str(key)), f"unknown key; expected one of {known}")
    return value


def _child(path: str, key: str) -> str:
    return key if path == ROOT_PATH else f"{path}.{key}"


def _items(value: object, path: str) -> list[object]:
    if not isinstance(value, list | tuple):
        raise SequenceError(path, f"expected a list, got {_kind(value)}")
    return list(value)


def _integer(value: object, path: str) -> int:
    # JSON has one number type and JavaScript writes 3.0 as 3, so an integral float is a
    # legitimate integer here; 1.5 is not.
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    shown = repr(value) if isinstance(value, float) else _kind(value)
    raise SequenceError(path, f"expected an integer, got {shown}")


def _number(value: object, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SequenceError(path, f"expected a number, got {_kind(value)}")
    try:
        return float(value)
    except OverflowError:
        raise SequenceError(path, "number is too large") from None


def _kind(value: object) -> str:
    """The JSON name of ``value``'s type, for messages shared with the TypeScript client."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "list"
    return "object" if isinstance(value, Mapping) else type(value).__name__
