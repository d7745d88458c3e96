/**
 * Easing functions f(t): the fraction of a value change applied at fraction t in [0, 1] of
 * the way from one keyframe to the next. The twin of `fovea.domain.easing`: every function
 * performs the same IEEE double operations in the same order as the Python, so both
 * languages produce the same bits (the bezier solver included).
 */
import type { BezierControlPoints, InterpolationMode } from "./types";

/** The solver stops once u is known to within this; 1e-12 in u keeps f well inside 1e-9. */
const SOLVE_TOLERANCE = 1e-12;
/** Newton from u = t settles ordinary curves in 3 to 6 steps; the rest go to bisection. */
const NEWTON_STEPS = 8;

/** f(t) for `mode`; `bezier` holds (x1, y1, x2, y2) and is used only by "bezier". */
export function ease(
  mode: InterpolationMode,
  t: number,
  bezier: BezierControlPoints | null = null,
): number {
  switch (mode) {
    case "linear":
      return t;
    case "ease-in":
      return t * t;
    case "ease-out":
      return t * (2.0 - t);
    case "ease-in-out": {
      const rest = 1.0 - t;
      return t < 0.5 ? 2.0 * t * t : 1.0 - 2.0 * rest * rest;
    }
    case "hold":
      // A step: the start value holds until the next keyframe takes over at t = 1.
      return t >= 1.0 ? 1.0 : 0.0;
    case "bezier":
      if (bezier === null) throw new Error("mode 'bezier' needs control points (x1, y1, x2, y2)");
      return cubicBezier(t, bezier[0], bezier[1], bezier[2], bezier[3]);
  }
}

/**
 * CSS `cubic-bezier(x1, y1, x2, y2)` at `t`: f(t) = y(u) where x(u) = t. With x1, x2 in
 * [0, 1] x(u) is non-decreasing, so u exists; Newton's method from u = t finds it, with
 * bisection as the fallback, to 1e-12. f(0) = 0 and f(1) = 1 exactly.
 */
export function cubicBezier(t: number, x1: number, y1: number, x2: number, y2: number): number {
  if (t <= 0.0) return 0.0;
  if (t >= 1.0) return 1.0;
  if (Number.isNaN(t)) return Number.NaN;
  const u = solveCurveParameter(t, cubicThrough(x1, x2));
  return cubicValue(cubicThrough(y1, y2), u);
}

/** One coordinate of the curve in power form a*u^3 + b*u^2 + c*u (end points 0 and 1). */
interface Cubic {
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

function cubicThrough(p1: number, p2: number): Cubic {
  const c = 3.0 * p1;
  const b = 3.0 * p2 - 2.0 * c;
  return { a: 1.0 - c - b, b, c };
}

function cubicValue(k: Cubic, u: number): number {
  return ((k.a * u + k.b) * u + k.c) * u;
}

function cubicSlope(k: Cubic, u: number): number {
  return (3.0 * k.a * u + 2.0 * k.b) * u + k.c;
}

/** Solve x(u) = t for u in [0, 1], for 0 < t < 1: the steps the Python takes per element. */
function solveCurveParameter(t: number, x: Cubic): number {
  let u = t;
  for (let i = 0; i < NEWTON_STEPS; i += 1) {
    const error = cubicValue(x, u) - t;
    // An exact hit stays put, even on a flat spot where the step would be 0 / 0.
    const step = error === 0.0 ? u : u - error / cubicSlope(x, u);
    const settled = Math.abs(step - u) <= SOLVE_TOLERANCE; // false for NaN
    u = step;
    // A root of the cubic outside [0, 1] is not on the curve; bisection finds the one inside.
    if (settled && u >= 0.0 && u <= 1.0) return u;
  }
  return bisect(t, x);
}

/** Solve x(u) = t on [0, 1] by halving the bracket below the tolerance (40 halvings). */
function bisect(t: number, x: Cubic): number {
  let low = 0.0;
  let high = 1.0;
  while (high - low > SOLVE_TOLERANCE) {
    const middle = 0.5 * (low + high);
    if (cubicValue(x, middle) < t) low = middle;
    else high = middle;
  }
  return 0.5 * (low + high);
}
