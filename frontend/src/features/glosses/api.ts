/** The world objects a gloss may reference with `@`, as options of the editor's list. */
import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";
import type { RefOption } from "./parts";

const PAGE = { page_size: 500 };

async function allWorldObjects(signal: AbortSignal): Promise<RefOption[]> {
  const query = { params: { query: PAGE }, signal };
  const pages = await Promise.all([
    api.GET("/api/world/entities", query).then(unwrap),
    api.GET("/api/world/locations", query).then(unwrap),
    api.GET("/api/world/events", query).then(unwrap),
    api.GET("/api/world/times", query).then(unwrap),
    api.GET("/api/world/collections", query).then(unwrap),
  ]);
  return pages.flatMap((page) =>
    page.items.map((item) => ({
      ref: { kind: "object" as const, id: item.id, object_kind: item.kind },
      label: item.name,
      detail: item.kind,
    })),
  );
}

/** Every world object of the user (under the "world" key, so world edits refresh it). */
export const worldObjectOptionsQuery = () =>
  queryOptions({
    queryKey: ["world", "gloss-options"],
    queryFn: ({ signal }) => allWorldObjects(signal),
    staleTime: 30_000,
  });
