"""Easing curves: exact end points, known values, monotonicity and the bezier solver."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from fovea.domain import INTERPOLATION_MODES, InterpolationMode, cubic_bezier, ease

PROPERTY = settings(database=None, deadline=None, max_examples=200)

unit = st.floats(0.0, 1.0)
any_y = st.floats(-5.0, 5.0)
beziers = st.tuples(unit, any_y, unit, any_y)
monotone_beziers = st.tuples(unit, unit, unit, unit)
times = hnp.arrays(np.float64, st.integers(1, 50), elements=unit)


@pytest.mark.parametrize(
    ("mode", "t", "expected"),
    [
        ("linear", 0.3, 0.3),
        ("ease-in", 0.5, 0.25),
        ("ease-in", 0.1, 0.01),
        ("ease-out", 0.5, 0.75),
        ("ease-out", 0.1, 0.19),
        ("ease-in-out", 0.25, 0.125),
        ("ease-in-out", 0.5, 0.5),
        ("ease-in-out", 0.75, 0.875),
        ("hold", 0.0, 0.0),
        ("hold", 0.999, 0.0),
        ("hold", 1.0, 1.0),
    ],
)
def test_polynomial_modes_follow_their_formulas(
    mode: InterpolationMode, t: float, expected: float
) -> None:
    assert float(ease(mode, t)) == pytest.approx(expected, abs=1e-15)


def exact_bezier(t: float, x1: float, y1: float, x2: float, y2: float) -> float:
    """Reference by bisection in exact rationals, independent of the Newton solver."""

    def coordinate(u: Fraction, p1: Fraction, p2: Fraction) -> Fraction:
        return 3 * (1 - u) ** 2 * u * p1 + 3 * (1 - u) * u**2 * p2 + u**3

    px1, py1, px2, py2 = (Fraction(v) for v in (x1, y1, x2, y2))
    low, high = Fraction(0), Fraction(1)
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if coordinate(middle, px1, px2) < Fraction(t) else (low, middle)
    return float(coordinate((low + high) / 2, py1, py2))


@pytest.mark.parametrize(
    "points",
    [
        (0.25, 0.1, 0.25, 1.0),
        (0.42, 0.0, 0.58, 1.0),
        (0.68, -0.55, 0.265, 1.55),
        (1.0, 0.0, 0.0, 1.0),
    ],
)
@pytest.mark.parametrize("t", [0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99])
def test_bezier_matches_an_exact_bisection(
    points: tuple[float, float, float, float], t: float
) -> None:
    assert float(cubic_bezier(t, *points)) == pytest.approx(exact_bezier(t, *points), abs=1e-9)


def bisected_bezier(t: float, x1: float, y1: float, x2: float, y2: float) -> float:
    """Plain float bisection on the Bernstein form: slow, simple, no Newton."""

    def coordinate(u: float, p1: float, p2: float) -> float:
        return 3 * (1 - u) ** 2 * u * p1 + 3 * (1 - u) * u * u * p2 + u**3

    low, high = 0.0, 1.0
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if coordinate(middle, x1, x2) < t else (low, middle)
    return coordinate((low + high) / 2, y1, y2)


@PROPERTY
@given(unit, st.tuples(st.floats(0.05, 0.95), any_y, st.floats(0.05, 0.95), any_y))
def test_bezier_is_accurate_where_the_time_curve_has_no_flat_spot(
    t: float, points: tuple[float, float, float, float]
) -> None:
    # With x1, x2 inside (0, 1) the slope of x(u) stays positive, so f(t) is well conditioned.
    assert float(cubic_bezier(t, *points)) == pytest.approx(bisected_bezier(t, *points), abs=1e-9)


@pytest.mark.parametrize("t", [0.1, 0.25])
def test_bezier_solves_on_the_curve_even_for_control_points_validate_rejects(t: float) -> None:
    # With x1 = x2 = -2, Newton from u = t settles on a root of x(u) = t below u = 0;
    # the only root inside [0, 1] is the one that belongs to the curve.
    assert float(cubic_bezier(t, -2.0, 0.3, -2.0, 0.7)) == pytest.approx(
        bisected_bezier(t, -2.0, 0.3, -2.0, 0.7), abs=1e-9
    )


@PROPERTY
@given(st.sampled_from(INTERPOLATION_MODES), beziers)
def test_every_mode_starts_at_zero_and_ends_at_one_exactly(
    mode: InterpolationMode, points: tuple[float, float, float, float]
) -> None:
    assert ease(mode, [0.0, 1.0], points).tolist() == [0.0, 1.0]


@PROPERTY
@given(st.sampled_from(INTERPOLATION_MODES), monotone_beziers, times)
def test_every_mode_is_monotone_when_its_curve_is(
    mode: InterpolationMode, points: tuple[float, float, float, float], t: np.ndarray
) -> None:
    progress = ease(mode, np.sort(t), points)
    assert np.all(np.diff(progress) >= -1e-9)
    assert np.all((progress >= 0.0) & (progress <= 1.0))


@PROPERTY
@given(st.tuples(unit, unit), times)
def test_bezier_with_control_points_on_the_diagonal_is_linear(
    xs: tuple[float, float], t: np.ndarray
) -> None:
    x1, x2 = xs
    np.testing.assert_allclose(cubic_bezier(t, x1, x1, x2, x2), t, rtol=0, atol=1e-9)


@PROPERTY
@given(st.lists(st.tuples(unit, beziers), min_size=1, max_size=20))
def test_bezier_on_arrays_equals_bezier_one_at_a_time(
    rows: list[tuple[float, tuple[float, float, float, float]]],
) -> None:
    t = np.array([row[0] for row in rows])
    points = np.array([row[1] for row in rows])
    together = cubic_bezier(t, points[:, 0], points[:, 1], points[:, 2], points[:, 3])
    alone = [float(cubic_bezier(ti, *p)) for ti, p in rows]
    assert together.tolist() == alone


def test_ease_returns_a_new_array() -> None:
    t = np.array([0.25, 0.5])
    progress = ease("linear", t)
    progress[0] = 9.0
    assert t.tolist() == [0.25, 0.5]


def test_ease_keeps_the_shape_of_t() -> None:
    assert ease("bezier", np.full((2, 3), 0.5), (0.42, 0.0, 0.58, 1.0)).shape == (2, 3)
    assert ease("ease-in", 0.5).shape == ()


def test_bezier_mode_without_control_points_is_refused() -> None:
    with pytest.raises(ValueError, match="control points"):
        ease("bezier", 0.5)


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown interpolation mode"):
        ease("cubic", 0.5)  # type: ignore[arg-type]
