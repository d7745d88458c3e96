/** Create or edit a persona: name, role, information need (required) and details. */
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { ApiError } from "@/api/client";
import { useCreatePersona, useUpdatePersona, type Persona } from "./api";

interface Props {
  open: boolean;
  onClose: () => void;
  /** The persona to edit; absent: create one (and open it). */
  persona?: Persona;
}

/** The server's message; a version conflict also says what to do. */
export function saveErrorText(error: Error): string {
  if (error instanceof ApiError && error.status === 409)
    return `${error.message}. Someone else changed it: reload the page to get the latest version.`;
  return error.message;
}

export function PersonaFormDialog({ open, onClose, persona }: Props) {
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="persona-form-title">
      {open && <PersonaForm onClose={onClose} persona={persona} />}
    </Dialog>
  );
}

function PersonaForm({ onClose, persona }: Omit<Props, "open">) {
  const navigate = useNavigate();
  const [name, setName] = useState(persona?.name ?? "");
  const [role, setRole] = useState(persona?.role ?? "");
  const [need, setNeed] = useState(persona?.information_need ?? "");
  const [details, setDetails] = useState(persona?.details ?? "");
  const create = useCreatePersona();
  const update = useUpdatePersona(persona?.id ?? "");
  const mutation = persona ? update : create;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = { name, role, information_need: need, details: details || null };
    if (persona) update.mutate({ ...fields, version: persona.version }, { onSuccess: onClose });
    else create.mutate(fields, { onSuccess: (created) => { onClose(); void navigate(`/personas/${created.id}`); } });
  };

  return (
    <form onSubmit={submit} noValidate>
      <DialogTitle id="persona-form-title">{persona ? `Edit persona ${persona.name}` : "New persona"}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField label="Name" required autoFocus value={name} onChange={(e) => setName(e.target.value)} />
          <TextField label="Role" required value={role} onChange={(e) => setRole(e.target.value)} />
          <TextField label="Information need" required multiline minRows={2} value={need}
            onChange={(e) => setNeed(e.target.value)} />
          <TextField label="Details" multiline minRows={2} value={details} onChange={(e) => setDetails(e.target.value)} />
          {mutation.isError && <Alert severity="error">{saveErrorText(mutation.error)}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="contained" loading={mutation.isPending}
          disabled={!name.trim() || !role.trim() || !need.trim()}>
          {persona ? "Save" : "Create"}
        </Button>
      </DialogActions>
    </form>
  );
}
