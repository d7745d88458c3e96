/** Import types from another persona: pick the persona, tick its types, import them as copies. */
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import FormControlLabel from "@mui/material/FormControlLabel";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { personaListQuery } from "@/features/personas/api";
import { toast } from "@/lib/toasts";
import { createType, ontologyKeys, ontologyTypesQuery, updateType } from "./api";
import { importPlan } from "./importPlan";
import { KIND_LABEL, TYPE_KINDS, type OntologyType } from "./kinds";

interface Props { open: boolean; personaId: string; onClose: () => void }

/** Runs the plan: creates in order, then the gloss patches; returns the names that failed. */
async function runImport(personaId: string, types: OntologyType[]): Promise<string[]> {
  const plan = importPlan(types, () => crypto.randomUUID());
  const versions = new Map<string, number>();
  const failed: string[] = [];
  for (const step of plan.creates) {
    try {
      versions.set(step.id, (await createType(personaId, step.kind, step.body)).version);
    } catch (error) {
      failed.push(`${step.name}: ${(error as Error).message}`);
    }
  }
  for (const patch of plan.patches) {
    const version = versions.get(patch.id);
    if (version !== undefined) await updateType(personaId, patch.kind, patch.id, { gloss: patch.gloss, version }).catch(() => undefined);
  }
  return failed;
}

function ImportForm({ personaId, onClose }: Omit<Props, "open">) {
  const queries = useQueryClient();
  const personas = useQuery(personaListQuery(""));
  const [sourceId, setSourceId] = useState("");
  const source = useQuery({ ...ontologyTypesQuery(sourceId), enabled: sourceId !== "" });
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const types = source.data ?? [];
  const run = useMutation({
    mutationFn: () => runImport(personaId, types.filter((t) => picked.has(t.id))),
    onSuccess: (failed) => {
      void queries.invalidateQueries({ queryKey: ontologyKeys.persona(personaId) });
      if (failed.length) toast.error(`Some types were not imported: ${failed.join("; ")}`);
      else toast.success(`Imported ${picked.size} types`);
      onClose();
    },
  });
  const toggle = (id: string, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(id); else next.delete(id);
    setPicked(next);
  };
  return (
    <>
      <DialogTitle id="import-types-title">Import types from another persona</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField select label="Source persona" value={sourceId} onChange={(e) => { setSourceId(e.target.value); setPicked(new Set()); }}>
            {(personas.data?.items ?? []).filter((p) => p.id !== personaId).map((p) => <MenuItem key={p.id} value={p.id}>{p.name}</MenuItem>)}
          </TextField>
          {sourceId && types.length === 0 && !source.isPending && <Typography color="text.secondary">That persona has no types.</Typography>}
          {types.length > 0 && (
            <Box sx={{ display: "flex", gap: 1, alignItems: "center" }}>
              <Button size="small" onClick={() => setPicked(new Set(types.map((t) => t.id)))}>Select all</Button>
              <Button size="small" onClick={() => setPicked(new Set())}>Select none</Button>
              <Typography variant="body2" role="status">{picked.size} selected</Typography>
            </Box>
          )}
          {TYPE_KINDS.map((kind) => {
            const ofKind = types.filter((t) => t.kind === kind);
            return ofKind.length === 0 ? null : (
              <Box key={kind} component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
                <Typography component="legend" variant="subtitle2">{KIND_LABEL[kind]} types</Typography>
                {ofKind.map((t) => (
                  <FormControlLabel key={t.id} label={t.name} sx={{ display: "flex" }}
                    control={<Checkbox checked={picked.has(t.id)} onChange={(e) => toggle(t.id, e.target.checked)} />} />
                ))}
              </Box>
            );
          })}
          {run.isError && <Alert severity="error">{run.error.message}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={picked.size === 0} loading={run.isPending} onClick={() => run.mutate()}>
          Import selected ({picked.size})
        </Button>
      </DialogActions>
    </>
  );
}

export function ImportTypesDialog({ open, ...rest }: Props) {
  return (
    <Dialog open={open} onClose={rest.onClose} fullWidth maxWidth="sm" aria-labelledby="import-types-title">
      {open && <ImportForm {...rest} />}
    </Dialog>
  );
}
