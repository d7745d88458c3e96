/** "Delete X?" with what deleting does to references; the delete button is the destructive one. */
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";

export function ConfirmDelete(props: { name: string; busy: boolean; onConfirm: () => void; onClose: () => void }) {
  const { name, busy, onConfirm, onClose } = props;
  return (
    <Dialog open onClose={onClose} aria-labelledby="confirm-delete-title" aria-describedby="confirm-delete-text">
      <DialogTitle id="confirm-delete-title">Delete {name}?</DialogTitle>
      <DialogContent>
        <DialogContentText id="confirm-delete-text">
          References to it in glosses become plain text, and it leaves any event or collection that uses it.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>Cancel</Button>
        <Button color="error" variant="contained" loading={busy} onClick={onConfirm}>Delete</Button>
      </DialogActions>
    </Dialog>
  );
}
