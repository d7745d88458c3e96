/** Search box, tag/state/annotation/summary filters and sort of the video browser. */
import FormControl from "@mui/material/FormControl";
import InputLabel from "@mui/material/InputLabel";
import MenuItem from "@mui/material/MenuItem";
import Select from "@mui/material/Select";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useEffect, useId, useState } from "react";
import { SORTS, VIDEO_STATES, type Presence, type VideoFilters } from "./filters";
import { useDebouncedValue } from "@/lib/useDebouncedValue";

const DEBOUNCE_MS = 300;

interface Props {
  filters: VideoFilters;
  onChange: (change: Partial<VideoFilters>) => void;
}

/** A text field that reports its value once typing pauses, and follows outside changes (Back). */
function DebouncedField(props: { label: string; value: string; onCommit: (v: string) => void; search?: boolean }) {
  const { label, value, onCommit, search } = props;
  const [draft, setDraft] = useState(value);
  const debounced = useDebouncedValue(draft, DEBOUNCE_MS);
  useEffect(() => setDraft(value), [value]);
  // Only a settled draft commits; a change of `value` from outside must not re-commit it.
  useEffect(() => {
    if (debounced !== value) onCommit(debounced);
  }, [debounced]);
  return (
    <TextField
      size="small"
      label={label}
      type={search ? "search" : "text"}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => e.key === "Enter" && onCommit(draft)}
      slotProps={{ htmlInput: search ? { "data-search-input": true } : {} }}
      sx={{ minWidth: search ? 280 : 160 }}
    />
  );
}

function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  const id = useId();
  return (
    <FormControl size="small" sx={{ minWidth: 150 }}>
      <InputLabel id={id}>{props.label}</InputLabel>
      <Select labelId={id} label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((option) => (
          <MenuItem key={option.value} value={option.value}>
            {option.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

const PRESENCE_OPTIONS = (noun: string): { value: Presence; label: string }[] => [
  { value: "any", label: "Any" },
  { value: "yes", label: `With ${noun}` },
  { value: "no", label: `Without ${noun}` },
];
const STATE_OPTIONS = [{ value: "all", label: "All states" }, ...VIDEO_STATES.map((s) => ({ value: s, label: s }))];

export function VideoFilterBar({ filters, onChange }: Props) {
  return (
    <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: "wrap", alignItems: "center" }}>
      <DebouncedField label="Search videos" value={filters.q} onCommit={(q) => onChange({ q })} search />
      <DebouncedField label="Tag" value={filters.tag} onCommit={(tag) => onChange({ tag })} />
      <SelectField label="State" value={filters.state ?? "all"} options={STATE_OPTIONS}
        onChange={(v) => onChange({ state: v === "all" ? null : (v as VideoFilters["state"]) })} />
      <SelectField label="Annotations" value={filters.annotations} options={PRESENCE_OPTIONS("annotations")}
        onChange={(annotations) => onChange({ annotations })} />
      <SelectField label="Summaries" value={filters.summaries} options={PRESENCE_OPTIONS("summaries")}
        onChange={(summaries) => onChange({ summaries })} />
      <SelectField label="Sort by" value={filters.sort} options={SORTS} onChange={(sort) => onChange({ sort })} />
    </Stack>
  );
}
