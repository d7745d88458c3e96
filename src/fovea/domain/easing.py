"""Easing functions f(t) that shape the motion between two keyframes.

Every function maps t in [0, 1] (the fraction of the way from one keyframe to
the next) to the fraction f of the value change applied at that time. They are
vectorised: ``t`` and the bezier control points may be numpy arrays, so one
call can ease every frame of a long clip. Each element is computed
independently with the same IEEE operations whether it is passed alone or in
an array, which is what lets ``box_at`` and ``expand`` agree bit for bit.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from fovea.domain.model import InterpolationMode

FloatArray = npt.NDArray[np.float64]

# The solver stops once u moves by less than this; 1e-12 in u keeps f well inside 1e-9.
_SOLVE_TOLERANCE: Final = 1e-12
# Bisection alone reaches 1e-12 in ~40 halvings; Newton near a flat spot of x(u) converges
# linearly, so leave generous headroom.
_MAX_SOLVE_ITERATIONS: Final = 100


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

    The curve's x is time and its y is progress. With x1, x2 in [0, 1], x(u) is
    non-decreasing on [0, 1], so x(u) = t has a solution found by a bracketed
    Newton iteration. f(0) = 0 and f(1) = 1 exactly so keyframe values are
    reached without rounding drift. Control points broadcast against ``t``.
    """
    times = np.asarray(t, dtype=np.float64)
    shape = times.shape
    flat_t = times.reshape(-1)
    px1, py1, px2, py2 = (
        np.broadcast_to(np.asarray(p, dtype=np.float64), shape).reshape(-1)
        for p in (x1, y1, x2, y2)
    )
    u = _solve_curve_parameter(flat_t, px1, px2)
    progress = _bezier_coordinate(u, py1, py2)
    progress = np.where(flat_t <= 0.0, 0.0, np.where(flat_t >= 1.0, 1.0, progress))
    return progress.reshape(shape)


def _bezier_coordinate(u: FloatArray, p1: FloatArray, p2: FloatArray) -> FloatArray:
    """One coordinate of the cubic Bezier with end points 0 and 1 and inner points p1, p2."""
    v = 1.0 - u
    return 3.0 * v * v * u * p1 + 3.0 * v * u * u * p2 + u * u * u


def _bezier_slope(u: FloatArray, p1: FloatArray, p2: FloatArray) -> FloatArray:
    """Derivative of ``_bezier_coordinate`` with respect to u."""
    v = 1.0 - u
    return 3.0 * v * v * p1 + 6.0 * v * u * (p2 - p1) + 3.0 * u * u * (1.0 - p2)


def _solve_curve_parameter(t: FloatArray, x1: FloatArray, x2: FloatArray) -> FloatArray:
    """Solve x(u) = t for u in [0, 1], element by element.

    Newton steps are taken while they stay inside the bracket [lo, hi] that
    always holds the root; otherwise (flat slope, overshoot) the bracket is
    halved. Converged elements are frozen so each element follows the same
    iterations it would follow alone.
    """
    u = np.clip(t, 0.0, 1.0)
    lo = np.zeros_like(u)
    hi = np.ones_like(u)
    active = (t > 0.0) & (t < 1.0)  # the end points are exact already
    for _ in range(_MAX_SOLVE_ITERATIONS):
        idx = np.flatnonzero(active)
        if idx.size == 0:
            break
        ui, ti, a, b = u[idx], t[idx], x1[idx], x2[idx]
        error = _bezier_coordinate(ui, a, b) - ti
        lo_i = np.where(error < 0.0, ui, lo[idx])
        hi_i = np.where(error > 0.0, ui, hi[idx])
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = ui - error / _bezier_slope(ui, a, b)
        inside = np.isfinite(newton) & (newton > lo_i) & (newton < hi_i)
        step = np.where(inside, newton, 0.5 * (lo_i + hi_i))
        done = (error == 0.0) | (np.abs(step - ui) <= _SOLVE_TOLERANCE)
        u[idx] = np.where(error == 0.0, ui, step)
        lo[idx], hi[idx] = lo_i, hi_i
        active[idx] = ~done
    return u
