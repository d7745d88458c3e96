"""Easing functions f(t) that shape the motion between two keyframes.

Every function maps t in [0, 1] (the fraction of the way from one keyframe to
the next) to the fraction f of the value change applied at that time. They are
vectorised: ``t`` and the bezier control points may be numpy arrays, so one
call can ease every frame of a long clip. Each element is computed
independently with the same IEEE operations whether it is passed alone or in
an array, which is what lets ``box_at`` and ``expand`` agree bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from fovea.domain.model import InterpolationMode

FloatArray = npt.NDArray[np.float64]

# The solver stops once u is known to within this; 1e-12 in u keeps f well inside 1e-9.
_SOLVE_TOLERANCE: Final = 1e-12
# Newton from u = t needs 3 to 6 steps on ordinary curves; what it has not settled by
# then (flat spots converge only linearly) is left to bisection.
_NEWTON_STEPS: Final = 8


def ease(
    mode: InterpolationMode,
    t: npt.ArrayLike,
    bezier: tuple[npt.ArrayLike, npt.ArrayLike, npt.ArrayLike, npt.ArrayLike] | None = None,
) -> FloatArray:
    """Return f(t) for ``mode``; ``bezier`` holds (x1, y1, x2, y2) and is used only by "bezier".

    The result is a new float64 array with the shape of ``t``.
    """
    times = np.array(t, dtype=np.float64)  # a copy, so the caller's array is never aliased
    if mode == "linear":
        return times
    if mode == "ease-in":
        return times * times
    if mode == "ease-out":
        return times * (2.0 - times)
    if mode == "ease-in-out":
        rest = 1.0 - times
        return np.where(times < 0.5, 2.0 * times * times, 1.0 - 2.0 * rest * rest)
    if mode == "hold":
        # A step: the start value holds until the next keyframe takes over at t = 1.
        return np.where(times >= 1.0, 1.0, 0.0)
    if mode == "bezier":
        if bezier is None:
            raise ValueError("mode 'bezier' needs control points (x1, y1, x2, y2)")
        return cubic_bezier(times, *bezier)
    raise ValueError(f"unknown interpolation mode {mode!r}")


def cubic_bezier(
    t: npt.ArrayLike,
    x1: npt.ArrayLike,
    y1: npt.ArrayLike,
    x2: npt.ArrayLike,
    y2: npt.ArrayLike,
) -> FloatArray:
    """CSS ``cubic-bezier(x1, y1, x2, y2)`` timing function evaluated at ``t``.

    The curve's x is time and its y is progress: f(t) = y(u) where x(u) = t.
    With x1, x2 in [0, 1], x(u) is non-decreasing on [0, 1], so u exists; it is
    found by Newton's method with a bisection fallback, to 1e-12. f(0) = 0 and
    f(1) = 1 exactly so keyframe values are reached without rounding drift.
    Control points broadcast against ``t``.
    """
    times = np.asarray(t, dtype=np.float64)
    shape = times.shape
    flat_t = times.reshape(-1)
    px1, py1, px2, py2 = (
        np.broadcast_to(np.asarray(p, dtype=np.float64), shape).reshape(-1)
        for p in (x1, y1, x2, y2)
    )
    u = _solve_curve_parameter(flat_t, _Cubic.through(px1, px2))
    progress = _Cubic.through(py1, py2).value(u)
    progress = np.where(flat_t <= 0.0, 0.0, np.where(flat_t >= 1.0, 1.0, progress))
    return progress.reshape(shape)


@dataclass(frozen=True, slots=True)
class _Cubic:
    """One coordinate of the Bezier curve as a*u^3 + b*u^2 + c*u (end points 0 and 1).

    The power form needs a handful of array operations per evaluation where the
    Bernstein form needs a dozen; the solver evaluates it many times.
    """

    a: FloatArray
    b: FloatArray
    c: FloatArray

    @staticmethod
    def through(p1: FloatArray, p2: FloatArray) -> _Cubic:
        """The coordinate whose inner control points are p1 and p2."""
        c = 3.0 * p1
        b = 3.0 * p2 - 2.0 * c
        return _Cubic(a=1.0 - c - b, b=b, c=c)

    def value(self, u: FloatArray) -> FloatArray:
        return ((self.a * u + self.b) * u + self.c) * u

    def slope(self, u: FloatArray) -> FloatArray:
        return (3.0 * self.a * u + 2.0 * self.b) * u + self.c

    def subset(self, keep: npt.NDArray[np.bool_] | npt.NDArray[np.intp]) -> _Cubic:
        return _Cubic(self.a[keep], self.b[keep], self.c[keep])


def _solve_curve_parameter(t: FloatArray, x: _Cubic) -> FloatArray:
    """Solve x(u) = t for u in [0, 1], element by element.

    Newton's method from u = t converges in a few steps for nearly every
    curve; elements it leaves unsettled (a flat spot in x(u), a root outside
    [0, 1]) are finished by bisection, which cannot fail because x(u) is
    non-decreasing. Settled elements leave the working set, so each element
    follows the same steps it would follow alone.
    """
    u = np.clip(t, 0.0, 1.0)
    work = np.flatnonzero((t > 0.0) & (t < 1.0))  # the end points are exact already
    ui, ti, x = u[work], t[work], x.subset(work)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for _ in range(_NEWTON_STEPS):
            error = x.value(ui) - ti
            # An exact hit stays put, even on a flat spot where the step would be 0 / 0.
            step = np.where(error == 0.0, ui, ui - error / x.slope(ui))
            settled = np.abs(step - ui) <= _SOLVE_TOLERANCE  # False for NaN
            ui = step
            if settled.any():
                # A root of the cubic outside [0, 1] is not on the curve; bisection finds
                # the one inside (seen only with x control points that validate rejects).
                accept = settled & (ui >= 0.0) & (ui <= 1.0)
                u[work[accept]] = ui[accept]
                keep = ~accept
                work, ui, ti, x = work[keep], ui[keep], ti[keep], x.subset(keep)
            if work.size == 0:
                return u
    u[work] = _bisect(ti, x)
    return u


def _bisect(t: FloatArray, x: _Cubic) -> FloatArray:
    """Solve x(u) = t on [0, 1] by halving the bracket below the tolerance (40 halvings)."""
    low, high = np.zeros_like(t), np.ones_like(t)
    while high.size and high[0] - low[0] > _SOLVE_TOLERANCE:  # every bracket has one width
        middle = 0.5 * (low + high)
        below = x.value(middle) < t
        low, high = np.where(below, middle, low), np.where(below, high, middle)
    return 0.5 * (low + high)
