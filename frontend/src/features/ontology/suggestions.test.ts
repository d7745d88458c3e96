import { describe, expect, it } from "vitest";
import type { EventType } from "./kinds";
import { readSuggestions, suggestionBody } from "./suggestions";

const raw = { name: "Harbor", kind: "entity", description: "A port", parent: null, examples: ["Rotterdam", ""], confidence: 0.9, source: "model" };

describe("readSuggestions", () => {
  it("reads well-formed suggestions and skips the rest", () => {
    const result = { suggestions: [raw, { name: "", kind: "entity" }, { name: "X", kind: "planet" }] };
    expect(readSuggestions(result)).toEqual([{ ...raw, examples: ["Rotterdam"] }]);
  });
  it.each([null, {}, { suggestions: "no" }])("is empty for %j", (result) => expect(readSuggestions(result)).toEqual([]));
});

describe("suggestionBody", () => {
  const base = { persona_id: "p", examples: [], gloss: [], wikidata_id: null, wikidata_url: null, version: 1, created_at: "", updated_at: "" };
  const move: EventType = { ...base, id: "move", kind: "event", name: "Move", roles: [], parent_id: null };
  it("uses the description as gloss", () =>
    expect(suggestionBody(readSuggestions({ suggestions: [raw] })[0]!, [])).toEqual({
      name: "Harbor", gloss: [{ kind: "text", text: "A port" }], examples: ["Rotterdam"] }));
  it("finds an event's parent by name", () => {
    const sail = { ...raw, kind: "event" as const, name: "Sail", parent: "move", examples: [], confidence: null, source: null };
    expect(suggestionBody(sail, [move]).parent_id).toBe("move");
  });
  it("gives role types both fillers", () =>
    expect(suggestionBody({ ...raw, kind: "role", examples: [], confidence: null, source: null }, []).allowed_fillers).toEqual(["entity", "event"]));
});
