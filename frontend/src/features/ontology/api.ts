/**
 * Server state of a persona's ontology. The four kinds share their routes' shapes
 * (`/api/personas/{persona_id}/{kind}-types`), so calls go through one kind-generic helper;
 * what goes in and out is typed by kinds.ts (the generated read and create schemas).
 */
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";
import { unwrapEmpty } from "@/features/personas/api";
import { TYPE_KINDS, type OntologyType, type TypeKind } from "./kinds";

type Result = { data?: unknown; error?: unknown; response: Response };
type Init = { params: { path: Record<string, string>; query?: Record<string, unknown> }; body?: unknown; signal?: AbortSignal };
/** The generated client with the path as a plain string (the kind picks one of four paths). */
const client = api as unknown as Record<"GET" | "POST" | "PATCH" | "DELETE", (path: string, init: Init) => Promise<Result>>;

const items = (kind: TypeKind) => `/api/personas/{persona_id}/${kind}-types`;
const item = (kind: TypeKind) => `${items(kind)}/{type_id}`;

export const ontologyKeys = {
  persona: (personaId: string) => ["ontology", personaId] as const,
  types: (personaId: string) => ["ontology", personaId, "types"] as const,
};

async function listKind(personaId: string, kind: TypeKind, signal: AbortSignal): Promise<OntologyType[]> {
  const page = unwrap(await client.GET(items(kind), {
    params: { path: { persona_id: personaId }, query: { page_size: 500 } }, signal,
  })) as { items: OntologyType[] };
  return page.items;
}

/** Every type of a persona (all four kinds), by name. */
export const ontologyTypesQuery = (personaId: string) =>
  queryOptions({
    queryKey: ontologyKeys.types(personaId),
    queryFn: async ({ signal }) => {
      const lists = await Promise.all(TYPE_KINDS.map((kind) => listKind(personaId, kind, signal)));
      return lists.flat().sort((a, b) => a.name.localeCompare(b.name));
    },
  });

export async function createType(personaId: string, kind: TypeKind, body: Record<string, unknown>): Promise<OntologyType> {
  return unwrap(await client.POST(items(kind), { params: { path: { persona_id: personaId } }, body })) as OntologyType;
}

export async function updateType(
  personaId: string, kind: TypeKind, id: string, body: Record<string, unknown> & { version: number },
): Promise<OntologyType> {
  return unwrap(await client.PATCH(item(kind), { params: { path: { persona_id: personaId, type_id: id } }, body })) as OntologyType;
}

function refreshAfterTypeChange(queries: ReturnType<typeof useQueryClient>, personaId: string) {
  void queries.invalidateQueries({ queryKey: ontologyKeys.persona(personaId) });
  void queries.invalidateQueries({ queryKey: ["personas", "deletion-preview", personaId] });
}

/** Create (no `id`) or update (with `id` and `version`) one type. */
export function useSaveType(personaId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, id, version, body }: { kind: TypeKind; id?: string; version?: number; body: Record<string, unknown> }) =>
      id && version !== undefined ? updateType(personaId, kind, id, { ...body, version }) : createType(personaId, kind, body),
    onSuccess: () => refreshAfterTypeChange(queries, personaId),
  });
}

export function useDeleteType(personaId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async (type: OntologyType) => {
      unwrapEmpty(await client.DELETE(item(type.kind), { params: { path: { persona_id: personaId, type_id: type.id } } }));
      return type;
    },
    onSuccess: () => {
      refreshAfterTypeChange(queries, personaId);
      void queries.invalidateQueries({ queryKey: ["world"] }); // their glosses may have changed
    },
  });
}
