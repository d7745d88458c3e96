import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { validSequence } from "./arbitraries";
import { SequenceError } from "./errors";
import { columnBoxAt, expand } from "./expansion";
import { boxAt, clipToFrame } from "./sequences";
import type { Keyframe, Sequence } from "./types";
import { visibleRanges } from "./types";
import { validate } from "./validation";
import { sequenceFromWire, sequenceToWire } from "./wire";

function span(seq: Sequence): [number, number] {
  const ranges = visibleRanges(seq);
  return [(ranges[0]?.start_frame ?? 0) - 3, (ranges[ranges.length - 1]?.end_frame ?? 0) + 3];
}

describe("sequence properties", () => {
  it("generated sequences are valid", () => {
    fc.assert(fc.property(validSequence, (seq) => validate(seq)));
  });

  it("reproduces every keyframe exactly, with boxAt and with expand", () => {
    fc.assert(
      fc.property(validSequence, (seq) => {
        const columns = expand(seq, 0, Number.MAX_SAFE_INTEGER);
        for (const k of seq.keyframes) {
          const expected = { frame: k.frame, x: k.x, y: k.y, w: k.w, h: k.h, keyframe: true };
          expect(boxAt(seq, k.frame)).toStrictEqual(expected);
          expect(columnBoxAt(columns, k.frame)).toStrictEqual(expected);
        }
      }),
    );
  });

  it("agrees between boxAt and expand on every frame, bit for bit", () => {
    fc.assert(
      fc.property(validSequence, (seq) => {
        const [first, last] = span(seq);
        const columns = expand(seq, first, last);
        for (let frame = first; frame <= last; frame += 1) {
          expect(columnBoxAt(columns, frame)).toStrictEqual(boxAt(seq, frame));
        }
      }),
    );
  });

  it("keeps linear boxes between the neighbouring keyframes", () => {
    const linearOnly = validSequence.map((seq) => ({ ...seq, segments: [] }));
    fc.assert(
      fc.property(linearOnly, (seq) => {
        seq.keyframes.slice(1).forEach((b, i) => {
          const a = seq.keyframes[i] as Keyframe;
          for (let frame = a.frame + 1; frame < b.frame; frame += 1) {
            const box = boxAt(seq, frame);
            if (box === null) continue; // hidden
            for (const name of ["x", "y", "w", "h"] as const) {
              expect(box[name]).toBeGreaterThanOrEqual(Math.min(a[name], b[name]));
              expect(box[name]).toBeLessThanOrEqual(Math.max(a[name], b[name]));
            }
          }
        });
      }),
    );
  });

  it("gives null on hidden frames and outside the keyframes", () => {
    fc.assert(
      fc.property(validSequence, fc.integer({ min: -5, max: 420 }), (seq, frame) => {
        const ranges = visibleRanges(seq);
        const visible = ranges.some((r) => r.start_frame <= frame && frame <= r.end_frame);
        const first = seq.keyframes[0] as Keyframe;
        const last = seq.keyframes[seq.keyframes.length - 1] as Keyframe;
        const inside = first.frame <= frame && frame <= last.frame;
        expect(boxAt(seq, frame) === null).toBe(!(visible && inside));
      }),
    );
  });

  it("reads back what it writes", () => {
    fc.assert(
      fc.property(validSequence, (seq) => {
        // Through JSON text, as over the network (which writes -0 as 0).
        const text = JSON.stringify(sequenceToWire({ ...seq, visible: visibleRanges(seq) }));
        const read = sequenceFromWire(JSON.parse(text));
        expect(JSON.stringify(sequenceToWire(read))).toBe(text);
      }),
    );
  });

  it("clips every box into the frame so that it validates against the resolution", () => {
    fc.assert(
      fc.property(validSequence, (seq) => {
        try {
          validate(clipToFrame(seq, [1920, 1080]), [1920, 1080]);
        } catch (error) {
          // Only a box with nothing inside the frame may be refused, by name.
          expect(error).toBeInstanceOf(SequenceError);
          expect((error as SequenceError).message).toContain("entirely outside");
        }
      }),
    );
  });
});

describe("boxAt and expand examples", () => {
  const seq = sequenceFromWire({
    keyframes: [
      { frame: 10, x: 0, y: 0, w: 10, h: 10 },
      { frame: 20, x: 100, y: 0, w: 10, h: 10 },
    ],
    segments: [{ start_frame: 10, end_frame: 20, mode: "hold" }],
    visible: [
      { start_frame: 5, end_frame: 14 },
      { start_frame: 18, end_frame: 25 },
    ],
  });

  it("hold keeps the start box until the next keyframe", () => {
    expect(boxAt(seq, 19)).toStrictEqual({ frame: 19, x: 0, y: 0, w: 10, h: 10, keyframe: false });
  });

  it("expand clips to the keyframes and masks hidden frames", () => {
    const columns = expand(seq, 0, 100);
    expect(columns.startFrame).toBe(10);
    expect(columns.length).toBe(11);
    expect([...columns.visible]).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1]);
    expect([...columns.keyframe]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(Number.isNaN(columns.x[6])).toBe(true);
  });

  it("expand of a range outside the keyframes is empty", () => {
    expect(expand(seq, 30, 40).length).toBe(0);
    expect(expand(seq, 0, 9).length).toBe(0);
  });
});

describe("clipToFrame", () => {
  const key = { frame: 0, x: -10, y: 5, w: 30, h: 2000, confidence: null };

  it("cuts a box that crosses the frame's edges", () => {
    const clipped = clipToFrame({ keyframes: [key], segments: [], visible: [] }, [640, 480]);
    expect(clipped.keyframes[0]).toStrictEqual({ ...key, x: 0, w: 20, h: 475 });
  });

  it("refuses a box with nothing inside the frame", () => {
    const outside = { ...key, x: 700 };
    expect(() => clipToFrame({ keyframes: [outside], segments: [], visible: [] }, [640, 480]))
      .toThrow(SequenceError);
  });
});
