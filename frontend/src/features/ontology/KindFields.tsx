/** The fields only some kinds have: event role slots and parent, role fillers, relation ends. */
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import FormControl from "@mui/material/FormControl";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormGroup from "@mui/material/FormGroup";
import FormLabel from "@mui/material/FormLabel";
import IconButton from "@mui/material/IconButton";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import Switch from "@mui/material/Switch";
import TextField from "@mui/material/TextField";
import AddIcon from "@mui/icons-material/Add";
import DeleteIcon from "@mui/icons-material/Delete";
import { FILLER_KINDS, RELATION_ENDS, type OntologyType, type TypeDraft } from "./kinds";

interface Props {
  draft: TypeDraft;
  change: (patch: Partial<TypeDraft>) => void;
  /** The persona's types (role slot and parent choices); `selfId` is left out of parents. */
  types: readonly OntologyType[];
  selfId?: string;
}

/** A set of kinds as checkboxes; at least one stays checked. */
function KindSet<K extends string>({ label, all, value, onChange }: {
  label: string; all: readonly K[]; value: readonly K[]; onChange: (next: K[]) => void;
}) {
  const toggle = (kind: K, on: boolean) => {
    const next = on ? [...value, kind] : value.filter((k) => k !== kind);
    if (next.length > 0) onChange(all.filter((k) => next.includes(k)));
  };
  return (
    <FormControl component="fieldset">
      <FormLabel component="legend">{label}</FormLabel>
      <FormGroup row>
        {all.map((kind) => (
          <FormControlLabel key={kind} label={kind}
            control={<Checkbox checked={value.includes(kind)} onChange={(e) => toggle(kind, e.target.checked)} />} />
        ))}
      </FormGroup>
    </FormControl>
  );
}

function RoleSlots({ draft, change, types }: Props) {
  const roleTypes = types.filter((t) => t.kind === "role");
  const used = new Set(draft.roles.map((slot) => slot.role_type_id));
  const free = roleTypes.filter((t) => !used.has(t.id));
  const name = (id: string) => roleTypes.find((t) => t.id === id)?.name ?? id.slice(0, 8);
  const setSlot = (index: number, patch: Partial<TypeDraft["roles"][number]>) =>
    change({ roles: draft.roles.map((slot, i) => (i === index ? { ...slot, ...patch } : slot)) });
  return (
    <FormControl component="fieldset">
      <FormLabel component="legend">Role slots</FormLabel>
      <Stack spacing={1} component="ul" aria-label="Role slots" sx={{ p: 0, m: 0, listStyle: "none" }}>
        {draft.roles.map((slot, index) => (
          <Box component="li" key={slot.role_type_id} sx={{ display: "flex", alignItems: "center", gap: 1 }}>
            <TextField select size="small" label={`Role ${index + 1}`} value={slot.role_type_id} sx={{ minWidth: 220 }}
              onChange={(e) => setSlot(index, { role_type_id: e.target.value })}>
              {[...roleTypes.filter((t) => t.id === slot.role_type_id), ...free].map((t) => (
                <MenuItem key={t.id} value={t.id}>{t.name}</MenuItem>
              ))}
            </TextField>
            <FormControlLabel label="Optional" control={
              <Checkbox checked={slot.optional} onChange={(e) => setSlot(index, { optional: e.target.checked })} />} />
            <IconButton aria-label={`Remove role slot ${name(slot.role_type_id)}`}
              onClick={() => change({ roles: draft.roles.filter((_, i) => i !== index) })}>
              <DeleteIcon />
            </IconButton>
          </Box>
        ))}
      </Stack>
      <Box>
        <Button startIcon={<AddIcon />} disabled={free.length === 0}
          onClick={() => free[0] && change({ roles: [...draft.roles, { role_type_id: free[0].id, optional: false }] })}>
          Add role slot
        </Button>
        {roleTypes.length === 0 && <FormLabel sx={{ fontSize: 12 }}>Create role types first.</FormLabel>}
      </Box>
    </FormControl>
  );
}

export function KindFields(props: Props) {
  const { draft, change, types, selfId } = props;
  switch (draft.kind) {
    case "event":
      return (
        <Stack spacing={2}>
          <RoleSlots {...props} />
          <TextField select label="Parent event type" value={draft.parent_id ?? ""}
            onChange={(e) => change({ parent_id: e.target.value || null })}>
            <MenuItem value="">None</MenuItem>
            {types.filter((t) => t.kind === "event" && t.id !== selfId).map((t) => (
              <MenuItem key={t.id} value={t.id}>{t.name}</MenuItem>
            ))}
          </TextField>
        </Stack>
      );
    case "role":
      return <KindSet label="Allowed fillers" all={FILLER_KINDS} value={draft.allowed_fillers}
        onChange={(allowed_fillers) => change({ allowed_fillers })} />;
    case "relation":
      return (
        <Stack spacing={1}>
          <KindSet label="Source kinds" all={RELATION_ENDS} value={draft.source_kinds} onChange={(source_kinds) => change({ source_kinds })} />
          <KindSet label="Target kinds" all={RELATION_ENDS} value={draft.target_kinds} onChange={(target_kinds) => change({ target_kinds })} />
          <FormGroup row>
            <FormControlLabel label="Symmetric" control={
              <Switch checked={draft.symmetric} onChange={(e) => change({ symmetric: e.target.checked })} />} />
            <FormControlLabel label="Transitive" control={
              <Switch checked={draft.transitive} onChange={(e) => change({ transitive: e.target.checked })} />} />
          </FormGroup>
        </Stack>
      );
    default:
      return null;
  }
}
