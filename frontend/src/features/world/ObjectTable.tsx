/** A page of world objects: name (a link), what is particular to it, its types, edit and delete. */
import IconButton from "@mui/material/IconButton";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import DeleteIcon from "@mui/icons-material/Delete";
import EditIcon from "@mui/icons-material/Edit";
import { useState } from "react";
import { Link as RouterLink } from "react-router";
import { useDeleteObject } from "./api";
import { ConfirmDelete } from "./ConfirmDelete";
import { assignableTypeKind, type KindInfo, type WorldObject } from "./kinds";
import { ObjectEditor } from "./ObjectEditor";
import { objectSummary } from "./summary";
import { TypeChip } from "./TypeChip";

function Types({ object }: { object: WorldObject }) {
  if (!("type_assignments" in object)) return null;
  const typeKind = assignableTypeKind(object.kind, object.kind === "collection" ? object.attributes.collection_kind : undefined);
  if (!typeKind) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: "wrap" }}>
      {object.type_assignments.map((a) => <TypeChip key={`${a.persona_id}/${a.type_id}`} assignment={a} typeKind={typeKind} />)}
    </Stack>
  );
}

export function ObjectTable({ info, objects }: { info: KindInfo; objects: WorldObject[] }) {
  const [editing, setEditing] = useState<WorldObject | null>(null);
  const [deleting, setDeleting] = useState<WorldObject | null>(null);
  const remove = useDeleteObject(info.kind);
  return (
    <>
      <Table size="small" aria-label={info.labelPlural}>
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Details</TableCell>
            <TableCell>Types</TableCell>
            <TableCell align="right">Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {objects.map((object) => (
            <TableRow key={object.id} hover>
              <TableCell>
                <Link component={RouterLink} to={`/world/${info.plural}/${object.id}`}>{object.name}</Link>
              </TableCell>
              <TableCell>{objectSummary(object)}</TableCell>
              <TableCell><Types object={object} /></TableCell>
              <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
                <IconButton size="small" aria-label={`Edit ${object.name}`} onClick={() => setEditing(object)}><EditIcon fontSize="small" /></IconButton>
                <IconButton size="small" aria-label={`Delete ${object.name}`} onClick={() => setDeleting(object)}><DeleteIcon fontSize="small" /></IconButton>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {editing && <ObjectEditor kind={info.kind} object={editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDelete name={deleting.name} busy={remove.isPending} onClose={() => setDeleting(null)}
          onConfirm={() => remove.mutate(deleting, { onSuccess: () => setDeleting(null) })} />
      )}
    </>
  );
}
