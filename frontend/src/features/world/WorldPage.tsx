/** `/world` and `/world/:kind`: a tab per kind; search, persona and type filters, pages (all in the URL). */
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import CircularProgress from "@mui/material/CircularProgress";
import Pagination from "@mui/material/Pagination";
import Stack from "@mui/material/Stack";
import Tab from "@mui/material/Tab";
import Tabs from "@mui/material/Tabs";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import AddIcon from "@mui/icons-material/Add";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link as RouterLink, Navigate, useParams, useSearchParams } from "react-router";
import { useDebouncedValue } from "@/lib/useDebouncedValue";
import { worldListQuery } from "./api";
import { SelectField } from "./fields/SelectField";
import { usePersonaOptions, useTypeOptions } from "./fields/usePickers";
import { assignableTypeKind, KINDS, kindFromSegment, type KindInfo } from "./kinds";
import { ObjectEditor } from "./ObjectEditor";
import { ObjectTable } from "./ObjectTable";

const PAGE_SIZE = 25;

function Filters({ info, params, set }: { info: KindInfo; params: URLSearchParams; set: (changes: Record<string, string>) => void }) {
  const personaId = params.get("persona") ?? "";
  const typeKind = info.kind === "collection" ? "entity" : assignableTypeKind(info.kind);
  const personas = usePersonaOptions();
  const types = useTypeOptions(personaId, typeKind ?? "entity");
  const [q, setQ] = useState(params.get("q") ?? "");
  const debounced = useDebouncedValue(q, 250);
  const current = params.get("q") ?? "";
  useEffect(() => {
    if (debounced !== current) set({ q: debounced });
  }, [debounced]); // eslint-disable-line react-hooks/exhaustive-deps -- only typing moves the URL
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap", gap: 1 }} role="search" aria-label={`Filter ${info.labelPlural.toLowerCase()}`}>
      <TextField size="small" label={`Search ${info.labelPlural.toLowerCase()}`} value={q} onChange={(e) => setQ(e.target.value)}
        slotProps={{ htmlInput: { "data-search-input": true } }} sx={{ minWidth: 260 }} />
      {typeKind && (
        <>
          <SelectField label="Persona" value={personaId} options={personas} empty="Any persona"
            onChange={(value) => set({ persona: value, type: "" })} />
          <SelectField label="Type" value={params.get("type") ?? ""} options={types} empty="Any type" disabled={!personaId}
            onChange={(value) => set({ type: value })} />
        </>
      )}
    </Stack>
  );
}

function Results({ info, params, set }: { info: KindInfo; params: URLSearchParams; set: (changes: Record<string, string>) => void }) {
  const page = Number(params.get("page") ?? "1") || 1;
  const query = {
    page, page_size: PAGE_SIZE,
    ...(params.get("q") ? { q: params.get("q")! } : {}),
    ...(params.get("persona") ? { persona_id: params.get("persona")! } : {}),
    ...(params.get("type") ? { type_id: params.get("type")! } : {}),
  };
  const list = useQuery(worldListQuery(info.kind, query));
  if (list.isPending) return <CircularProgress aria-label={`Loading ${info.labelPlural.toLowerCase()}`} />;
  if (list.isError) return <Alert severity="error">Could not load the {info.labelPlural.toLowerCase()}: {list.error.message}</Alert>;
  const { items, total } = list.data;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <Stack spacing={1.5}>
      <Typography role="status" color="text.secondary">{total} {total === 1 ? info.label.toLowerCase() : info.labelPlural.toLowerCase()}</Typography>
      {items.length > 0 && <ObjectTable info={info} objects={items} />}
      {pages > 1 && <Pagination count={pages} page={Math.min(page, pages)} sx={{ alignSelf: "center" }} onChange={(_, p) => set({ page: String(p) })} />}
    </Stack>
  );
}

export function WorldPage() {
  const { kind: segment } = useParams();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const info = kindFromSegment(segment ?? "entities");
  if (!info) return <Alert severity="error">Unknown kind of world object: {segment}</Alert>;
  if (segment && segment !== info.plural) return <Navigate to={`/world/${info.plural}`} replace />;
  // One call per change: react-router does not queue functional updates like React state.
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    if (!("page" in changes)) next.delete("page");
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: !("page" in changes) });
  };

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: "center", justifyContent: "space-between" }}>
        <Typography variant="h5" component="h1">World</Typography>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>New {info.label.toLowerCase()}</Button>
      </Stack>
      <Tabs value={info.plural} aria-label="Kinds of world object">
        {KINDS.map((k) => <Tab key={k.plural} value={k.plural} label={k.labelPlural} component={RouterLink} to={`/world/${k.plural}`} />)}
      </Tabs>
      <Filters key={info.plural} info={info} params={params} set={set} />
      <Results info={info} params={params} set={set} />
      {creating && <ObjectEditor kind={info.kind} onClose={() => setCreating(false)} />}
    </Stack>
  );
}
