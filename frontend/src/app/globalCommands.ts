/** The commands every page has: navigation, the two command overlays and search focus. */
import type { NavigateFunction } from "react-router";
import { useCommandOverlay, type Command } from "@/lib/commands";

const SEARCH_SELECTOR = "[data-search-input]";

/** The page's search box (a page marks it with `data-search-input`), if it has one. */
const searchBox = () => document.querySelector<HTMLInputElement>(SEARCH_SELECTOR);

export function globalCommands(navigate: NavigateFunction): Command[] {
  const overlay = useCommandOverlay.getState;
  const category = "Global";
  return [
    { id: "nav.videos", title: "Go to videos", category, shortcut: "Mod+Alt+1", perform: () => navigate("/") },
    { id: "nav.jobs", title: "Go to jobs", category, shortcut: "Mod+Alt+2", perform: () => navigate("/jobs") },
    { id: "nav.settings", title: "Go to settings", category, shortcut: "Mod+Alt+3", perform: () => navigate("/settings") },
    { id: "nav.world", title: "Go to world objects", category, shortcut: "Mod+Alt+4", perform: () => navigate("/world") },
    {
      id: "palette.open", title: "Open command palette", category, shortcut: "Mod+Shift+P",
      allowInInputs: true, perform: () => overlay().show("palette"),
    },
    { id: "shortcuts.show", title: "Show keyboard shortcuts", category, shortcut: "?", perform: () => overlay().show("shortcuts") },
    {
      id: "search.focus", title: "Focus search", category, shortcut: "/",
      enabled: () => searchBox() !== null,
      perform: () => {
        const box = searchBox();
        box?.focus();
        box?.select();
      },
    },
  ];
}
