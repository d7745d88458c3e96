/** A collection: what kind of objects it groups, its members in order, and a free-text type. */
import Autocomplete from "@mui/material/Autocomplete";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import type { Draft } from "../draft";
import { memberKinds } from "../kinds";
import { SelectField, type Option } from "./SelectField";
import { useObjectOptions } from "./usePickers";

type CollectionDraft = Draft["collection"];
const KINDS = [{ value: "entity", label: "Entities and locations" }, { value: "event", label: "Events" }, { value: "time", label: "Times" }];

export function CollectionFields({ value, onChange }: { value: CollectionDraft; onChange: (value: CollectionDraft) => void }) {
  const options = useObjectOptions(memberKinds(value.kind));
  const byId = new Map(options.map((o) => [o.value, o]));
  const selected = value.memberIds.map((id): Option => byId.get(id) ?? { value: id, label: id });
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={1}>
        <SelectField label="Collection of" value={value.kind} options={KINDS}
          onChange={(kind) => onChange({ ...value, kind: kind as CollectionDraft["kind"], memberIds: [] })} />
        <TextField size="small" label="Collection type" placeholder="group, sequence, periodic…" value={value.collectionType}
          onChange={(e) => onChange({ ...value, collectionType: e.target.value })} />
      </Stack>
      <Autocomplete multiple size="small" options={options} value={selected} filterSelectedOptions
        isOptionEqualToValue={(a, b) => a.value === b.value} getOptionLabel={(o) => o.label}
        onChange={(_, members) => onChange({ ...value, memberIds: members.map((m) => m.value) })}
        renderInput={(params) => <TextField {...params} label="Members" />} />
    </Stack>
  );
}
