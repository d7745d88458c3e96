/** AI type suggestions: domain, kind and count start a job; its live progress, then the
 *  suggestions with checkboxes; "Add selected" creates those types. */
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import Chip from "@mui/material/Chip";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api, unwrap } from "@/api/client";
import { JobProgress } from "@/features/jobs/JobProgress";
import { followJob, type Job } from "@/features/jobs/api";
import { toast } from "@/lib/toasts";
import { createType, ontologyKeys } from "./api";
import { KIND_LABEL, TYPE_KINDS, type OntologyType, type TypeKind } from "./kinds";
import { readSuggestions, suggestionBody, type Suggestion } from "./suggestions";

interface Props { open: boolean; personaId: string; initialKind: TypeKind; existing: readonly OntologyType[]; onClose: () => void }

const confidenceColor = (c: number) => (c >= 0.8 ? "success" : c >= 0.6 ? "warning" : "error");

function SuggestionRow({ suggestion, checked, onToggle }: { suggestion: Suggestion; checked: boolean; onToggle: (on: boolean) => void }) {
  return (
    <Box component="li" sx={{ display: "flex", gap: 1, alignItems: "flex-start" }}>
      <Checkbox checked={checked} onChange={(e) => onToggle(e.target.checked)}
        slotProps={{ input: { "aria-label": `Add ${suggestion.name}` } }} />
      <Box sx={{ flex: 1 }}>
        <Box sx={{ display: "flex", gap: 1, alignItems: "center" }}>
          <Typography sx={{ fontWeight: 600 }}>{suggestion.name}</Typography>
          <Chip size="small" label={`${KIND_LABEL[suggestion.kind]} type`} />
          {suggestion.confidence !== null && (
            <Chip size="small" color={confidenceColor(suggestion.confidence)} label={`${Math.round(suggestion.confidence * 100)}%`} />
          )}
          {suggestion.parent && <Chip size="small" variant="outlined" label={`extends ${suggestion.parent}`} />}
        </Box>
        <Typography variant="body2">{suggestion.description}</Typography>
        {suggestion.examples.length > 0 && <Typography variant="caption" color="text.secondary">Examples: {suggestion.examples.join("; ")}</Typography>}
      </Box>
    </Box>
  );
}

function SuggestForm({ personaId, initialKind, existing, onClose }: Omit<Props, "open">) {
  const queries = useQueryClient();
  const [domain, setDomain] = useState("");
  const [kind, setKind] = useState<TypeKind | "any">(initialKind);
  const [count, setCount] = useState(10);
  const [job, setJob] = useState<Job | null>(null);
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const suggestions = job?.state === "completed" ? readSuggestions(job.result) : [];

  const jobId = job?.id;
  // Follow the job from when it starts; the stream ends itself at the terminal state.
  useEffect(() => (jobId ? followJob(jobId, setJob) : undefined), [jobId]);

  const submit = useMutation({
    mutationFn: async () => unwrap(await api.POST("/api/personas/{persona_id}/suggest-types", {
      params: { path: { persona_id: personaId } },
      body: { domain, kind: kind === "any" ? null : kind, count },
    })),
    onSuccess: (started) => { setPicked(new Set()); setJob(started); },
  });
  const add = useMutation({
    mutationFn: async () => {
      const chosen = suggestions.filter((_, i) => picked.has(i));
      for (const s of chosen) await createType(personaId, s.kind, suggestionBody(s, existing));
      return chosen.length;
    },
    onSuccess: (n) => { toast.success(`Added ${n} types`); onClose(); },
    onError: (error) => toast.error(`Adding failed: ${error.message}`),
    onSettled: () => queries.invalidateQueries({ queryKey: ontologyKeys.persona(personaId) }),
  });
  const running = job !== null && job.state !== "completed" && job.state !== "failed" && job.state !== "cancelled";
  return (
    <>
      <DialogTitle id="suggest-title">Suggest types</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField label="Domain" multiline minRows={2} value={domain} onChange={(e) => setDomain(e.target.value)}
            placeholder="e.g. maritime surveillance of fishing vessels" />
          <Box sx={{ display: "flex", gap: 2 }}>
            <TextField select label="Kind" value={kind} onChange={(e) => setKind(e.target.value as TypeKind | "any")} sx={{ width: 200 }}>
              <MenuItem value="any">Any kind</MenuItem>
              {TYPE_KINDS.map((k) => <MenuItem key={k} value={k}>{KIND_LABEL[k]} types</MenuItem>)}
            </TextField>
            <TextField label="Number of suggestions" type="number" value={count} sx={{ width: 200 }}
              onChange={(e) => setCount(Math.min(50, Math.max(1, Number(e.target.value) || 1)))}
              slotProps={{ htmlInput: { min: 1, max: 50 } }} />
            <Button variant="contained" onClick={() => submit.mutate()} loading={submit.isPending || running}>Generate</Button>
          </Box>
          {submit.isError && <Alert severity="error">{submit.error.message}</Alert>}
          {job && running && (
            <Box>
              <JobProgress job={job} label="Suggestion progress" />
              <Typography variant="caption" color="text.secondary">{job.stage || job.state}</Typography>
            </Box>
          )}
          {job?.state === "failed" && <Alert severity="error">The suggestion job failed: {job.error ?? "no message"}</Alert>}
          {job?.state === "completed" && suggestions.length === 0 && <Typography color="text.secondary">No suggestions came back.</Typography>}
          <Box component="ul" aria-label="Suggestions" sx={{ p: 0, m: 0, listStyle: "none", display: "grid", gap: 1 }}>
            {suggestions.map((s, i) => (
              <SuggestionRow key={`${s.kind}-${s.name}`} suggestion={s} checked={picked.has(i)}
                onToggle={(on) => { const next = new Set(picked); if (on) next.add(i); else next.delete(i); setPicked(next); }} />
            ))}
          </Box>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button variant="contained" disabled={picked.size === 0} loading={add.isPending} onClick={() => add.mutate()}>
          Add selected ({picked.size})
        </Button>
      </DialogActions>
    </>
  );
}

export function SuggestTypesDialog({ open, ...rest }: Props) {
  return (
    <Dialog open={open} onClose={rest.onClose} fullWidth maxWidth="md" aria-labelledby="suggest-title">
      {open && <SuggestForm {...rest} />}
    </Dialog>
  );
}
