/** `GET /api/config` (what the web app reads at start) and `GET /api/models` (the models overview). */
import { queryOptions } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "@/api/client";

export type ClientConfig = Schemas["ClientConfig"];
export type ModelsOverview = Schemas["ModelsOverview"];
export type ModelHealth = Schemas["ServiceHealth"];
export type TaskSlot = ModelsOverview["slots"][number];

export const clientConfigQuery = () =>
  queryOptions({
    queryKey: ["config"],
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/config", { signal })),
    staleTime: Infinity,
  });

export const modelsQuery = () =>
  queryOptions({
    queryKey: ["models"],
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/models", { signal })),
    refetchInterval: 15_000,
  });
