/** The keyboard-shortcuts dialog (?): every registered command, grouped, with its shortcut. */
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import { useMemo } from "react";
import { useCommandOverlay } from "./overlays";
import { listCommands, useCommandRegistry } from "./registry";
import { ShortcutChip } from "./ShortcutChip";

export function ShortcutsDialog() {
  const open = useCommandOverlay((s) => s.open === "shortcuts");
  const close = useCommandOverlay((s) => s.close);
  const commands = useCommandRegistry((s) => s.commands);
  const rows = useMemo(() => listCommands(commands), [commands]);
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="shortcuts-title">
      <DialogTitle id="shortcuts-title">Keyboard shortcuts</DialogTitle>
      <DialogContent>
        <Table size="small" aria-label="Keyboard shortcuts">
          <TableHead>
            <TableRow>
              <TableCell>Command</TableCell>
              <TableCell>Group</TableCell>
              <TableCell>Shortcut</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((command) => (
              <TableRow key={command.id} data-command-id={command.id}>
                <TableCell>{command.title}</TableCell>
                <TableCell>{command.category ?? ""}</TableCell>
                <TableCell>{command.shortcut ? <ShortcutChip shortcut={command.shortcut} /> : "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
