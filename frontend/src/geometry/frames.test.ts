import { describe, expect, it } from "vitest";

import { frameAtTime, timeOfFrame } from "./frames";

// 30000/1001 fps, as the API rounds it: to whole microseconds.
const NTSC_S = Array.from({ length: 5 }, (_, n) => Math.round((n * 1001 * 1e6) / 30000) / 1e6);
// A variable-frame-rate table: 40 ms, then 10 ms, then 100 ms steps.
const VFR_S = [0, 0.04, 0.05, 0.06, 0.16, 0.26];
// An MP4 without an edit list: the first frame is stamped at 1.5 s, and nothing is subtracted.
const LATE_START_S = [1.5, 1.54, 1.58];

describe("frameAtTime", () => {
  it.each([
    ["CFR frame times map to their frames", NTSC_S, NTSC_S, [0, 1, 2, 3, 4]],
    ["VFR frame times map to their frames", VFR_S, VFR_S, [0, 1, 2, 3, 4, 5]],
    ["a late-stamped file's times map to their frames", LATE_START_S, LATE_START_S, [0, 1, 2]],
  ])("%s", (_name, table, times, frames) => {
    expect(times.map((t) => frameAtTime(table, t))).toEqual(frames);
  });

  it.each([
    [0.02, 0],
    [0.0399, 0],
    [0.045, 1],
    [0.059999, 2],
    [0.1, 3],
    [0.2, 4],
  ])("a VFR time between frames (%s s) shows the earlier frame (%s)", (timeS, frame) => {
    expect(frameAtTime(VFR_S, timeS)).toBe(frame);
  });

  it("takes a time a hair before a frame's (float noise, under half a tick) as that frame", () => {
    expect(frameAtTime(NTSC_S, 0.033367 - 1e-9)).toBe(1);
    expect(frameAtTime(VFR_S, 0.1 + 0.06 - 1e-12)).toBe(4);
  });

  it("keeps a time a whole microsecond before a frame on the frame before", () => {
    expect(frameAtTime(NTSC_S, 0.033366)).toBe(0);
  });

  it("is null before the first frame, also for a file whose first frame is stamped after 0", () => {
    expect(frameAtTime(VFR_S, -0.01)).toBeNull();
    expect(frameAtTime(LATE_START_S, 0)).toBeNull();
    expect(frameAtTime(LATE_START_S, 1.4999)).toBeNull();
    expect(frameAtTime([], 0)).toBeNull();
  });

  it("is the last frame at and after the last frame's time", () => {
    expect(frameAtTime(VFR_S, 0.26)).toBe(5);
    expect(frameAtTime(VFR_S, 99)).toBe(5);
    expect(frameAtTime(LATE_START_S, 2)).toBe(2);
  });

  it("is not time x fps: a late start shifts every frame", () => {
    expect(frameAtTime(LATE_START_S, 1.55)).toBe(1);
  });

  it("accepts a Float64Array table and rejects a non-finite time", () => {
    expect(frameAtTime(Float64Array.from(VFR_S), 0.055)).toBe(2);
    expect(() => frameAtTime(VFR_S, Number.NaN)).toThrow(RangeError);
  });
});

describe("timeOfFrame", () => {
  it("reads the table, including a late first frame", () => {
    expect(timeOfFrame(VFR_S, 4)).toBe(0.16);
    expect(timeOfFrame(LATE_START_S, 0)).toBe(1.5);
  });

  it("round-trips with frameAtTime on every frame", () => {
    for (const table of [NTSC_S, VFR_S, LATE_START_S]) {
      table.forEach((_t, frame) => expect(frameAtTime(table, timeOfFrame(table, frame))).toBe(frame));
    }
  });

  it.each([-1, 6, 1.5])("rejects frame %s outside the table", (frame) => {
    expect(() => timeOfFrame(VFR_S, frame)).toThrow(RangeError);
  });
});
