import { describe, expect, it } from "vitest";

import { cubicBezier, ease } from "./easing";
import { SequenceError } from "./errors";
import { validate } from "./validation";
import { sequenceFromWire, sequenceToWire } from "./wire";

const KEY_A = { frame: 0, x: 10, y: 20, w: 100, h: 50, confidence: null };
const KEY_B = { frame: 30, x: 40, y: 20, w: 100, h: 50, confidence: 0.75 };

function errorOf(read: () => unknown): SequenceError {
  try {
    read();
  } catch (error) {
    if (error instanceof SequenceError) return error;
    throw error;
  }
  throw new Error("expected a SequenceError");
}

describe("sequenceFromWire", () => {
  it("fills the defaults: no segments, visible first..last keyframe, linear, null", () => {
    const seq = sequenceFromWire({
      keyframes: [{ frame: 0, x: 1, y: 2, w: 3, h: 4 }, KEY_B],
      segments: [{ start_frame: 0, end_frame: 30 }],
    });
    expect(seq.keyframes[0]?.confidence).toBeNull();
    expect(seq.segments).toEqual([{ start_frame: 0, end_frame: 30, mode: "linear", bezier: null }]);
    expect(seq.visible).toEqual([{ start_frame: 0, end_frame: 30 }]);
    expect(sequenceFromWire({ keyframes: [KEY_A] }).segments).toEqual([]);
  });

  it("keeps an explicit empty visible list empty", () => {
    expect(sequenceFromWire({ keyframes: [KEY_A], visible: [] }).visible).toEqual([]);
  });

  it("checks shapes, not rules: out-of-order frames are validate's job", () => {
    const seq = sequenceFromWire({ keyframes: [KEY_B, KEY_A] });
    expect(seq.keyframes.map((k) => k.frame)).toEqual([30, 0]);
    expect(errorOf(() => validate(seq)).path).toBe("keyframes[1].frame");
  });

  it.each([
    [{ keyframes: [KEY_A], extra: 1 }, "extra", "unknown key"],
    [{ keyframes: [KEY_A], segments: null }, "segments", "expected a list, got null"],
    [{ keyframes: [KEY_A], visible: [[0, 1]] }, "visible[0]", "expected an object, got list"],
    [{ keyframes: ["frame"] }, "keyframes[0]", "expected an object, got string"],
    [{ keyframes: [{ ...KEY_A, frame: Infinity }] }, "keyframes[0].frame", "got inf"],
    [{ keyframes: [{ ...KEY_A, confidence: "high" }] }, "keyframes[0].confidence", "got string"],
    [
      { keyframes: [KEY_A, KEY_B], segments: [{ start_frame: 0, end_frame: 30, mode: null }] },
      "segments[0].mode",
      "expected a string, got null",
    ],
    [
      { keyframes: [KEY_A, KEY_B], segments: [{ start_frame: 0, end_frame: 30, bezier: 1 }] },
      "segments[0].bezier",
      "expected a list, got number",
    ],
  ])("names the malformed field of %j", (wire, path, message) => {
    const error = errorOf(() => sequenceFromWire(wire));
    expect(error.path).toBe(path);
    expect(error.message).toContain(message);
    expect(String(error)).toBe(`SequenceError: ${path}: ${error.message}`);
  });

  it("reads a written document back to itself", () => {
    const wire = {
      keyframes: [KEY_A, KEY_B],
      segments: [{ start_frame: 0, end_frame: 30, mode: "bezier", bezier: [0.1, 0.2, 0.3, 0.4] }],
      visible: [
        { start_frame: 0, end_frame: 12 },
        { start_frame: 20, end_frame: 30 },
      ],
    };
    expect(sequenceToWire(sequenceFromWire(wire))).toEqual(wire);
  });
});

describe("validate messages", () => {
  it("shows values as Python does", () => {
    const seq = sequenceFromWire({ keyframes: [{ ...KEY_A, x: -1 }] });
    expect(errorOf(() => validate(seq, [640, 480])).message).toBe(
      "box (x=-1.0, y=20.0, w=100.0, h=50.0) is outside the 640x480 frame (x = -1.0 < 0); " +
        "boxes are not clipped silently",
    );
  });

  it("rejects a resolution that is not two positive integers", () => {
    expect(() => validate(sequenceFromWire({ keyframes: [KEY_A] }), [0, 480])).toThrow(RangeError);
  });
});

describe("easing", () => {
  it.each(["linear", "ease-in", "ease-out", "ease-in-out", "hold"] as const)(
    "%s runs from 0 at t = 0 to 1 at t = 1",
    (mode) => {
      expect(ease(mode, 0)).toBe(0);
      expect(ease(mode, 1)).toBe(1);
    },
  );

  it("bezier reaches its end points exactly and solves flat spots", () => {
    expect(cubicBezier(0, 0.25, 0.1, 0.25, 1)).toBe(0);
    expect(cubicBezier(1, 0.25, 0.1, 0.25, 1)).toBe(1);
    expect(cubicBezier(0.5, 1, 0, 0, 1)).toBeCloseTo(0.5, 9);
    expect(cubicBezier(0.5, 0.42, 0, 0.58, 1)).toBeCloseTo(0.5, 12);
  });

  it("bezier mode needs control points", () => {
    expect(() => ease("bezier", 0.5)).toThrow(/control points/);
  });
});
