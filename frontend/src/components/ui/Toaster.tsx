/** Shows the oldest queued toast bottom-right; success hides after 6 s, errors stay until closed. */
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import CloseIcon from "@mui/icons-material/Close";
import Snackbar from "@mui/material/Snackbar";
import { Link as RouterLink } from "react-router";
import { useToastStore } from "@/lib/toasts";

export function Toaster() {
  const current = useToastStore((s) => s.toasts[0]);
  const dismiss = useToastStore((s) => s.dismiss);
  if (!current) return null;
  const close = () => dismiss(current.id);
  return (
    <Snackbar
      key={current.id}
      open
      anchorOrigin={{ vertical: "bottom", horizontal: "right" }}
      autoHideDuration={current.severity === "error" ? null : 6000}
      onClose={(_, reason) => reason !== "clickaway" && close()}
    >
      <Alert
        severity={current.severity}
        variant="filled"
        action={
          <>
            {current.link && (
              <Button color="inherit" size="small" component={RouterLink} to={current.link.to} onClick={close}>
                {current.link.label}
              </Button>
            )}
            <IconButton aria-label="Close notification" color="inherit" size="small" onClick={close}>
              <CloseIcon fontSize="small" />
            </IconButton>
          </>
        }
        sx={{ minWidth: 320 }}
      >
        {current.message}
      </Alert>
    </Snackbar>
  );
}
