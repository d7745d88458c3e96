import Box from "@mui/material/Box";
import { useMemo } from "react";
import { detectPlatform, formatShortcut, shortcutKeys } from "./shortcuts";

/** A shortcut drawn as key caps, read out as one label (e.g. "Ctrl+Shift+P"). */
export function ShortcutChip({ shortcut }: { shortcut: string }) {
  const platform = useMemo(detectPlatform, []);
  return (
    <Box component="span" aria-label={formatShortcut(shortcut, platform)} sx={{ display: "inline-flex", gap: 0.5 }}>
      {shortcutKeys(shortcut, platform).map((key, index) => (
        <Box
          component="kbd"
          key={index}
          aria-hidden
          sx={{
            px: 0.75,
            py: 0.125,
            border: 1,
            borderColor: "divider",
            borderRadius: 1,
            fontFamily: "monospace",
            fontSize: "0.8rem",
            bgcolor: "action.hover",
          }}
        >
          {key}
        </Box>
      ))}
    </Box>
  );
}
