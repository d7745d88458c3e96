import { describe, expect, it } from "vitest";
import { nextGridIndex, type GridDirection } from "./gridNavigation";

describe("nextGridIndex (4 columns, 10 cards)", () => {
  it.each<[number, GridDirection, number]>([
    [-1, "right", 0],
    [-1, "down", 0],
    [0, "right", 1],
    [0, "left", 0],
    [1, "down", 5],
    [5, "up", 1],
    [1, "up", 1],
    [8, "down", 8],
    [5, "down", 9],
    [6, "down", 6],
    [9, "right", 9],
  ])("from %s going %s lands on %s", (from, direction, expected) => {
    expect(nextGridIndex(from, direction, 4, 10)).toBe(expected);
  });

  it("has nowhere to go in an empty grid", () => {
    expect(nextGridIndex(-1, "down", 4, 0)).toBe(-1);
  });
});
