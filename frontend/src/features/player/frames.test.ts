import { describe, expect, it } from "vitest";
import { frameAtTime } from "@/geometry/frames";
import { formatTimecode, seekTimeOfFrame, stepFrame } from "./frames";

// Variable frame durations (40 ms and 120 ms in turn), as the synthetic VFR videos.
const VFR = [0, 0.04, 0.16, 0.2, 0.32, 0.36];

describe("seekTimeOfFrame", () => {
  it("is the middle of the frame's display interval", () => {
    expect(seekTimeOfFrame(VFR, 0)).toBeCloseTo(0.02, 9);
    expect(seekTimeOfFrame(VFR, 1)).toBeCloseTo(0.1, 9);
    expect(seekTimeOfFrame(VFR, 4)).toBeCloseTo(0.34, 9);
  });

  it("lands on the same frame through the table, for every frame", () => {
    for (let frame = 0; frame < VFR.length; frame++) {
      expect(frameAtTime(VFR, seekTimeOfFrame(VFR, frame, 0.48))).toBe(frame);
    }
  });

  it("uses the end of the stream for the last frame, else half the previous interval", () => {
    expect(seekTimeOfFrame(VFR, 5, 0.48)).toBeCloseTo(0.42, 9);
    expect(seekTimeOfFrame(VFR, 5)).toBeCloseTo(0.37, 9);
    expect(seekTimeOfFrame(VFR, 5, 0.1)).toBeCloseTo(0.37, 9); // an end before it is ignored
    expect(seekTimeOfFrame([1.5], 0)).toBeCloseTo(1.501, 9);
  });

  it("keeps a first frame stamped after 0 as it is", () => {
    expect(seekTimeOfFrame([2, 2.5, 3], 1)).toBeCloseTo(2.75, 9);
  });

  it("refuses a frame outside the table", () => {
    expect(() => seekTimeOfFrame(VFR, 6)).toThrow(RangeError);
    expect(() => seekTimeOfFrame(VFR, -1)).toThrow(RangeError);
  });
});

describe("stepFrame", () => {
  it("steps and clamps to the frames there are", () => {
    expect(stepFrame(5, 1, 40)).toBe(6);
    expect(stepFrame(35, 10, 40)).toBe(39);
    expect(stepFrame(3, -10, 40)).toBe(0);
    expect(stepFrame(0, -1, 0)).toBe(0);
  });
});

describe("formatTimecode", () => {
  it("writes hours, minutes, seconds and milliseconds", () => {
    expect(formatTimecode(0)).toBe("00:00:00.000");
    expect(formatTimecode(0.04)).toBe("00:00:00.040");
    expect(formatTimecode(3723.4567)).toBe("01:02:03.457");
    expect(formatTimecode(59.9996)).toBe("00:01:00.000");
    expect(formatTimecode(-0.08)).toBe("-00:00:00.080");
    expect(formatTimecode(Number.NaN)).toBe("--:--:--.---");
  });
});
