/**
 * Shortcut strings (`Mod+Shift+P`, `?`, `ArrowDown`) parsed, matched against keyboard events
 * and formatted for display. Pure: the platform is a parameter.
 */

export type Platform = "mac" | "other";

export interface ParsedShortcut {
  key: string;
  mod: boolean;
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/** The subset of `KeyboardEvent` the matcher reads (so tests can pass plain objects). */
export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export function detectPlatform(): Platform {
  if (typeof navigator === "undefined") return "other";
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? "mac" : "other";
}

export function parseShortcut(shortcut: string): ParsedShortcut {
  // The last part is the key, so `Mod++` would be ambiguous; `+` is written `Plus`.
  const parts = shortcut.split("+");
  const key = parts.pop() ?? "";
  const has = (name: string) => parts.some((p) => p.toLowerCase() === name);
  return {
    key: key === "Plus" ? "+" : key,
    mod: has("mod"),
    ctrl: has("ctrl"),
    meta: has("meta") || has("cmd"),
    alt: has("alt"),
    shift: has("shift"),
  };
}

/** A printable key that is not a letter (`?`, `/`, `1`): Shift is part of typing it. */
function isSymbol(key: string): boolean {
  return key.length === 1 && key.toLowerCase() === key.toUpperCase();
}

export function matchesShortcut(shortcut: string, event: KeyInput, platform: Platform): boolean {
  const s = parseShortcut(shortcut);
  const wantCtrl = s.ctrl || (s.mod && platform !== "mac");
  const wantMeta = s.meta || (s.mod && platform === "mac");
  if (event.ctrlKey !== wantCtrl || event.metaKey !== wantMeta || event.altKey !== s.alt) {
    return false;
  }
  if (isSymbol(s.key)) return event.key === s.key && (!s.shift || event.shiftKey);
  if (event.shiftKey !== s.shift) return false;
  return event.key.toLowerCase() === s.key.toLowerCase();
}

const KEY_LABELS: Record<string, string> = {
  ArrowUp: "↑",
  ArrowDown: "↓",
  ArrowLeft: "←",
  ArrowRight: "→",
  Escape: "Esc",
  " ": "Space",
};

/** The keys to press, one label each: `["Ctrl", "Shift", "P"]` or `["⌘", "⇧", "P"]`. */
export function shortcutKeys(shortcut: string, platform: Platform): string[] {
  const s = parseShortcut(shortcut);
  const mac = platform === "mac";
  const keys: string[] = [];
  if (s.ctrl || (s.mod && !mac)) keys.push(mac ? "⌃" : "Ctrl");
  if (s.meta || (s.mod && mac)) keys.push(mac ? "⌘" : "Meta");
  if (s.alt) keys.push(mac ? "⌥" : "Alt");
  if (s.shift) keys.push(mac ? "⇧" : "Shift");
  keys.push(KEY_LABELS[s.key] ?? (s.key.length === 1 ? s.key.toUpperCase() : s.key));
  return keys;
}

export function formatShortcut(shortcut: string, platform: Platform): string {
  return shortcutKeys(shortcut, platform).join(platform === "mac" ? "" : "+");
}
