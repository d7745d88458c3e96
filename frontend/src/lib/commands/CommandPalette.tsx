/**
 * The command palette (Mod+Shift+P): a text filter over every registered command,
 * ↑/↓ to move, Enter or a click to run, Esc to close.
 */
import Box from "@mui/material/Box";
import Dialog from "@mui/material/Dialog";
import DialogTitle from "@mui/material/DialogTitle";
import List from "@mui/material/List";
import ListItemButton from "@mui/material/ListItemButton";
import ListItemText from "@mui/material/ListItemText";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useMemo, useState, type KeyboardEvent } from "react";
import { filterCommands } from "./fuzzy";
import { useCommandOverlay } from "./overlays";
import { listCommands, useCommandRegistry } from "./registry";
import { ShortcutChip } from "./ShortcutChip";
import { isEnabled, type Command } from "./types";

export function CommandPalette() {
  const open = useCommandOverlay((s) => s.open === "palette");
  const close = useCommandOverlay((s) => s.close);
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="command-palette-title">
      {/* Mounted only while open, so each opening starts with an empty query. */}
      {open && <PaletteBody onDone={close} />}
    </Dialog>
  );
}

function PaletteBody({ onDone }: { onDone: () => void }) {
  const commands = useCommandRegistry((s) => s.commands);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const matches = useMemo(() => filterCommands(listCommands(commands), query), [commands, query]);
  const activeIndex = Math.min(active, Math.max(0, matches.length - 1));

  const run = (command: Command | undefined) => {
    if (!command || !isEnabled(command)) return;
    onDone(); // close first, so the command can move focus (e.g. to a search box)
    command.perform();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((activeIndex + step + matches.length) % Math.max(1, matches.length));
    } else if (event.key === "Enter") {
      event.preventDefault();
      run(matches[activeIndex]);
    }
  };

  return (
    <>
      <DialogTitle id="command-palette-title">Command palette</DialogTitle>
      <Box sx={{ px: 3, pb: 1 }}>
        <TextField
          autoFocus
          fullWidth
          size="small"
          label="Type a command"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          slotProps={{
            htmlInput: {
              role: "combobox",
              "aria-expanded": true,
              "aria-controls": "command-palette-list",
              "aria-activedescendant": matches[activeIndex] ? `command-${matches[activeIndex].id}` : undefined,
              "aria-autocomplete": "list",
            },
          }}
        />
      </Box>
      <List id="command-palette-list" role="listbox" aria-label="Commands" sx={{ maxHeight: 400, overflowY: "auto" }}>
        {matches.map((command, index) => (
          <ListItemButton
            key={command.id}
            id={`command-${command.id}`}
            role="option"
            aria-selected={index === activeIndex}
            selected={index === activeIndex}
            disabled={!isEnabled(command)}
            tabIndex={-1}
            onClick={() => run(command)}
            onMouseMove={() => setActive(index)}
          >
            <ListItemText primary={command.title} secondary={command.category} />
            {command.shortcut && <ShortcutChip shortcut={command.shortcut} />}
          </ListItemButton>
        ))}
        {matches.length === 0 && (
          <Typography role="status" sx={{ px: 3, py: 2 }} color="text.secondary">
            No matching commands
          </Typography>
        )}
      </List>
    </>
  );
}
