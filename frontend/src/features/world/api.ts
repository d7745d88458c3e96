/**
 * Server state of world objects: query options and mutations on the generated client.
 * The five kinds share one shape of routes (`/api/world/{plural}`); the path is chosen per kind
 * and cast once here, the bodies are typed per kind by `draft.ts`.
 */
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "@/api/client";
import { toast } from "@/lib/toasts";
import { kindInfo, type ObjectKind, type WorldObject } from "./kinds";

export interface WorldListQuery {
  q?: string;
  persona_id?: string;
  type_id?: string;
  page?: number;
  page_size?: number;
}

export interface WorldPage {
  items: WorldObject[];
  total: number;
  page: number;
  page_size: number;
}

export type ObjectBody =
  | Schemas["EntityCreate"] | Schemas["LocationCreate"] | Schemas["EventCreate"]
  | Schemas["TimeCreate"] | Schemas["CollectionCreate"];
export type ObjectPatch =
  | Schemas["EntityUpdate"] | Schemas["LocationUpdate"] | Schemas["EventUpdate"]
  | Schemas["TimeUpdate"] | Schemas["CollectionUpdate"];

// One representative path per operation: every kind's route has the same parameters.
type ListPath = "/api/world/entities";
type ItemPath = "/api/world/entities/{object_id}";
const listPath = (kind: ObjectKind) => `/api/world/${kindInfo(kind).plural}` as ListPath;
const itemPath = (kind: ObjectKind) => `/api/world/${kindInfo(kind).plural}/{object_id}` as ItemPath;

export const worldKeys = {
  all: ["world"] as const,
  list: (kind: ObjectKind, query: WorldListQuery) => ["world", kind, "list", query] as const,
  detail: (kind: ObjectKind, id: string) => ["world", kind, "detail", id] as const,
};

export const worldListQuery = (kind: ObjectKind, query: WorldListQuery) =>
  queryOptions({
    queryKey: worldKeys.list(kind, query),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET(listPath(kind), { params: { query }, signal })) as unknown as WorldPage,
    placeholderData: keepPreviousData,
  });

export const worldObjectQuery = (kind: ObjectKind, id: string) =>
  queryOptions({
    queryKey: worldKeys.detail(kind, id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET(itemPath(kind), { params: { path: { object_id: id } }, signal })) as WorldObject,
  });

export async function createObject(kind: ObjectKind, body: ObjectBody): Promise<WorldObject> {
  return unwrap(await api.POST(listPath(kind), { body: body as Schemas["EntityCreate"] })) as WorldObject;
}

export async function updateObject(kind: ObjectKind, id: string, body: ObjectPatch): Promise<WorldObject> {
  const params = { path: { object_id: id } };
  return unwrap(await api.PATCH(itemPath(kind), { params, body: body as Schemas["EntityUpdate"] })) as WorldObject;
}

export async function deleteObject(kind: ObjectKind, id: string): Promise<void> {
  const result = await api.DELETE(itemPath(kind), { params: { path: { object_id: id } } });
  if (!result.response.ok) unwrap(result);
}

/** Create or edit (with `id`); success toasts and refreshes every world list. */
export function useSaveObject(kind: ObjectKind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; body: ObjectBody | ObjectPatch }) =>
      input.id ? updateObject(kind, input.id, input.body as ObjectPatch) : createObject(kind, input.body as ObjectBody),
    onSuccess: (object, input) => {
      client.setQueryData(worldKeys.detail(kind, object.id), object);
      void client.invalidateQueries({ queryKey: worldKeys.all });
      toast.success(`${input.id ? "Saved" : "Created"} ${object.name}`,
        { link: { label: "Open", to: `/world/${kindInfo(kind).plural}/${object.id}` } });
    },
    onError: (error) => toast.error(`Could not save: ${error.message}`),
  });
}

export function useDeleteObject(kind: ObjectKind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (object: WorldObject) => deleteObject(kind, object.id),
    onSuccess: (_, object) => {
      client.removeQueries({ queryKey: worldKeys.detail(kind, object.id) });
      void client.invalidateQueries({ queryKey: worldKeys.all });
      toast.success(`Deleted ${object.name}`);
    },
    onError: (error) => toast.error(`Could not delete: ${error.message}`),
  });
}
