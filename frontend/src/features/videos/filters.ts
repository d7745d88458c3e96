/**
 * The video browser's filter state and its two mirrored forms: the URL query string (so a
 * reload or a shared link keeps it) and the `GET /api/videos` query.
 */
import type { paths, Schemas } from "@/api/client";

export type VideoState = Schemas["VideoState"];
export type VideoQuery = NonNullable<paths["/api/videos"]["get"]["parameters"]["query"]>;
export type VideoSort = NonNullable<VideoQuery["sort"]>;
/** Any / only with / only without. */
export type Presence = "any" | "yes" | "no";

export const PAGE_SIZE = 24;
export const VIDEO_STATES: readonly VideoState[] = ["pending", "ready", "missing", "failed"];
export const SORTS: readonly { value: VideoSort; label: string }[] = [
  { value: "title", label: "Title (A–Z)" },
  { value: "-title", label: "Title (Z–A)" },
  { value: "-created_at", label: "Newest added" },
  { value: "created_at", label: "Oldest added" },
  { value: "-duration", label: "Longest" },
  { value: "duration", label: "Shortest" },
  { value: "-upload_date", label: "Newest upload" },
  { value: "upload_date", label: "Oldest upload" },
];

export interface VideoFilters {
  q: string;
  tag: string;
  state: VideoState | null;
  annotations: Presence;
  summaries: Presence;
  sort: VideoSort;
  page: number;
}

export const DEFAULT_FILTERS: VideoFilters = {
  q: "",
  tag: "",
  state: null,
  annotations: "any",
  summaries: "any",
  sort: "title",
  page: 1,
};

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

const PRESENCE: readonly Presence[] = ["any", "yes", "no"];

/** Filters from a query string; unknown or malformed values fall back to the defaults. */
export function filtersFromSearch(params: URLSearchParams): VideoFilters {
  const page = Number.parseInt(params.get("page") ?? "", 10);
  return {
    q: params.get("q") ?? "",
    tag: params.get("tag") ?? "",
    state: oneOf(params.get("state"), VIDEO_STATES),
    annotations: oneOf(params.get("annotations"), PRESENCE) ?? "any",
    summaries: oneOf(params.get("summaries"), PRESENCE) ?? "any",
    sort: oneOf(params.get("sort"), SORTS.map((s) => s.value)) ?? DEFAULT_FILTERS.sort,
    page: Number.isFinite(page) && page >= 1 ? page : 1,
  };
}

/** The query string of filters; defaults are left out so the plain `/` stays clean. */
export function filtersToSearch(filters: VideoFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.tag.trim()) params.set("tag", filters.tag.trim());
  if (filters.state) params.set("state", filters.state);
  if (filters.annotations !== "any") params.set("annotations", filters.annotations);
  if (filters.summaries !== "any") params.set("summaries", filters.summaries);
  if (filters.sort !== DEFAULT_FILTERS.sort) params.set("sort", filters.sort);
  if (filters.page > 1) params.set("page", String(filters.page));
  return params;
}

const presenceToBool = (presence: Presence): boolean | undefined =>
  presence === "any" ? undefined : presence === "yes";

/** The `GET /api/videos` query of filters (server-side search, filters and paging). */
export function filtersToQuery(filters: VideoFilters): VideoQuery {
  const query: VideoQuery = { sort: filters.sort, page: filters.page, page_size: PAGE_SIZE };
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.tag.trim()) query.tag = filters.tag.trim();
  if (filters.state) query.state = filters.state;
  const annotations = presenceToBool(filters.annotations);
  if (annotations !== undefined) query.has_annotations = annotations;
  const summaries = presenceToBool(filters.summaries);
  if (summaries !== undefined) query.has_summary = summaries;
  return query;
}

/** Filters with some fields changed; any change but the page itself returns to page 1. */
export function withFilters(filters: VideoFilters, change: Partial<VideoFilters>): VideoFilters {
  return { ...filters, ...change, page: change.page ?? 1 };
}
