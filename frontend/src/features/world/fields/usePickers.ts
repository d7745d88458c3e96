/** Options for the editor's pickers: personas, a persona's types, and world objects of some kinds. */
import { useQueries, useQuery } from "@tanstack/react-query";
import { worldListQuery } from "../api";
import { kindInfo, type ObjectKind } from "../kinds";
import { personaListQuery, typeListQuery, type PickerTypeKind } from "../personas";
import type { Option } from "./SelectField";

export function usePersonaOptions(): Option[] {
  const personas = useQuery(personaListQuery());
  return (personas.data ?? []).map((p) => ({ value: p.id, label: p.name }));
}

export function useTypeOptions(personaId: string, kind: PickerTypeKind): Option[] {
  const types = useQuery(typeListQuery(personaId, kind));
  return (types.data ?? []).map((t) => ({ value: t.id, label: t.name }));
}

const ALL = { page_size: 500 };

export function useObjectOptions(kinds: readonly ObjectKind[]): Option[] {
  const lists = useQueries({ queries: kinds.map((kind) => worldListQuery(kind, ALL)) });
  return lists.flatMap((list, index) =>
    (list.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name} (${kindInfo(kinds[index]!).label.toLowerCase()})` })));
}
