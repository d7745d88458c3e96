/** An event: when and where (a time and a location object), certainty, and per-persona interpretations. */
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import AddIcon from "@mui/icons-material/Add";
import DeleteIcon from "@mui/icons-material/Delete";
import type { Draft, InterpretationDraft, ParticipantDraft } from "../draft";
import { SelectField } from "./SelectField";
import { useObjectOptions, usePersonaOptions, useTypeOptions } from "./usePickers";

type EventDraft = Draft["event"];
const PARTICIPANT_KINDS = ["entity", "location", "event"] as const;

function ParticipantRow(props: { label: string; personaId: string; value: ParticipantDraft; onChange: (p: ParticipantDraft) => void; onRemove: () => void }) {
  const { label, personaId, value, onChange, onRemove } = props;
  const objects = useObjectOptions(PARTICIPANT_KINDS);
  const roles = useTypeOptions(personaId, "role");
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
      <SelectField label={`${label} object`} value={value.object_id} options={objects} empty="Choose…" onChange={(object_id) => onChange({ ...value, object_id })} />
      <SelectField label={`${label} role`} value={value.role_type_id} options={roles} empty="Choose…" onChange={(role_type_id) => onChange({ ...value, role_type_id })} />
      <IconButton aria-label={`Remove ${label.toLowerCase()}`} onClick={onRemove}><DeleteIcon /></IconButton>
    </Stack>
  );
}

function InterpretationCard(props: { index: number; value: InterpretationDraft; onChange: (v: InterpretationDraft) => void; onRemove: () => void }) {
  const { index, value, onChange, onRemove } = props;
  const personas = usePersonaOptions();
  const eventTypes = useTypeOptions(value.persona_id, "event");
  const n = index + 1;
  const setParticipants = (participants: ParticipantDraft[]) => onChange({ ...value, participants });
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} component="section" aria-label={`Interpretation ${n}`}>
      <Stack spacing={1}>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
          <SelectField label={`Interpretation ${n} persona`} value={value.persona_id} options={personas} empty="Choose…"
            onChange={(persona_id) => onChange({ ...value, persona_id, event_type_id: "" })} />
          <SelectField label={`Interpretation ${n} event type`} value={value.event_type_id} options={eventTypes} empty="Choose…"
            disabled={!value.persona_id} onChange={(event_type_id) => onChange({ ...value, event_type_id })} />
          <IconButton aria-label={`Remove interpretation ${n}`} onClick={onRemove}><DeleteIcon /></IconButton>
        </Stack>
        {value.participants.map((p, i) => (
          <ParticipantRow key={i} label={`Interpretation ${n} participant ${i + 1}`} personaId={value.persona_id} value={p}
            onChange={(next) => setParticipants(value.participants.map((q, j) => (j === i ? next : q)))}
            onRemove={() => setParticipants(value.participants.filter((_, j) => j !== i))} />
        ))}
        <Button size="small" startIcon={<AddIcon />} sx={{ alignSelf: "flex-start" }} disabled={!value.persona_id}
          onClick={() => setParticipants([...value.participants, { object_id: "", role_type_id: "" }])}>
          Add participant to interpretation {n}
        </Button>
      </Stack>
    </Paper>
  );
}

export function EventFields({ value, onChange }: { value: EventDraft; onChange: (value: EventDraft) => void }) {
  const times = useObjectOptions(["time"]);
  const locations = useObjectOptions(["location"]);
  const set = (interpretations: InterpretationDraft[]) => onChange({ ...value, interpretations });
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={1}>
        <SelectField label="Time" value={value.timeId} options={times} empty="None" onChange={(timeId) => onChange({ ...value, timeId })} />
        <SelectField label="Location" value={value.locationId} options={locations} empty="None" onChange={(locationId) => onChange({ ...value, locationId })} />
        <TextField label="Certainty" size="small" type="number" value={value.certainty} sx={{ width: 130 }}
          slotProps={{ htmlInput: { min: 0, max: 1, step: 0.05 } }} onChange={(e) => onChange({ ...value, certainty: e.target.value })} />
      </Stack>
      <Typography variant="subtitle2" component="h3">Interpretations (one per persona)</Typography>
      {value.interpretations.map((interpretation, i) => (
        <InterpretationCard key={i} index={i} value={interpretation}
          onChange={(next) => set(value.interpretations.map((q, j) => (j === i ? next : q)))}
          onRemove={() => set(value.interpretations.filter((_, j) => j !== i))} />
      ))}
      <Button size="small" startIcon={<AddIcon />} sx={{ alignSelf: "flex-start" }}
        onClick={() => set([...value.interpretations, { persona_id: "", event_type_id: "", participants: [] }])}>
        Add interpretation
      </Button>
    </Stack>
  );
}
