/** The persona to summarize for, the summary options, and "Summarize all" for the page shown. */
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import FormControlLabel from "@mui/material/FormControlLabel";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import SummarizeIcon from "@mui/icons-material/Summarize";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { personaListQuery } from "@/features/world/personas";
import type { Video } from "./api";
import { useSummarize, useSummaryStore } from "./summaries";

export function SummaryToolbar({ videos }: { videos: readonly Video[] }) {
  const personas = useQuery(personaListQuery());
  const options = useSummaryStore((s) => s.options);
  const setOptions = useSummaryStore((s) => s.setOptions);
  const summarize = useSummarize();
  const [busy, setBusy] = useState(false);
  const known = personas.data?.some((p) => p.id === options.personaId) ?? false;
  const personaId = known ? options.personaId : "";
  const onSummarizeAll = async () => {
    setBusy(true);
    try {
      await summarize(videos);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack direction="row" spacing={1.5} component="section" aria-label="Summaries" sx={{ alignItems: "center", flexWrap: "wrap", gap: 1 }}>
      <TextField select size="small" label="Summary persona" value={personaId} sx={{ minWidth: 220 }}
        onChange={(e) => setOptions({ personaId: e.target.value })}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}>
        <option value="">{personas.data?.length === 0 ? "No personas yet" : "Choose a persona…"}</option>
        {(personas.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
      </TextField>
      <FormControlLabel label="Transcribe audio"
        control={<Checkbox size="small" checked={options.transcribe} onChange={(e) => setOptions({ transcribe: e.target.checked })} />} />
      <FormControlLabel label="Detect objects"
        control={<Checkbox size="small" checked={options.detect} onChange={(e) => setOptions({ detect: e.target.checked })} />} />
      <TextField size="small" type="number" label="Key frames" value={options.maxKeyFrames} sx={{ width: 110 }}
        slotProps={{ htmlInput: { min: 1, max: 64 } }} onChange={(e) => setOptions({ maxKeyFrames: Number(e.target.value) })} />
      <Button variant="outlined" startIcon={<SummarizeIcon />} disabled={!personaId || videos.length === 0} loading={busy}
        onClick={() => void onSummarizeAll()}>
        Summarize all ({videos.length})
      </Button>
    </Stack>
  );
}
