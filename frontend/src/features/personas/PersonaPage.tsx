/** `/personas/:id`: a persona's description (read-only until the ontology builder lands). */
import Alert from "@mui/material/Alert";
import CircularProgress from "@mui/material/CircularProgress";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import { api, unwrap } from "@/api/client";
import { FactList } from "@/components/ui/FactList";

export const personaQuery = (id: string) =>
  queryOptions({
    queryKey: ["personas", "detail", id],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/personas/{persona_id}", { params: { path: { persona_id: id } }, signal })),
  });

export function PersonaPage() {
  const { id = "" } = useParams();
  const persona = useQuery(personaQuery(id));
  if (persona.isPending) return <CircularProgress aria-label="Loading persona" />;
  if (persona.isError) return <Alert severity="error">Could not load the persona: {persona.error.message}</Alert>;
  const p = persona.data;
  return (
    <Stack spacing={2} sx={{ maxWidth: 900 }}>
      <Typography variant="h5" component="h1">{p.name}</Typography>
      <FactList label="Persona facts" facts={[
        ["Role", p.role || "–"],
        ["Information need", p.information_need || "–"],
        ["Details", p.details || "–"],
        ["Updated", new Date(p.updated_at).toLocaleString()],
      ]} />
    </Stack>
  );
}
