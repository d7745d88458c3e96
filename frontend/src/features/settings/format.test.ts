import { describe, expect, it } from "vitest";
import { formatBytes, formatGpu } from "./format";

describe("formatBytes", () => {
  it.each([
    [null, "–"], [0, "0 B"], [1023, "1023 B"], [1536, "1.5 KiB"], [3 * 1024 ** 3, "3.0 GiB"],
  ] as const)("formats %s as %s", (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });
});

describe("formatGpu", () => {
  it("says none without a GPU", () => expect(formatGpu(null)).toBe("none"));
  it("names a GPU with its memory", () => {
    expect(formatGpu({ name: "H100", memory_total_bytes: 80 * 1024 ** 3 })).toBe("H100 (80.0 GiB memory total)");
  });
});
