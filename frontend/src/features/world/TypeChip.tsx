/** One type assignment as a chip: "Persona: Type (confidence)". */
import Chip from "@mui/material/Chip";
import { useQuery } from "@tanstack/react-query";
import type { Schemas } from "@/api/client";
import { personaListQuery, typeListQuery, type PickerTypeKind } from "./personas";

export function TypeChip({ assignment, typeKind }: { assignment: { persona_id: string; type_id: string; confidence?: number | null }; typeKind: PickerTypeKind }) {
  const personas = useQuery(personaListQuery());
  const types = useQuery(typeListQuery(assignment.persona_id, typeKind));
  const persona = personas.data?.find((p) => p.id === assignment.persona_id)?.name ?? "…";
  const type = types.data?.find((t) => t.id === assignment.type_id)?.name ?? "…";
  const confidence = assignment.confidence === null || assignment.confidence === undefined ? "" : ` (${Math.round(assignment.confidence * 100)}%)`;
  return <Chip size="small" variant="outlined" label={`${persona}: ${type}${confidence}`} />;
}

export type Assignment = Schemas["TypeAssignmentRead"];
