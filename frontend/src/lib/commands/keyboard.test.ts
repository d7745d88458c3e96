import { beforeEach, describe, expect, it, vi } from "vitest";
import { handleKeyDown } from "./keyboard";
import { registerCommands, useCommandRegistry } from "./registry";

beforeEach(() => {
  useCommandRegistry.setState({ commands: new Map() });
  document.body.innerHTML = "";
});

/** Dispatches a keydown on `target` and runs the handler the way the window listener does. */
function press(target: Element, init: KeyboardEventInit): { ran: boolean; event: KeyboardEvent } {
  const event = new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init });
  let ran = false;
  target.addEventListener("keydown", (e) => (ran = handleKeyDown(e as KeyboardEvent, "other")), { once: true });
  target.dispatchEvent(event);
  return { ran, event };
}

describe("keyboard handler", () => {
  it("runs the command whose shortcut matches, Mod being Ctrl on Linux", () => {
    const perform = vi.fn();
    registerCommands([{ id: "p", title: "Palette", shortcut: "Mod+Shift+P", perform }]);
    const { event } = press(document.body, { key: "P", ctrlKey: true, shiftKey: true });
    expect(perform).toHaveBeenCalledOnce();
    expect(event.defaultPrevented).toBe(true);
  });

  it("ignores shortcuts typed into an input, unless the command allows it", () => {
    const search = vi.fn();
    const palette = vi.fn();
    registerCommands([
      { id: "s", title: "Search", shortcut: "/", perform: search },
      { id: "p", title: "Palette", shortcut: "Mod+Shift+P", allowInInputs: true, perform: palette },
    ]);
    const input = document.createElement("input");
    document.body.append(input);
    expect(press(input, { key: "/" }).ran).toBe(false);
    press(input, { key: "P", ctrlKey: true, shiftKey: true });
    expect(search).not.toHaveBeenCalled();
    expect(palette).toHaveBeenCalledOnce();
  });

  it("skips disabled commands and keystrokes a widget already handled", () => {
    const perform = vi.fn();
    registerCommands([{ id: "a", title: "A", shortcut: "ArrowDown", perform, enabled: () => false }]);
    expect(press(document.body, { key: "ArrowDown" }).ran).toBe(false);
    registerCommands([{ id: "b", title: "B", shortcut: "ArrowUp", perform }]);
    const event = new KeyboardEvent("keydown", { key: "ArrowUp", cancelable: true });
    event.preventDefault();
    expect(handleKeyDown(event, "other")).toBe(false);
    expect(perform).not.toHaveBeenCalled();
  });

  it("lets the newest registration win a shared shortcut", () => {
    const older = vi.fn();
    const newer = vi.fn();
    registerCommands([{ id: "old", title: "Old", shortcut: "?", perform: older }]);
    registerCommands([{ id: "new", title: "New", shortcut: "?", perform: newer }]);
    press(document.body, { key: "?", shiftKey: true });
    expect(newer).toHaveBeenCalledOnce();
    expect(older).not.toHaveBeenCalled();
  });
});
