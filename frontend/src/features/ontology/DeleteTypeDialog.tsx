/** Confirms deleting a type: references to it in glosses become its name as text. */
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import { toast } from "@/lib/toasts";
import { useDeleteType } from "./api";
import type { OntologyType } from "./kinds";

export function DeleteTypeDialog({ personaId, type, onClose }: { personaId: string; type: OntologyType | null; onClose: () => void }) {
  const remove = useDeleteType(personaId);
  const confirm = (target: OntologyType) =>
    remove.mutate(target, {
      onSuccess: () => {
        toast.success(`Deleted ${target.kind} type ${target.name}`);
        onClose();
      },
    });
  return (
    <Dialog open={type !== null} onClose={onClose} aria-labelledby="delete-type-title">
      {type && (
        <>
          <DialogTitle id="delete-type-title">Delete {type.kind} type {type.name}?</DialogTitle>
          <DialogContent>
            <DialogContentText>
              References to it in glosses become the text “{type.name}”; event types lose it as a role slot,
              and world objects lose it as an assigned type.
            </DialogContentText>
            {remove.isError && <Alert severity="error" sx={{ mt: 2 }}>{remove.error.message}</Alert>}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} autoFocus>Cancel</Button>
            <Button color="error" variant="contained" loading={remove.isPending} onClick={() => confirm(type)}>Delete</Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
