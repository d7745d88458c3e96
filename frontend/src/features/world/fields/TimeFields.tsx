/** A time: an instant or an interval, vagueness, granularity, and the videos it refers to. */
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import AddIcon from "@mui/icons-material/Add";
import DeleteIcon from "@mui/icons-material/Delete";
import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";
import type { Draft } from "../draft";
import { SelectField } from "./SelectField";

type TimeDraft = Draft["time"];
const VAGUENESS = ["approximate", "bounded", "fuzzy"].map((v) => ({ value: v, label: v }));
const GRANULARITY = ["millisecond", "second", "minute", "hour", "day", "week", "month", "year"].map((v) => ({ value: v, label: v }));

function useVideoOptions() {
  const videos = useQuery({
    queryKey: ["videos", "list", "picker"],
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/videos", { params: { query: { page_size: 500, sort: "title" } }, signal })).items,
    staleTime: 30_000,
  });
  return (videos.data ?? []).map((v) => ({ value: v.id, label: v.title }));
}

function DateTime({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return <TextField size="small" type="datetime-local" label={label} value={value} slotProps={{ inputLabel: { shrink: true } }}
    onChange={(e) => onChange(e.target.value)} />;
}

export function TimeFields({ value, onChange }: { value: TimeDraft; onChange: (value: TimeDraft) => void }) {
  const videos = useVideoOptions();
  const setRefs = (videoRefs: TimeDraft["videoRefs"]) => onChange({ ...value, videoRefs });
  return (
    <Stack spacing={1.5}>
      <ToggleButtonGroup exclusive size="small" value={value.type} aria-label="Time shape"
        onChange={(_, type: TimeDraft["type"] | null) => type && onChange({ ...value, type })}>
        <ToggleButton value="instant">Instant</ToggleButton>
        <ToggleButton value="interval">Interval</ToggleButton>
      </ToggleButtonGroup>
      {value.type === "instant" ? (
        <DateTime label="Timestamp" value={value.timestamp} onChange={(timestamp) => onChange({ ...value, timestamp })} />
      ) : (
        <Stack direction="row" spacing={1}>
          <DateTime label="Start" value={value.start} onChange={(start) => onChange({ ...value, start })} />
          <DateTime label="End" value={value.end} onChange={(end) => onChange({ ...value, end })} />
        </Stack>
      )}
      <Stack direction="row" spacing={1}>
        <SelectField label="Vagueness" value={value.vagueness} options={VAGUENESS} empty="Exact"
          onChange={(v) => onChange({ ...value, vagueness: v as TimeDraft["vagueness"] })} />
        <TextField size="small" label="Vagueness description" value={value.vaguenessDescription} disabled={!value.vagueness}
          onChange={(e) => onChange({ ...value, vaguenessDescription: e.target.value })} />
        <SelectField label="Granularity" value={value.granularity} options={GRANULARITY} empty="Unset"
          onChange={(granularity) => onChange({ ...value, granularity })} />
      </Stack>
      {value.videoRefs.map((ref, i) => (
        <Stack key={i} direction="row" spacing={1} sx={{ alignItems: "center" }}>
          <SelectField label={`Video reference ${i + 1}`} value={ref.video_id} options={videos} empty="Choose…"
            onChange={(video_id) => setRefs(value.videoRefs.map((r, j) => (j === i ? { ...r, video_id } : r)))} />
          <TextField size="small" type="number" label={`Video reference ${i + 1} frame`} value={ref.frame}
            slotProps={{ htmlInput: { min: 0, step: 1 } }}
            onChange={(e) => setRefs(value.videoRefs.map((r, j) => (j === i ? { ...r, frame: e.target.value } : r)))} />
          <IconButton aria-label={`Remove video reference ${i + 1}`} onClick={() => setRefs(value.videoRefs.filter((_, j) => j !== i))}><DeleteIcon /></IconButton>
        </Stack>
      ))}
      <Button size="small" startIcon={<AddIcon />} sx={{ alignSelf: "flex-start" }}
        onClick={() => setRefs([...value.videoRefs, { video_id: "", frame: "" }])}>Add video reference</Button>
    </Stack>
  );
}
