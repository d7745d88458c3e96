import { describe, expect, it } from "vitest";
import { filterCommands, fuzzyScore } from "./fuzzy";
import type { Command } from "./types";

const commands: Command[] = [
  "Go to videos", "Go to jobs", "Go to settings", "Show keyboard shortcuts", "Open command palette", "Focus search",
].map((title) => ({ id: title, title, category: "Global", perform: () => {} }));
const titles = (query: string) => filterCommands(commands, query).map((c) => c.title);

describe("palette filter", () => {
  it("keeps every command, in order, for an empty query", () => {
    expect(titles("")).toEqual(commands.map((c) => c.title));
  });

  it("ranks exact, prefix, word start, substring, then letters in order", () => {
    expect(fuzzyScore("go to jobs", "Go to jobs")!).toBeGreaterThan(fuzzyScore("go", "Go to jobs")!);
    expect(fuzzyScore("go", "Go to jobs")!).toBeGreaterThan(fuzzyScore("jobs", "Go to jobs")!);
    expect(fuzzyScore("jobs", "Go to jobs")!).toBeGreaterThan(fuzzyScore("obs", "Go to jobs")!);
    expect(fuzzyScore("obs", "Go to jobs")!).toBeGreaterThan(fuzzyScore("gtj", "Go to jobs")!);
    expect(fuzzyScore("xyz", "Go to jobs")).toBeNull();
  });

  it("finds commands by scattered letters and puts the tighter match first", () => {
    expect(titles("sett")[0]).toBe("Go to settings");
    expect(titles("kbd")).toEqual(["Show keyboard shortcuts"]);
    expect(titles("gtv")[0]).toBe("Go to videos");
    expect(titles("search")[0]).toBe("Focus search");
    expect(titles("palette")).toEqual(["Open command palette"]);
  });

  it("matches a category below every title match", () => {
    expect(titles("global")).toHaveLength(commands.length);
  });
});
