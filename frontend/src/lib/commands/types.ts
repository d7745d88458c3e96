/** A command: one definition shared by shortcuts, the palette, the shortcuts dialog and menus. */
export interface Command {
  /** Unique, dotted: `nav.videos`, `videos.focusNext`. Registering the same id replaces it. */
  id: string;
  title: string;
  /** Group shown in the palette and the shortcuts dialog, e.g. "Global", "Video browser". */
  category?: string;
  /** e.g. `Mod+Shift+P`, `?`, `/`, `ArrowRight`; `Mod` is Cmd on macOS and Ctrl elsewhere. */
  shortcut?: string;
  /** Whether the shortcut also fires while focus is in a text field (the palette does). */
  allowInInputs?: boolean;
  perform: () => void;
  /** Evaluated when the command is about to run or be listed; absent means always enabled. */
  enabled?: () => boolean;
}

export function isEnabled(command: Command): boolean {
  return command.enabled ? command.enabled() : true;
}
