/** Create or edit one type: name, gloss (with # and @ references), examples, kind fields. */
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useState, type FormEvent } from "react";
import { GlossEditor } from "@/features/glosses/GlossEditor";
import type { RefOption } from "@/features/glosses/parts";
import { saveErrorText } from "@/features/personas/PersonaFormDialog";
import { useSaveType } from "./api";
import { KindFields } from "./KindFields";
import { draftBody, draftOf, emptyDraft, KIND_LABEL, type OntologyType, type TypeDraft, type TypeKind } from "./kinds";

/** What the editor edits: a stored type, or a new one of a kind. */
export type EditTarget = { type: OntologyType } | { kind: TypeKind };

interface Props {
  personaId: string;
  target: EditTarget | null;
  types: readonly OntologyType[];
  typeOptions: readonly RefOption[];
  onClose: () => void;
}

export function TypeEditorDialog({ target, onClose, ...rest }: Props) {
  return (
    <Dialog open={target !== null} onClose={onClose} fullWidth maxWidth="md" aria-labelledby="type-editor-title">
      {target && <TypeEditor key={"type" in target ? target.type.id : target.kind} target={target} onClose={onClose} {...rest} />}
    </Dialog>
  );
}

const splitLines = (value: string) => value.split("\n").map((line) => line.trim()).filter(Boolean);

function TypeEditor({ personaId, target, types, typeOptions, onClose }: Props & { target: EditTarget }) {
  const stored = "type" in target ? target.type : undefined;
  const [draft, setDraft] = useState<TypeDraft>(() => (stored ? draftOf(stored) : emptyDraft("kind" in target ? target.kind : "entity")));
  const [examples, setExamples] = useState(draft.examples.join("\n"));
  const save = useSaveType(personaId);
  const change = (patch: Partial<TypeDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const kindLabel = KIND_LABEL[draft.kind];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = draftBody({ ...draft, examples: splitLines(examples) });
    save.mutate({ kind: draft.kind, id: stored?.id, version: stored?.version, body }, {
      onSuccess: onClose, // the list shows the saved type; a toast would cover dialogs' buttons
    });
  };

  const status = save.isPending ? "Saving…" : save.isError ? "Not saved" : "";
  return (
    <form onSubmit={submit} noValidate>
      <DialogTitle id="type-editor-title">{stored ? `Edit ${kindLabel.toLowerCase()} type ${stored.name}` : `New ${kindLabel.toLowerCase()} type`}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField label="Name" required autoFocus value={draft.name} onChange={(e) => change({ name: e.target.value })} />
          <GlossEditor label="Gloss" value={draft.gloss} onChange={(gloss) => change({ gloss })}
            typeOptions={typeOptions.filter((o) => o.ref.id !== stored?.id)} />
          <TextField label="Examples (one per line)" multiline minRows={2} value={examples} onChange={(e) => setExamples(e.target.value)} />
          <KindFields draft={draft} change={change} types={types} selfId={stored?.id} />
          {stored?.wikidata_id && (
            <Chip label={`Wikidata ${stored.wikidata_id}`} component="a" href={stored.wikidata_url ?? undefined}
              target="_blank" rel="noreferrer" clickable={Boolean(stored.wikidata_url)} sx={{ alignSelf: "start" }} />
          )}
          {save.isError && <Alert severity="error">{saveErrorText(save.error)}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Typography role="status" variant="body2" color={save.isError ? "error" : "text.secondary"} sx={{ mr: "auto", pl: 2 }}>
          {status}
        </Typography>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="contained" loading={save.isPending} disabled={!draft.name.trim()}>
          {stored ? "Save" : "Create"}
        </Button>
      </DialogActions>
    </form>
  );
}
