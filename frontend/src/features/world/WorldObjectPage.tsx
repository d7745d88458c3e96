/** `/world/:kind/:id`: one world object, with edit and delete. */
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import CircularProgress from "@mui/material/CircularProgress";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import DeleteIcon from "@mui/icons-material/Delete";
import EditIcon from "@mui/icons-material/Edit";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link as RouterLink, useNavigate, useParams } from "react-router";
import type { Schemas } from "@/api/client";
import { FactList } from "@/components/ui/FactList";
import { useDeleteObject, worldObjectQuery } from "./api";
import { ConfirmDelete } from "./ConfirmDelete";
import { assignableTypeKind, kindFromSegment, type KindInfo, type WorldObject } from "./kinds";
import { ObjectEditor } from "./ObjectEditor";
import { objectSummary } from "./summary";
import { TypeChip } from "./TypeChip";

type GlossPart = Schemas["EntityRead"]["description"][number];

/** A stored gloss: text as text, references as chips (object references link to the object). */
function Gloss({ parts }: { parts: readonly GlossPart[] }) {
  return (
    <Typography component="div" sx={{ whiteSpace: "pre-wrap" }}>
      {parts.map((part, index) => {
        if (part.kind === "text") return <span key={index}>{part.text}</span>;
        if (part.kind === "object") {
          return <Chip key={index} size="small" clickable component={RouterLink}
            to={`/world/${part.object_kind}/${part.id}`} label={`@${part.object_kind}`} />;
        }
        return <Chip key={index} size="small" label={`${part.kind === "type" ? "#" : "^"}${part.kind}`} />;
      })}
    </Typography>
  );
}

function Readings({ object }: { object: WorldObject }) {
  const typeKind = assignableTypeKind(object.kind, object.kind === "collection" ? object.attributes.collection_kind : undefined);
  return (
    <Stack spacing={1}>
      {"type_assignments" in object && typeKind && object.type_assignments.length > 0 && (
        <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: "wrap" }} aria-label="Type assignments">
          {object.type_assignments.map((a) => <TypeChip key={`${a.persona_id}/${a.type_id}`} assignment={a} typeKind={typeKind} />)}
        </Stack>
      )}
      {object.kind === "event" && object.interpretations.map((i) => (
        <Stack key={i.persona_id} direction="row" spacing={0.5} sx={{ alignItems: "center" }}>
          <Typography variant="body2">Interpretation:</Typography>
          <TypeChip assignment={{ persona_id: i.persona_id, type_id: i.event_type_id, confidence: i.confidence }} typeKind="event" />
          <Typography variant="body2" color="text.secondary">{i.participants.length} participant{i.participants.length === 1 ? "" : "s"}</Typography>
        </Stack>
      ))}
    </Stack>
  );
}

function ObjectView({ info, object }: { info: KindInfo; object: WorldObject }) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useDeleteObject(info.kind);
  const navigate = useNavigate();
  return (
    <Stack spacing={2} sx={{ maxWidth: 900 }}>
      <Link component={RouterLink} to={`/world/${info.plural}`}>← {info.labelPlural}</Link>
      <Typography variant="overline">{info.label}</Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>{object.name}</Typography>
        <Button startIcon={<EditIcon />} variant="outlined" onClick={() => setEditing(true)}>Edit</Button>
        <Button startIcon={<DeleteIcon />} color="error" variant="outlined" onClick={() => setDeleting(true)}>Delete</Button>
      </Stack>
      <Gloss parts={object.description} />
      <Readings object={object} />
      <FactList label="Object facts" facts={[
        ["Details", objectSummary(object) || "–"],
        ["Alternate names", object.alternate_names.join(", ") || "–"],
        ["Wikidata", object.wikidata_id ?? "–"],
        ["Updated", new Date(object.updated_at).toLocaleString()],
      ]} />
      {editing && <ObjectEditor kind={info.kind} object={object} onClose={() => setEditing(false)} />}
      {deleting && (
        <ConfirmDelete name={object.name} busy={remove.isPending} onClose={() => setDeleting(false)}
          onConfirm={() => remove.mutate(object, { onSuccess: () => void navigate(`/world/${info.plural}`) })} />
      )}
    </Stack>
  );
}

export function WorldObjectPage() {
  const { kind: segment = "", id = "" } = useParams();
  const info = kindFromSegment(segment);
  const object = useQuery({ ...worldObjectQuery(info?.kind ?? "entity", id), enabled: info !== undefined });
  if (!info) return <Alert severity="error">Unknown kind of world object: {segment}</Alert>;
  if (object.isPending) return <CircularProgress aria-label="Loading world object" />;
  if (object.isError) return <Alert severity="error">Could not load the {info.label.toLowerCase()}: {object.error.message}</Alert>;
  return <ObjectView info={info} object={object.data} />;
}
