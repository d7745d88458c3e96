import { describe, expect, it } from "vitest";
import {
  DEFAULT_FILTERS, filtersFromSearch, filtersToQuery, filtersToSearch, PAGE_SIZE, withFilters, type VideoFilters,
} from "./filters";

const parse = (query: string) => filtersFromSearch(new URLSearchParams(query));

describe("video filters <-> URL", () => {
  it("reads the defaults from an empty query string and writes them as one", () => {
    expect(parse("")).toEqual(DEFAULT_FILTERS);
    expect(filtersToSearch(DEFAULT_FILTERS).toString()).toBe("");
  });

  it.each<[string, Partial<VideoFilters>]>([
    ["q=harbour+crane", { q: "harbour crane" }],
    ["tag=news", { tag: "news" }],
    ["state=ready", { state: "ready" }],
    ["annotations=yes&summaries=no", { annotations: "yes", summaries: "no" }],
    ["sort=-duration", { sort: "-duration" }],
    ["page=3", { page: 3 }],
  ])("round-trips %s", (query, expected) => {
    const filters = parse(query);
    expect(filters).toEqual({ ...DEFAULT_FILTERS, ...expected });
    expect(filtersToSearch(filters).toString()).toBe(query);
  });

  it.each([
    ["state=exploded", { state: null }],
    ["sort=random", { sort: "title" }],
    ["page=0", { page: 1 }],
    ["page=abc", { page: 1 }],
    ["annotations=maybe", { annotations: "any" }],
  ])("falls back to the default for a bad value: %s", (query, expected) => {
    expect(parse(query)).toEqual({ ...DEFAULT_FILTERS, ...expected });
  });

  it("goes back to page 1 when a filter changes, but not when the page does", () => {
    const onPage4 = { ...DEFAULT_FILTERS, page: 4 };
    expect(withFilters(onPage4, { q: "boat" }).page).toBe(1);
    expect(withFilters(onPage4, { page: 5 }).page).toBe(5);
  });
});

describe("video filters -> API query", () => {
  it("maps every filter to the server's parameters, with the page size", () => {
    const filters: VideoFilters = {
      q: " boat ", tag: "news", state: "ready", annotations: "yes", summaries: "no", sort: "-created_at", page: 2,
    };
    expect(filtersToQuery(filters)).toEqual({
      q: "boat", tag: "news", state: "ready", has_annotations: true, has_summary: false,
      sort: "-created_at", page: 2, page_size: PAGE_SIZE,
    });
    expect(filtersToQuery(DEFAULT_FILTERS)).toEqual({ sort: "title", page: 1, page_size: 24 });
  });
});
