/** `/personas`: every persona with search; create, edit, copy and delete. */
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import CardActions from "@mui/material/CardActions";
import CardContent from "@mui/material/CardContent";
import CircularProgress from "@mui/material/CircularProgress";
import IconButton from "@mui/material/IconButton";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import AddIcon from "@mui/icons-material/Add";
import ContentCopyIcon from "@mui/icons-material/ContentCopy";
import DeleteIcon from "@mui/icons-material/Delete";
import EditIcon from "@mui/icons-material/Edit";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link as RouterLink } from "react-router";
import { useCommands } from "@/lib/commands";
import { useDebouncedValue } from "@/lib/useDebouncedValue";
import { personaListQuery, useCopyPersona, type Persona } from "./api";
import { DeletePersonaDialog } from "./DeletePersonaDialog";
import { PersonaFormDialog } from "./PersonaFormDialog";

function PersonaCard({ persona, onEdit, onDelete }: { persona: Persona; onEdit: () => void; onDelete: () => void }) {
  const copy = useCopyPersona();
  return (
    <Card component="li" variant="outlined" sx={{ listStyle: "none" }}>
      <CardContent sx={{ pb: 0 }}>
        <Link component={RouterLink} to={`/personas/${persona.id}`} variant="h6" underline="hover">
          {persona.name}
        </Link>
        <Typography variant="body2" color="text.secondary">{persona.role}</Typography>
        <Typography variant="body2" sx={{ mt: 1 }}>{persona.information_need}</Typography>
      </CardContent>
      <CardActions>
        <Tooltip title="Edit"><IconButton aria-label={`Edit ${persona.name}`} onClick={onEdit}><EditIcon /></IconButton></Tooltip>
        <Tooltip title="Copy with its ontology">
          <IconButton aria-label={`Copy ${persona.name}`} onClick={() => copy.mutate(persona)} disabled={copy.isPending}>
            <ContentCopyIcon />
          </IconButton>
        </Tooltip>
        <Tooltip title="Delete"><IconButton aria-label={`Delete ${persona.name}`} onClick={onDelete}><DeleteIcon /></IconButton></Tooltip>
      </CardActions>
    </Card>
  );
}

export function PersonaListPage() {
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 250);
  const personas = useQuery(personaListQuery(q));
  const [editing, setEditing] = useState<Persona | "new" | null>(null);
  const [deleting, setDeleting] = useState<Persona | null>(null);
  useCommands(() => [
    { id: "personas.new", title: "New persona", category: "Personas", shortcut: "N", perform: () => setEditing("new") },
  ], []);

  return (
    <Stack spacing={2}>
      <Box sx={{ display: "flex", alignItems: "center", gap: 2 }}>
        <Typography variant="h5" component="h1">Personas</Typography>
        <TextField size="small" label="Search personas" value={search} onChange={(e) => setSearch(e.target.value)}
          slotProps={{ htmlInput: { "data-search-input": true } }} sx={{ ml: "auto", width: 320 }} />
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing("new")}>New persona</Button>
      </Box>
      {personas.isPending && <CircularProgress aria-label="Loading personas" />}
      {personas.isError && <Alert severity="error">Could not load personas: {personas.error.message}</Alert>}
      {personas.data && personas.data.items.length === 0 && (
        <Typography color="text.secondary">{q ? "No persona matches." : "No personas yet: create one."}</Typography>
      )}
      <Box component="ul" aria-label="Personas" sx={{ p: 0, m: 0, display: "grid", gap: 2, gridTemplateColumns: "repeat(auto-fill, minmax(300px, 1fr))" }}>
        {personas.data?.items.map((persona) => (
          <PersonaCard key={persona.id} persona={persona} onEdit={() => setEditing(persona)} onDelete={() => setDeleting(persona)} />
        ))}
      </Box>
      <PersonaFormDialog open={editing !== null} onClose={() => setEditing(null)}
        persona={editing === "new" || editing === null ? undefined : editing} />
      <DeletePersonaDialog persona={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}
