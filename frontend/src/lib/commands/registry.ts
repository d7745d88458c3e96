/**
 * The command registry: a zustand store that features register commands into (and out of,
 * on unmount). The palette and the shortcuts dialog both read `listCommands`.
 */
import { useEffect } from "react";
import { create } from "zustand";
import type { Command } from "./types";

interface RegistryState {
  /** Registration order is kept: a later command wins a shortcut shared with an earlier one. */
  commands: ReadonlyMap<string, Command>;
  register: (commands: readonly Command[]) => () => void;
}

export const useCommandRegistry = create<RegistryState>()((set, get) => ({
  commands: new Map(),
  register: (commands) => {
    const next = new Map(get().commands);
    for (const command of commands) {
      next.delete(command.id); // re-insert at the end: the newest registration wins
      next.set(command.id, command);
    }
    set({ commands: next });
    return () => {
      const current = new Map(get().commands);
      for (const command of commands) {
        // Only remove what this call registered, not a later replacement with the same id.
        if (current.get(command.id) === command) current.delete(command.id);
      }
      set({ commands: current });
    };
  },
}));

/** Register commands; returns the function that unregisters exactly these. */
export function registerCommands(commands: readonly Command[]): () => void {
  return useCommandRegistry.getState().register(commands);
}

/** All commands, sorted by category then title (the order the palette and dialog show). */
export function listCommands(commands: ReadonlyMap<string, Command>): Command[] {
  return [...commands.values()].sort(
    (a, b) =>
      (a.category ?? "").localeCompare(b.category ?? "") || a.title.localeCompare(b.title),
  );
}

/** The React way in: registers while the component is mounted, again when `deps` change. */
export function useCommands(build: () => readonly Command[], deps: readonly unknown[]): void {
  // `build` is a fresh closure each render; `deps` says when its commands really change.
  useEffect(() => registerCommands(build()), deps);
}
