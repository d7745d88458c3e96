/** Test helper: fast-check generators of valid sequences. */
import fc from "fast-check";

import type { Keyframe, Segment, Sequence, VisibleRange } from "./types";
import { INTERPOLATION_MODES } from "./types";

const coordinate = fc.double({ min: -1e4, max: 1e4, noNaN: true, noDefaultInfinity: true });
const size = fc.double({ min: 1e-3, max: 1e4, noNaN: true, noDefaultInfinity: true });
const unit = fc.double({ min: 0, max: 1, noNaN: true });
const bezierY = fc.double({ min: -2, max: 3, noNaN: true });

const keyframeFrames = fc.uniqueArray(fc.integer({ min: 0, max: 400 }), {
  minLength: 1,
  maxLength: 8,
});

function keyframesAt(frames: number[]): fc.Arbitrary<Keyframe[]> {
  const sorted = [...frames].sort((a, b) => a - b);
  return fc.tuple(
    ...sorted.map((frame) =>
      fc.record({
        frame: fc.constant(frame),
        x: coordinate,
        y: coordinate,
        w: size,
        h: size,
        confidence: fc.option(unit, { nil: null }),
      }),
    ),
  );
}

/** One segment per gap or none (linear); bezier x control points in [0, 1] as validate asks. */
function segmentsFor(keys: Keyframe[]): fc.Arbitrary<Segment[]> {
  const gaps = keys.slice(1).map((end, i) => ({ start: (keys[i] as Keyframe).frame, end: end.frame }));
  const segment = (start: number, end: number): fc.Arbitrary<Segment | null> =>
    fc.oneof(
      fc.constant(null),
      fc.constantFrom(...INTERPOLATION_MODES.filter((m) => m !== "bezier")).map((mode) => ({
        start_frame: start,
        end_frame: end,
        mode,
        bezier: null,
      })),
      fc.tuple(unit, bezierY, unit, bezierY).map((bezier) => ({
        start_frame: start,
        end_frame: end,
        mode: "bezier" as const,
        bezier,
      })),
    );
  return fc
    .tuple(...gaps.map((g) => segment(g.start, g.end)))
    .map((segments) => segments.filter((s): s is Segment => s !== null));
}

/** Ranges that hold every keyframe: the default (empty) or hidden stretches cut out of gaps. */
function visibleFor(keys: Keyframe[]): fc.Arbitrary<VisibleRange[]> {
  const first = (keys[0] as Keyframe).frame;
  const last = (keys[keys.length - 1] as Keyframe).frame;
  const cuts = keys.slice(1).map((end, i) => {
    const start = (keys[i] as Keyframe).frame;
    return end.frame - start >= 3
      ? fc.option(fc.integer({ min: start + 1, max: end.frame - 2 }).chain((a) =>
          fc.integer({ min: a, max: end.frame - 2 }).map((b) => [a, b] as const),
        ), { nil: null })
      : fc.constant(null);
  });
  const explicit = fc
    .tuple(fc.nat(5), fc.nat(5), ...cuts)
    .map(([before, after, ...hidden]) => {
      const ranges: VisibleRange[] = [];
      let start = Math.max(0, first - before);
      for (const cut of hidden) {
        if (cut === null) continue;
        ranges.push({ start_frame: start, end_frame: cut[0] - 1 });
        start = cut[1] + 1;
      }
      ranges.push({ start_frame: start, end_frame: last + after });
      return ranges;
    });
  return fc.oneof(fc.constant<VisibleRange[]>([]), explicit);
}

export const validSequence: fc.Arbitrary<Sequence> = keyframeFrames
  .chain(keyframesAt)
  .chain((keyframes) =>
    fc.record({
      keyframes: fc.constant(keyframes),
      segments: segmentsFor(keyframes),
      visible: visibleFor(keyframes),
    }),
  );
