/** `/world/:kind/:id`: one world object, read-only (the world editors are a later slice). */
import Alert from "@mui/material/Alert";
import Chip from "@mui/material/Chip";
import CircularProgress from "@mui/material/CircularProgress";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { Link as RouterLink, useParams } from "react-router";
import { api, unwrap, type Schemas } from "@/api/client";
import { FactList } from "@/components/ui/FactList";

export type ObjectKind = Schemas["ObjectRef"]["object_kind"];
type GlossPart = Schemas["EntityRead"]["description"][number];

const KINDS: Record<string, ObjectKind> = {
  entity: "entity", entities: "entity", location: "location", locations: "location",
  event: "event", events: "event", time: "time", times: "time",
  collection: "collection", collections: "collection",
};

async function fetchObject(kind: ObjectKind, id: string, signal: AbortSignal) {
  const options = { params: { path: { object_id: id } }, signal };
  switch (kind) {
    case "entity": return unwrap(await api.GET("/api/world/entities/{object_id}", options));
    case "location": return unwrap(await api.GET("/api/world/locations/{object_id}", options));
    case "event": return unwrap(await api.GET("/api/world/events/{object_id}", options));
    case "time": return unwrap(await api.GET("/api/world/times/{object_id}", options));
    case "collection": return unwrap(await api.GET("/api/world/collections/{object_id}", options));
  }
}

const worldObjectQuery = (kind: ObjectKind, id: string) =>
  queryOptions({
    queryKey: ["world", kind, id],
    queryFn: ({ signal }) => fetchObject(kind, id, signal),
  });

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

export function WorldObjectPage() {
  const { kind: kindParam = "", id = "" } = useParams();
  const kind = KINDS[kindParam];
  const object = useQuery({ ...worldObjectQuery(kind ?? "entity", id), enabled: kind !== undefined });
  if (!kind) return <Alert severity="error">Unknown kind of world object: {kindParam}</Alert>;
  if (object.isPending) return <CircularProgress aria-label="Loading world object" />;
  if (object.isError) return <Alert severity="error">Could not load the {kind}: {object.error.message}</Alert>;
  const o = object.data;
  return (
    <Stack spacing={2} sx={{ maxWidth: 900 }}>
      <Typography variant="overline">{kind}</Typography>
      <Typography variant="h5" component="h1">{o.name}</Typography>
      <Gloss parts={o.description} />
      <FactList label="Object facts" facts={[
        ["Alternate names", o.alternate_names.join(", ") || "–"],
        ["Wikidata", o.wikidata_id ?? "–"],
        ["Updated", new Date(o.updated_at).toLocaleString()],
        ...("attributes" in o ? [["Attributes", JSON.stringify(o.attributes)] as const] : []),
      ]} />
    </Stack>
  );
}
