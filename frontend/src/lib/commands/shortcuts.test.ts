import { describe, expect, it } from "vitest";
import { formatShortcut, matchesShortcut, parseShortcut, type KeyInput } from "./shortcuts";
import { isTypingTarget } from "./typing";

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods,
});

describe("matchesShortcut", () => {
  it.each([
    // shortcut, event, platform, matches
    ["Mod+Shift+P", key("P", { ctrlKey: true, shiftKey: true }), "other", true],
    ["Mod+Shift+P", key("p", { ctrlKey: true, shiftKey: true }), "other", true],
    ["Mod+Shift+P", key("P", { metaKey: true, shiftKey: true }), "other", false],
    ["Mod+Shift+P", key("P", { metaKey: true, shiftKey: true }), "mac", true],
    ["Mod+Shift+P", key("P", { ctrlKey: true, shiftKey: true }), "mac", false],
    ["Mod+Shift+P", key("p", { ctrlKey: true }), "other", false],
    ["?", key("?", { shiftKey: true }), "other", true],
    ["?", key("/", { shiftKey: true }), "other", false],
    ["/", key("/"), "other", true],
    ["/", key("/", { ctrlKey: true }), "other", false],
    ["ArrowRight", key("ArrowRight"), "other", true],
    ["ArrowRight", key("ArrowRight", { shiftKey: true }), "other", false],
    ["Mod+Alt+1", key("1", { ctrlKey: true, altKey: true }), "other", true],
    ["k", key("K", { shiftKey: true }), "other", false],
  ] as const)("%s against %j on %s is %s", (shortcut, event, platform, expected) => {
    expect(matchesShortcut(shortcut, event, platform)).toBe(expected);
  });
});

describe("parse and format", () => {
  it("parses modifiers and the key", () => {
    expect(parseShortcut("Mod+Shift+P")).toMatchObject({ key: "P", mod: true, shift: true, alt: false });
    expect(parseShortcut("Ctrl+Plus").key).toBe("+");
  });
  it("shows Mod as Ctrl on Linux and ⌘ on macOS", () => {
    expect(formatShortcut("Mod+Shift+P", "other")).toBe("Ctrl+Shift+P");
    expect(formatShortcut("Mod+Shift+P", "mac")).toBe("⌘⇧P");
    expect(formatShortcut("ArrowLeft", "other")).toBe("←");
  });
});

describe("isTypingTarget", () => {
  it.each([
    ["<input>", true],
    ["<textarea></textarea>", true],
    ["<select></select>", true],
    ['<div contenteditable="true"></div>', true],
    ['<div role="combobox"></div>', true],
    ["<button>x</button>", false],
    ["<a href='/x'>x</a>", false],
  ])("%s is %s", (html, expected) => {
    const host = document.createElement("div");
    host.innerHTML = html;
    document.body.append(host);
    const element = host.firstElementChild as HTMLElement;
    expect(isTypingTarget(element)).toBe(expected);
    host.remove();
  });
});
