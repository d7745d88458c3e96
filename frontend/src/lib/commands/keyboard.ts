/**
 * The one global keydown listener: finds the command whose shortcut matches and runs it.
 * Keystrokes typed into fields, or already handled by a widget (a menu, a dialog's list),
 * are left alone unless the command says `allowInInputs`.
 */
import { useEffect } from "react";
import { useCommandRegistry } from "./registry";
import { detectPlatform, matchesShortcut, type KeyInput, type Platform } from "./shortcuts";
import { isEnabled, type Command } from "./types";
import { isTypingTarget } from "./typing";

/** The command a keystroke runs, or undefined; the newest registration wins a tie. */
export function findCommandForKey(
  commands: Iterable<Command>,
  event: KeyInput,
  platform: Platform,
  typing: boolean,
): Command | undefined {
  let found: Command | undefined;
  for (const command of commands) {
    if (!command.shortcut || (typing && !command.allowInInputs)) continue;
    if (matchesShortcut(command.shortcut, event, platform) && isEnabled(command)) found = command;
  }
  return found;
}

/** Runs the matching command for a keydown; returns whether one ran. */
export function handleKeyDown(event: KeyboardEvent, platform: Platform): boolean {
  if (event.defaultPrevented || event.isComposing) return false;
  const commands = useCommandRegistry.getState().commands.values();
  const command = findCommandForKey(commands, event, platform, isTypingTarget(event.target));
  if (!command) return false;
  event.preventDefault();
  command.perform();
  return true;
}

export function useCommandKeyboard(): void {
  useEffect(() => {
    const platform = detectPlatform();
    const listener = (event: KeyboardEvent) => void handleKeyDown(event, platform);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);
}
