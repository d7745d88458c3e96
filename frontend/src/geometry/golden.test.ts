import { describe, expect, it } from "vitest";

import { columnBoxAt, expand } from "./expansion";
import { GOLDEN, INVALID, type GoldenBox } from "./fixtures";
import { boxAt } from "./sequences";
import { INTERPOLATION_MODES, type BoxAt, type Sequence } from "./types";
import { SequenceError } from "./errors";
import { validate } from "./validation";
import { sequenceFromWire } from "./wire";

const TOLERANCE = GOLDEN.tolerance;

function expectBoxMatches(actual: BoxAt | null, expected: GoldenBox | null): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect(actual?.keyframe).toBe(expected.keyframe);
  for (const name of ["x", "y", "w", "h"] as const) {
    expect(Math.abs((actual?.[name] ?? Number.NaN) - expected[name]), name).toBeLessThanOrEqual(
      TOLERANCE,
    );
  }
}

function frameSpan(seq: Sequence): [number, number] {
  const frames = seq.keyframes.map((k) => k.frame);
  const visible = seq.visible.flatMap((r) => [r.start_frame, r.end_frame]);
  return [Math.min(...frames, ...visible) - 2, Math.max(...frames, ...visible) + 2];
}

describe("golden interpolation vectors", () => {
  it("cover every mode and null boxes", () => {
    const modes = new Set(
      GOLDEN.cases.flatMap((c) => {
        const wire = c.sequence as { segments?: { mode: string }[] };
        return (wire.segments ?? []).map((s) => s.mode);
      }),
    );
    expect([...modes].sort()).toEqual([...INTERPOLATION_MODES].sort());
    expect(GOLDEN.cases.some((c) => c.queries.some((q) => q.box === null))).toBe(true);
  });

  describe.each(GOLDEN.cases)("$name", (golden) => {
    const seq = sequenceFromWire(golden.sequence);

    it("is a valid sequence", () => {
      expect(() => validate(seq)).not.toThrow();
    });

    it.each(golden.queries)("boxAt matches the golden box on frame $frame", ({ frame, box }) => {
      expectBoxMatches(boxAt(seq, frame), box);
    });

    it.each(golden.queries)("expand matches the golden box on frame $frame", ({ frame, box }) => {
      const columns = expand(seq, frame, frame);
      expect(columns.length).toBeLessThanOrEqual(1);
      expectBoxMatches(columnBoxAt(columns, frame), box);
    });

    it("boxAt and expand agree exactly over the whole frame range", () => {
      const [first, last] = frameSpan(seq);
      const columns = expand(seq, first, last);
      for (let frame = first; frame <= last; frame += 1) {
        expect(columnBoxAt(columns, frame), `frame ${frame}`).toStrictEqual(boxAt(seq, frame));
      }
    });
  });
});

describe("invalid sequences", () => {
  it.each(INVALID.cases)("$name: reported at $path", (invalid) => {
    let caught: unknown = null;
    try {
      validate(sequenceFromWire(invalid.sequence), invalid.resolution_wh);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SequenceError);
    const error = caught as SequenceError;
    expect(error.path).toBe(invalid.path);
    expect(error.message).toContain(invalid.message_contains);
  });
});
