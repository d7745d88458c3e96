/** Search Wikidata (through the server) and import a result as a type of this persona. */
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import CircularProgress from "@mui/material/CircularProgress";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useDebouncedValue } from "@/lib/useDebouncedValue";
import { toast } from "@/lib/toasts";
import { ontologyKeys } from "./api";
import { KIND_LABEL, TYPE_KINDS, type TypeKind } from "./kinds";
import { importWikidataType, searchWikidata, type WikidataHit } from "./wikidata";

interface Props { open: boolean; personaId: string; initialKind: TypeKind; onClose: () => void }

const MIN_CHARS = 2;

function WikidataSearch({ personaId, initialKind, onClose }: Omit<Props, "open">) {
  const queries = useQueryClient();
  const [text, setText] = useState("");
  const [kind, setKind] = useState<TypeKind>(initialKind);
  const q = useDebouncedValue(text.trim(), 300);
  const results = useQuery({
    queryKey: ["wikidata", "search", q],
    queryFn: ({ signal }) => searchWikidata(q, signal),
    enabled: q.length >= MIN_CHARS,
    staleTime: 60_000,
  });
  const importing = useMutation({
    mutationFn: (hit: WikidataHit) => importWikidataType(personaId, hit.id, kind),
    onSuccess: (type) => {
      void queries.invalidateQueries({ queryKey: ontologyKeys.persona(personaId) });
      toast.success(`Imported ${type.name} as a ${type.kind} type`);
    },
    onError: (error) => toast.error(`Import failed: ${error.message}`),
  });
  const kindLabel = KIND_LABEL[kind].toLowerCase();
  return (
    <>
      <DialogTitle id="wikidata-title">Import from Wikidata</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Box sx={{ display: "flex", gap: 1 }}>
            <TextField label="Search Wikidata" autoFocus value={text} onChange={(e) => setText(e.target.value)} sx={{ flex: 1 }}
              placeholder={`Something to import as an ${kindLabel} type`} />
            <TextField select label="Import as" value={kind} onChange={(e) => setKind(e.target.value as TypeKind)} sx={{ width: 180 }}>
              {TYPE_KINDS.map((k) => <MenuItem key={k} value={k}>{KIND_LABEL[k]} type</MenuItem>)}
            </TextField>
          </Box>
          {q.length < MIN_CHARS && <Typography color="text.secondary">Type at least {MIN_CHARS} characters.</Typography>}
          {results.isFetching && <CircularProgress size={24} aria-label="Searching Wikidata" />}
          {results.isError && <Alert severity="error">Wikidata search failed: {results.error.message}</Alert>}
          {results.data?.length === 0 && <Typography color="text.secondary">Nothing found.</Typography>}
          <Box component="ul" aria-label="Wikidata results" sx={{ p: 0, m: 0, listStyle: "none", display: "grid", gap: 1 }}>
            {results.data?.map((hit) => (
              <Box component="li" key={hit.id} sx={{ display: "flex", alignItems: "center", gap: 2, p: 1, border: 1, borderColor: "divider", borderRadius: 1 }}>
                <Box sx={{ flex: 1 }}>
                  <Typography sx={{ fontWeight: 600 }}>{hit.label} <Typography component="span" variant="body2" color="text.secondary">{hit.id}</Typography></Typography>
                  <Typography variant="body2" color="text.secondary">{hit.description || "No description"}</Typography>
                </Box>
                <Button variant="outlined" disabled={importing.isPending} onClick={() => importing.mutate(hit)}
                  aria-label={`Import ${hit.label} (${hit.id}) as ${kindLabel} type`}>
                  Import as {kindLabel} type
                </Button>
              </Box>
            ))}
          </Box>
        </Stack>
      </DialogContent>
      <DialogActions><Button onClick={onClose}>Close</Button></DialogActions>
    </>
  );
}

export function WikidataDialog({ open, ...rest }: Props) {
  return (
    <Dialog open={open} onClose={rest.onClose} fullWidth maxWidth="md" aria-labelledby="wikidata-title">
      {open && <WikidataSearch {...rest} />}
    </Dialog>
  );
}
