import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CommandPalette } from "./CommandPalette";
import { useCommandOverlay } from "./overlays";
import { registerCommands, useCommandRegistry } from "./registry";
import { ShortcutsDialog } from "./ShortcutsDialog";
import type { Command } from "./types";

const goJobs = vi.fn();
const COMMANDS: Command[] = [
  { id: "nav.videos", title: "Go to videos", category: "Global", shortcut: "Mod+Alt+1", perform: vi.fn() },
  { id: "nav.jobs", title: "Go to jobs", category: "Global", shortcut: "Mod+Alt+2", perform: goJobs },
  { id: "palette.open", title: "Open command palette", category: "Global", shortcut: "Mod+Shift+P", perform: vi.fn() },
  { id: "videos.focus.right", title: "Focus next video", category: "Video browser", shortcut: "ArrowRight", perform: vi.fn() },
  { id: "export", title: "Export everything", category: "Data", perform: vi.fn() },
];

beforeEach(() => {
  useCommandRegistry.setState({ commands: new Map() });
  useCommandOverlay.setState({ open: null });
  registerCommands(COMMANDS);
  goJobs.mockClear();
});

const openOverlay = (which: "palette" | "shortcuts") => act(() => useCommandOverlay.getState().show(which));

function paletteTitles(): string[] {
  const list = screen.getByRole("listbox", { name: "Commands" });
  return within(list).getAllByRole("option").map((o) => o.querySelector(".MuiListItemText-primary")!.textContent!);
}

function shortcutTitles(): string[] {
  const table = screen.getByRole("table", { name: "Keyboard shortcuts" });
  return within(table).getAllByRole("row").slice(1).map((row) => within(row).getAllByRole("cell")[0]!.textContent!);
}

describe("command palette and shortcuts dialog", () => {
  it("list the same commands from the one registry", () => {
    render(<><CommandPalette /><ShortcutsDialog /></>);
    openOverlay("palette");
    expect(screen.getByRole("dialog", { name: "Command palette" })).toBeInTheDocument();
    const inPalette = paletteTitles();
    openOverlay("shortcuts");
    expect(screen.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeInTheDocument();
    expect(shortcutTitles()).toEqual(inPalette);
    expect(new Set(inPalette)).toEqual(new Set(COMMANDS.map((c) => c.title)));
  });

  it("shows shortcuts with Mod as Ctrl on Linux", () => {
    render(<ShortcutsDialog />);
    openOverlay("shortcuts");
    const row = screen.getByRole("row", { name: /Open command palette/ });
    expect(within(row).getByLabelText("Ctrl+Shift+P")).toBeInTheDocument();
  });

  it("filters as you type, moves with the arrows and runs with Enter", async () => {
    const user = userEvent.setup();
    render(<CommandPalette />);
    openOverlay("palette");
    await user.type(screen.getByRole("combobox", { name: "Type a command" }), "go to");
    expect(paletteTitles()).toEqual(["Go to jobs", "Go to videos"]);
    await user.keyboard("{ArrowDown}{Enter}");
    expect(COMMANDS[0]!.perform).toHaveBeenCalledOnce();
    expect(useCommandOverlay.getState().open).toBeNull();
  });

  it("runs a clicked command and closes on Escape", async () => {
    const user = userEvent.setup();
    render(<CommandPalette />);
    openOverlay("palette");
    await user.click(screen.getByRole("option", { name: /Go to jobs/ }));
    expect(goJobs).toHaveBeenCalledOnce();
    openOverlay("palette");
    await user.keyboard("{Escape}");
    expect(useCommandOverlay.getState().open).toBeNull();
  });
});
