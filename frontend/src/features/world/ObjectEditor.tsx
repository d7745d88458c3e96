/** The create/edit dialog of a world object: common fields, then the kind's own fields. */
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useState, type FormEvent } from "react";
import { useSaveObject, type ObjectPatch } from "./api";
import { GlossEditor } from "@/features/glosses/GlossEditor";
import type { RefOption } from "@/features/glosses/parts";
import { bodyFromDraft, descriptionChange, draftFromObject, emptyDraft, type Draft } from "./draft";

/** World objects belong to no persona, so their descriptions reference objects (`@`) only. */
const NO_TYPES: readonly RefOption[] = [];
import { AssignmentsField } from "./fields/AssignmentsField";
import { CollectionFields } from "./fields/CollectionFields";
import { EventFields } from "./fields/EventFields";
import { LocationFields } from "./fields/LocationFields";
import { TimeFields } from "./fields/TimeFields";
import { assignableTypeKind, kindInfo, type ObjectKind, type WorldObject } from "./kinds";

function KindFields({ kind, draft, setDraft }: { kind: ObjectKind; draft: Draft; setDraft: (d: Draft) => void }) {
  switch (kind) {
    case "location": return <LocationFields value={draft.location} onChange={(location) => setDraft({ ...draft, location })} />;
    case "event": return <EventFields value={draft.event} onChange={(event) => setDraft({ ...draft, event })} />;
    case "time": return <TimeFields value={draft.time} onChange={(time) => setDraft({ ...draft, time })} />;
    case "collection": return <CollectionFields value={draft.collection} onChange={(collection) => setDraft({ ...draft, collection })} />;
    case "entity": return null;
  }
}

export interface ObjectEditorProps {
  kind: ObjectKind;
  /** The object to edit; absent: create a new one. */
  object?: WorldObject;
  onClose: () => void;
}

export function ObjectEditor({ kind, object, onClose }: ObjectEditorProps) {
  const [draft, setDraft] = useState<Draft>(() => (object ? draftFromObject(object) : emptyDraft()));
  const save = useSaveObject(kind);
  const info = kindInfo(kind);
  const typeKind = assignableTypeKind(kind, draft.collection.kind);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const description = descriptionChange(object?.description, draft.description);
    const body = { ...bodyFromDraft(kind, draft), ...(description === undefined ? {} : { description }) };
    const input = object ? { id: object.id, body: { ...body, version: object.version } as ObjectPatch } : { body };
    save.mutate(input, { onSuccess: onClose });
  };

  const title = object ? `Edit ${info.label.toLowerCase()}` : `New ${info.label.toLowerCase()}`;
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="object-editor-title"
      slotProps={{ paper: { component: "form", onSubmit } as object }}>
      <DialogTitle id="object-editor-title">{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField label="Name" required autoFocus value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          <TextField label="Alternate names" helperText="Comma-separated" value={draft.alternateNames}
            onChange={(e) => setDraft({ ...draft, alternateNames: e.target.value })} />
          <GlossEditor label="Description" value={draft.description} typeOptions={NO_TYPES}
            onChange={(description) => setDraft({ ...draft, description })} />
          <KindFields kind={kind} draft={draft} setDraft={setDraft} />
          {typeKind && <AssignmentsField value={draft.assignments} typeKind={typeKind} onChange={(assignments) => setDraft({ ...draft, assignments })} />}
          {save.isError && <Alert severity="error">{save.error.message}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="contained" loading={save.isPending} disabled={!draft.name.trim()}>
          {object ? "Save" : "Create"}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
