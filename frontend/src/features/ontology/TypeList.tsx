/** The types of one kind: name, Wikidata chip, gloss, kind details; edit and delete buttons. */
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import IconButton from "@mui/material/IconButton";
import Paper from "@mui/material/Paper";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import DeleteIcon from "@mui/icons-material/Delete";
import EditIcon from "@mui/icons-material/Edit";
import { GlossView } from "@/features/glosses/GlossView";
import type { GlossRef } from "@/features/glosses/parts";
import type { OntologyType } from "./kinds";

interface Props {
  label: string;
  types: readonly OntologyType[];
  all: readonly OntologyType[];
  refLabel: (ref: GlossRef) => string;
  onEdit: (type: OntologyType) => void;
  onDelete: (type: OntologyType) => void;
}

function details(type: OntologyType, all: readonly OntologyType[]): string {
  const name = (id: string) => all.find((t) => t.id === id)?.name ?? "?";
  switch (type.kind) {
    case "event": {
      const roles = type.roles.map((slot) => `${name(slot.role_type_id)}${slot.optional ? " (optional)" : ""}`);
      return [roles.length ? `Roles: ${roles.join(", ")}` : "", type.parent_id ? `Extends ${name(type.parent_id)}` : ""].filter(Boolean).join(" · ");
    }
    case "role": return `Fillers: ${type.allowed_fillers.join(", ")}`;
    case "relation":
      return `${type.source_kinds.join("/")} → ${type.target_kinds.join("/")}` +
        (type.symmetric ? " · symmetric" : "") + (type.transitive ? " · transitive" : "");
    default: return "";
  }
}

export function TypeList({ label, types, all, refLabel, onEdit, onDelete }: Props) {
  if (types.length === 0) return <Typography color="text.secondary" sx={{ py: 2 }}>No types here.</Typography>;
  return (
    <Box component="ul" aria-label={label} sx={{ p: 0, m: 0, listStyle: "none", display: "grid", gap: 1 }}>
      {types.map((type) => (
        <Paper component="li" key={type.id} variant="outlined" aria-label={type.name} sx={{ p: 1.5, display: "flex", gap: 2 }}>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Box sx={{ display: "flex", alignItems: "center", gap: 1 }}>
              <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>{type.name}</Typography>
              {type.wikidata_id && <Chip size="small" label={type.wikidata_id} aria-label={`Wikidata ${type.wikidata_id}`} />}
            </Box>
            <Typography variant="body2" component="div" data-testid="type-gloss"><GlossView gloss={type.gloss} label={refLabel} /></Typography>
            <Typography variant="caption" color="text.secondary">{details(type, all)}</Typography>
            {type.examples.length > 0 && (
              <Typography variant="caption" color="text.secondary" component="div">Examples: {type.examples.join("; ")}</Typography>
            )}
          </Box>
          <Box>
            <Tooltip title="Edit"><IconButton aria-label={`Edit ${type.name}`} onClick={() => onEdit(type)}><EditIcon /></IconButton></Tooltip>
            <Tooltip title="Delete"><IconButton aria-label={`Delete ${type.name}`} onClick={() => onDelete(type)}><DeleteIcon /></IconButton></Tooltip>
          </Box>
        </Paper>
      ))}
    </Box>
  );
}
