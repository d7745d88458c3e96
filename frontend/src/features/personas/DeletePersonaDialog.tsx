/** Confirms deleting a persona, listing what goes with it (the server's deletion preview). */
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import CircularProgress from "@mui/material/CircularProgress";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import { useQuery } from "@tanstack/react-query";
import { deletionPreviewQuery, useDeletePersona, type Persona } from "./api";

interface Props {
  persona: Persona | null;
  onClose: () => void;
  onDeleted?: () => void;
}

const label = (key: string) => key.replace(/_/g, " ");

function Preview({ persona }: { persona: Persona }) {
  const preview = useQuery(deletionPreviewQuery(persona.id));
  if (preview.isPending) return <CircularProgress size={20} aria-label="Loading what will be deleted" />;
  if (preview.isError) return <Alert severity="error">{preview.error.message}</Alert>;
  const counts = Object.entries(preview.data.removes).filter(([, n]) => n > 0);
  if (counts.length === 0) return <DialogContentText>Nothing else is deleted with it.</DialogContentText>;
  return (
    <>
      <DialogContentText>This also deletes:</DialogContentText>
      <ul aria-label="What will be deleted">
        {counts.map(([key, n]) => <li key={key}>{n} {label(key)}</li>)}
      </ul>
    </>
  );
}

export function DeletePersonaDialog({ persona, onClose, onDeleted }: Props) {
  const remove = useDeletePersona();
  return (
    <Dialog open={persona !== null} onClose={onClose} aria-labelledby="delete-persona-title">
      {persona && (
        <>
          <DialogTitle id="delete-persona-title">Delete persona {persona.name}?</DialogTitle>
          <DialogContent><Preview persona={persona} /></DialogContent>
          <DialogActions>
            <Button onClick={onClose} autoFocus>Cancel</Button>
            <Button color="error" variant="contained" loading={remove.isPending}
              onClick={() => remove.mutate(persona, { onSuccess: () => { onClose(); onDeleted?.(); } })}>
              Delete
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
