/** The shell: app bar with navigation and the command buttons, the page, and the overlays. */
import AppBar from "@mui/material/AppBar";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Container from "@mui/material/Container";
import IconButton from "@mui/material/IconButton";
import Link from "@mui/material/Link";
import Toolbar from "@mui/material/Toolbar";
import Tooltip from "@mui/material/Tooltip";
import KeyboardIcon from "@mui/icons-material/Keyboard";
import TerminalIcon from "@mui/icons-material/Terminal";
import { Link as RouterLink, NavLink, Outlet, useNavigate } from "react-router";
import { Toaster } from "@/components/ui/Toaster";
import { CommandPalette, ShortcutsDialog, useCommandKeyboard, useCommandOverlay, useCommands } from "@/lib/commands";
import { globalCommands } from "./globalCommands";

const NAV = [
  { to: "/", label: "Videos", end: true },
  { to: "/personas", label: "Personas", end: false },
  { to: "/world", label: "World", end: false },
  { to: "/jobs", label: "Jobs", end: false },
  { to: "/settings", label: "Settings", end: false },
];

function Navigation() {
  return (
    <Box component="nav" aria-label="Main" sx={{ display: "flex", gap: 0.5, ml: 3 }}>
      {NAV.map((item) => (
        <Button key={item.to} component={NavLink} to={item.to} end={item.end} color="inherit"
          sx={{ "&.active": { bgcolor: "rgba(255,255,255,0.16)" } }}>
          {item.label}
        </Button>
      ))}
    </Box>
  );
}

function CommandButtons() {
  const show = useCommandOverlay((s) => s.show);
  return (
    <Box sx={{ ml: "auto", display: "flex", gap: 0.5 }}>
      <Tooltip title="Command palette (Ctrl+Shift+P)">
        <IconButton color="inherit" aria-label="Open command palette" onClick={() => show("palette")}>
          <TerminalIcon />
        </IconButton>
      </Tooltip>
      <Tooltip title="Keyboard shortcuts (?)">
        <IconButton color="inherit" aria-label="Show keyboard shortcuts" onClick={() => show("shortcuts")}>
          <KeyboardIcon />
        </IconButton>
      </Tooltip>
    </Box>
  );
}

export function Layout() {
  const navigate = useNavigate();
  useCommandKeyboard();
  useCommands(() => globalCommands(navigate), [navigate]);
  return (
    <>
      <Link href="#main" sx={{ position: "absolute", left: -9999, "&:focus": { left: 8, top: 8, zIndex: 2000, bgcolor: "background.paper", p: 1 } }}>
        Skip to content
      </Link>
      <AppBar position="sticky">
        <Toolbar variant="dense">
          <Link component={RouterLink} to="/" color="inherit" underline="none" variant="h6" sx={{ fontWeight: 700 }}>
            FOVEA
          </Link>
          <Navigation />
          <CommandButtons />
        </Toolbar>
      </AppBar>
      <Container component="main" id="main" tabIndex={-1} maxWidth="xl" sx={{ py: 3, outline: "none" }}>
        <Outlet />
      </Container>
      <CommandPalette />
      <ShortcutsDialog />
      <Toaster />
    </>
  );
}
