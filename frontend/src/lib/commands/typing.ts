/** Whether a keystroke aimed at `target` is typing (or list navigation) rather than a shortcut. */
const TYPING_ROLES = new Set([
  "textbox",
  "searchbox",
  "combobox",
  "listbox",
  "option",
  "menu",
  "menuitem",
  "slider",
  "spinbutton",
]);

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  const tag = target.tagName;
  if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return true;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  if (target.closest("[contenteditable=''], [contenteditable='true']")) return true;
  const role = target.getAttribute("role");
  return role !== null && TYPING_ROLES.has(role);
}
