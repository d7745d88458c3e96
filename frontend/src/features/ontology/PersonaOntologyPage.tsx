/** `/personas/:id`: the persona and its ontology, one tab per kind of type (`?tab=event`). */
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import CircularProgress from "@mui/material/CircularProgress";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import Tab from "@mui/material/Tab";
import Tabs from "@mui/material/Tabs";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import AddIcon from "@mui/icons-material/Add";
import ArrowBackIcon from "@mui/icons-material/ArrowBack";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Link as RouterLink, useParams, useSearchParams } from "react-router";
import { worldObjectOptionsQuery } from "@/features/glosses/api";
import { useRefLabels } from "@/features/glosses/GlossEditor";
import { personaQuery, type Persona } from "@/features/personas/api";
import { PersonaFormDialog } from "@/features/personas/PersonaFormDialog";
import { useCommands } from "@/lib/commands";
import { ontologyTypesQuery } from "./api";
import { DeleteTypeDialog } from "./DeleteTypeDialog";
import { ImportTypesDialog } from "./ImportTypesDialog";
import { isTypeKind, KIND_LABEL, TYPE_KINDS, type OntologyType, type TypeKind } from "./kinds";
import { matchesSearch, typeOptions } from "./refs";
import { SuggestTypesDialog } from "./SuggestTypesDialog";
import { TypeEditorDialog, type EditTarget } from "./TypeEditorDialog";
import { TypeList } from "./TypeList";
import { WikidataDialog } from "./WikidataDialog";

type Overlay = "persona" | "import" | "wikidata" | "suggest" | null;

function Header({ persona, onEdit }: { persona: Persona; onEdit: () => void }) {
  return (
    <Box sx={{ display: "flex", alignItems: "flex-start", gap: 2 }}>
      <Box sx={{ flex: 1 }}>
        <Link component={RouterLink} to="/personas" sx={{ display: "inline-flex", alignItems: "center", gap: 0.5 }}>
          <ArrowBackIcon fontSize="small" /> All personas
        </Link>
        <Typography variant="h5" component="h1">{persona.name}</Typography>
        <Typography color="text.secondary">{persona.role} – {persona.information_need}</Typography>
      </Box>
      <Button variant="outlined" onClick={onEdit}>Edit persona</Button>
    </Box>
  );
}

export function PersonaOntologyPage() {
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: TypeKind = isTypeKind(params.get("tab")) ? (params.get("tab") as TypeKind) : "entity";
  const [search, setSearch] = useState("");
  const [editing, setEditing] = useState<EditTarget | null>(null);
  const [deleting, setDeleting] = useState<OntologyType | null>(null);
  const [overlay, setOverlay] = useState<Overlay>(null);
  const persona = useQuery(personaQuery(id));
  const types = useQuery(ontologyTypesQuery(id));
  const objects = useQuery(worldObjectOptionsQuery());
  const all = useMemo(() => types.data ?? [], [types.data]);
  const options = useMemo(() => typeOptions(all), [all]);
  const refLabel = useRefLabels(options, objects.data ?? []);
  const shown = all.filter((type) => matchesSearch(type, search, refLabel));
  const kindLabel = KIND_LABEL[tab].toLowerCase();

  useCommands(() => [
    { id: "ontology.newType", title: "New type (current tab)", category: "Ontology", shortcut: "N", perform: () => setEditing({ kind: tab }) },
    { id: "ontology.import", title: "Import types from another persona", category: "Ontology", perform: () => setOverlay("import") },
    { id: "ontology.wikidata", title: "Import a type from Wikidata", category: "Ontology", perform: () => setOverlay("wikidata") },
    { id: "ontology.suggest", title: "Suggest types with AI", category: "Ontology", perform: () => setOverlay("suggest") },
    { id: "ontology.editPersona", title: "Edit persona", category: "Ontology", perform: () => setOverlay("persona") },
  ], [tab]);

  if (persona.isPending) return <CircularProgress aria-label="Loading persona" />;
  if (persona.isError) return <Alert severity="error">Could not load the persona: {persona.error.message}</Alert>;

  return (
    <Stack spacing={2}>
      <Header persona={persona.data} onEdit={() => setOverlay("persona")} />
      <Box sx={{ display: "flex", gap: 1, alignItems: "center", flexWrap: "wrap" }}>
        <TextField size="small" label="Search types" value={search} onChange={(e) => setSearch(e.target.value)}
          slotProps={{ htmlInput: { "data-search-input": true } }} sx={{ width: 280 }} />
        <Box sx={{ flex: 1 }} />
        <Button onClick={() => setOverlay("import")}>Import from persona</Button>
        <Button onClick={() => setOverlay("wikidata")}>Import from Wikidata</Button>
        <Button onClick={() => setOverlay("suggest")}>Suggest types</Button>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing({ kind: tab })}>New {kindLabel} type</Button>
      </Box>
      <Tabs value={tab} onChange={(_, kind: TypeKind) => setParams({ tab: kind }, { replace: true })} aria-label="Kinds of type">
        {TYPE_KINDS.map((kind) => {
          const total = all.filter((t) => t.kind === kind).length;
          const found = shown.filter((t) => t.kind === kind).length;
          const count = search.trim() ? `${found}/${total}` : `${total}`;
          return <Tab key={kind} value={kind} label={`${KIND_LABEL[kind]} types (${count})`} id={`tab-${kind}`} aria-controls="type-panel" />;
        })}
      </Tabs>
      <Box role="tabpanel" id="type-panel" aria-labelledby={`tab-${tab}`}>
        {types.isPending && <CircularProgress aria-label="Loading types" />}
        {types.isError && <Alert severity="error">Could not load the types: {types.error.message}</Alert>}
        {types.data && (
          <TypeList label={`${KIND_LABEL[tab]} types`} types={shown.filter((t) => t.kind === tab)} all={all}
            refLabel={refLabel} onEdit={(type) => setEditing({ type })} onDelete={setDeleting} />
        )}
      </Box>
      <TypeEditorDialog personaId={id} target={editing} types={all} typeOptions={options} onClose={() => setEditing(null)} />
      <DeleteTypeDialog personaId={id} type={deleting} onClose={() => setDeleting(null)} />
      <PersonaFormDialog open={overlay === "persona"} persona={persona.data} onClose={() => setOverlay(null)} />
      <ImportTypesDialog open={overlay === "import"} personaId={id} onClose={() => setOverlay(null)} />
      <WikidataDialog open={overlay === "wikidata"} personaId={id} initialKind={tab} onClose={() => setOverlay(null)} />
      <SuggestTypesDialog open={overlay === "suggest"} personaId={id} initialKind={tab} existing={all} onClose={() => setOverlay(null)} />
    </Stack>
  );
}
