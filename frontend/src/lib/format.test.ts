import { describe, expect, it } from "vitest";
import { elapsedSeconds, formatBytes, formatDuration, formatResolution } from "./format";

describe("formatDuration", () => {
  it.each([
    [0, "0:00"],
    [5.9, "0:05"],
    [65, "1:05"],
    [600, "10:00"],
    [3599.99, "59:59"],
    [3600, "1:00:00"],
    [3725, "1:02:05"],
    [null, "–"],
    [undefined, "–"],
    [Number.NaN, "–"],
    [-1, "–"],
  ])("%s s is %s", (duration_s, expected) => {
    expect(formatDuration(duration_s)).toBe(expected);
  });
});

describe("other formats", () => {
  it("formats resolution, bytes and elapsed time", () => {
    expect(formatResolution(1920, 1080)).toBe("1920×1080");
    expect(formatResolution(null, 1080)).toBeNull();
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(12_345_678)).toBe("12.3 MB");
    expect(elapsedSeconds("2024-01-01T00:00:00Z", "2024-01-01T00:01:05Z")).toBe(65);
    expect(elapsedSeconds(null, null)).toBeNull();
  });
});
