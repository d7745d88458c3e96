/**
 * The personas and their entity, event and role types, as the world editors and the video
 * browser's summarize action need them (pickers only; the ontology builder owns editing).
 */
import { queryOptions } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "@/api/client";

export type Persona = Schemas["PersonaRead"];
export type PickerTypeKind = "entity" | "event" | "role";
export interface TypeOption {
  id: string;
  name: string;
}

const ALL = 500; // the API's largest page: enough for a picker

export const personaListQuery = () =>
  queryOptions({
    queryKey: ["personas", "list", { page_size: ALL }],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/personas", { params: { query: { page_size: ALL } }, signal })).items,
    staleTime: 30_000,
  });

async function fetchTypes(personaId: string, kind: PickerTypeKind, signal: AbortSignal): Promise<TypeOption[]> {
  const options = { params: { path: { persona_id: personaId }, query: { page_size: ALL } }, signal };
  switch (kind) {
    case "entity": return unwrap(await api.GET("/api/personas/{persona_id}/entity-types", options)).items;
    case "event": return unwrap(await api.GET("/api/personas/{persona_id}/event-types", options)).items;
    case "role": return unwrap(await api.GET("/api/personas/{persona_id}/role-types", options)).items;
  }
}

export const typeListQuery = (personaId: string, kind: PickerTypeKind) =>
  queryOptions({
    queryKey: ["personas", personaId, `${kind}-types`, { page_size: ALL }],
    queryFn: ({ signal }) => fetchTypes(personaId, kind, signal),
    enabled: personaId !== "",
    staleTime: 30_000,
  });
