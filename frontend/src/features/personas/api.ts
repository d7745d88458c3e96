/** Server state of personas: query options and mutations on the generated client. */
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, ApiError, errorMessage, unwrap, type Schemas } from "@/api/client";
import { toast } from "@/lib/toasts";

export type Persona = Schemas["PersonaRead"];
export type PersonaCreate = Schemas["PersonaCreate"];
export type PersonaUpdate = Schemas["PersonaUpdate"];

export const personaKeys = {
  all: ["personas"] as const,
  list: (q: string) => ["personas", "list", q] as const,
  detail: (id: string) => ["personas", "detail", id] as const,
  preview: (id: string) => ["personas", "deletion-preview", id] as const,
};

export const personaListQuery = (q: string) =>
  queryOptions({
    queryKey: personaKeys.list(q),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/personas", { params: { query: { q: q || undefined, page_size: 500 } }, signal })),
    placeholderData: keepPreviousData,
  });

export const personaQuery = (id: string) =>
  queryOptions({
    queryKey: personaKeys.detail(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/personas/{persona_id}", { params: { path: { persona_id: id } }, signal })),
  });

export const deletionPreviewQuery = (id: string) =>
  queryOptions({
    queryKey: personaKeys.preview(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/personas/{persona_id}/deletion-preview", { params: { path: { persona_id: id } }, signal })),
    staleTime: 0,
  });

/** Throws the server's error for a failed request whose success has no body (204). */
export function unwrapEmpty(result: { error?: unknown; response: Response }): void {
  if (result.response.ok) return;
  const body = result.error as { error?: unknown } | undefined;
  const code = body && typeof body.error === "string" ? body.error : "HTTP_ERROR";
  throw new ApiError(result.response.status, code, errorMessage(result.error, result.response.status));
}

const path = (id: string) => ({ params: { path: { persona_id: id } } });

export function useCreatePersona() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: PersonaCreate) => unwrap(await api.POST("/api/personas", { body })),
    onSuccess: (persona) => {
      client.setQueryData(personaKeys.detail(persona.id), persona);
      void client.invalidateQueries({ queryKey: ["personas", "list"] }); // the form opens it
    },
  });
}

export function useUpdatePersona(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: PersonaUpdate) =>
      unwrap(await api.PATCH("/api/personas/{persona_id}", { ...path(id), body })),
    onSuccess: (persona) => {
      client.setQueryData(personaKeys.detail(persona.id), persona);
      void client.invalidateQueries({ queryKey: ["personas", "list"] });
      toast.success(`Saved persona ${persona.name}`);
    },
  });
}

export function useCopyPersona() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (source: Persona) =>
      unwrap(await api.POST("/api/personas/{persona_id}/copy", { ...path(source.id), body: null })),
    onSuccess: (persona) => {
      void client.invalidateQueries({ queryKey: ["personas", "list"] });
      toast.success(`Copied as ${persona.name}`, { link: { label: "Open", to: `/personas/${persona.id}` } });
    },
    onError: (error) => toast.error(`Copy failed: ${error.message}`),
  });
}

export function useDeletePersona() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (persona: Persona) => {
      unwrapEmpty(await api.DELETE("/api/personas/{persona_id}", path(persona.id)));
      return persona;
    },
    onSuccess: (persona) => {
      client.removeQueries({ queryKey: personaKeys.detail(persona.id) });
      void client.invalidateQueries({ queryKey: personaKeys.all });
      void client.invalidateQueries({ queryKey: ["ontology", persona.id] });
      toast.success(`Deleted persona ${persona.name}`);
    },
    onError: (error) => toast.error(`Delete failed: ${error.message}`),
  });
}
