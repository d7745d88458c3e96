/** Per-persona type assignments, each with a confidence (0-1). */
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import AddIcon from "@mui/icons-material/Add";
import DeleteIcon from "@mui/icons-material/Delete";
import type { TypeKind } from "../kinds";
import type { AssignmentDraft } from "../draft";
import { SelectField } from "./SelectField";
import { usePersonaOptions, useTypeOptions } from "./usePickers";

function AssignmentRow(props: { index: number; value: AssignmentDraft; typeKind: TypeKind;
  onChange: (value: AssignmentDraft) => void; onRemove: () => void }) {
  const { index, value, typeKind, onChange, onRemove } = props;
  const personas = usePersonaOptions();
  const types = useTypeOptions(value.persona_id, typeKind);
  const n = index + 1;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
      <SelectField label={`Assignment ${n} persona`} value={value.persona_id} options={personas} empty="Choose…"
        onChange={(persona_id) => onChange({ ...value, persona_id, type_id: "" })} />
      <SelectField label={`Assignment ${n} type`} value={value.type_id} options={types} empty="Choose…"
        disabled={!value.persona_id} onChange={(type_id) => onChange({ ...value, type_id })} />
      <TextField label={`Assignment ${n} confidence`} size="small" type="number" value={value.confidence} sx={{ width: 170 }}
        slotProps={{ htmlInput: { min: 0, max: 1, step: 0.05 } }} onChange={(e) => onChange({ ...value, confidence: e.target.value })} />
      <IconButton aria-label={`Remove assignment ${n}`} onClick={onRemove}><DeleteIcon /></IconButton>
    </Stack>
  );
}

export function AssignmentsField(props: { value: AssignmentDraft[]; typeKind: TypeKind; onChange: (value: AssignmentDraft[]) => void }) {
  const { value, typeKind, onChange } = props;
  return (
    <Stack spacing={1} component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle2">Type assignments ({typeKind} types)</Typography>
      {value.map((assignment, index) => (
        <AssignmentRow key={index} index={index} value={assignment} typeKind={typeKind}
          onChange={(next) => onChange(value.map((a, i) => (i === index ? next : a)))}
          onRemove={() => onChange(value.filter((_, i) => i !== index))} />
      ))}
      <Button size="small" startIcon={<AddIcon />} sx={{ alignSelf: "flex-start" }}
        onClick={() => onChange([...value, { persona_id: "", type_id: "", confidence: "" }])}>
        Add type assignment
      </Button>
    </Stack>
  );
}
