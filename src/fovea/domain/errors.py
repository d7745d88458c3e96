"""Errors raised by the domain core.

Kept in their own module so every other domain module (validation, wire
conversion, clipping) can raise the same error type without import cycles.
"""

from __future__ import annotations


class SequenceError(ValueError):
    """A bounding-box sequence (or its wire form) is malformed.

    ``path`` locates the first problem in wire terms (``"keyframes[2].frame"``,
    ``"segments[0].bezier"``, ``"visible[1]"``) so an API or a form can point at
    the offending field; ``message`` says what is wrong in words. The root of a
    wire document is ``"$"``.
    """

    path: str
    message: str

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message
