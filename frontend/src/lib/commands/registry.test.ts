import { beforeEach, describe, expect, it, vi } from "vitest";
import { listCommands, registerCommands, useCommandRegistry } from "./registry";
import type { Command } from "./types";

const command = (id: string, extra: Partial<Command> = {}): Command => ({ id, title: id, perform: vi.fn(), ...extra });

beforeEach(() => useCommandRegistry.setState({ commands: new Map() }));

describe("command registry", () => {
  it("registers commands and unregisters exactly those", () => {
    const off = registerCommands([command("a"), command("b")]);
    registerCommands([command("c")]);
    expect([...useCommandRegistry.getState().commands.keys()]).toEqual(["a", "b", "c"]);
    off();
    expect([...useCommandRegistry.getState().commands.keys()]).toEqual(["c"]);
  });

  it("replaces a command registered again under the same id, and unregistering the old one keeps the new", () => {
    const first = command("x", { title: "old" });
    const offFirst = registerCommands([first]);
    registerCommands([command("x", { title: "new" })]);
    offFirst();
    expect(useCommandRegistry.getState().commands.get("x")?.title).toBe("new");
  });

  it("lists commands by category, then title", () => {
    registerCommands([
      command("3", { title: "Zoom", category: "B" }),
      command("1", { title: "Open", category: "A" }),
      command("2", { title: "Close", category: "B" }),
    ]);
    expect(listCommands(useCommandRegistry.getState().commands).map((c) => c.title)).toEqual(["Open", "Close", "Zoom"]);
  });
});
