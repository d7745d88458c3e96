import { describe, expect, it } from "vitest";
import { bodyFromDraft, descriptionChange, draftFromObject, emptyDraft, fromLocalInput, pointFromDraft, toLocalInput } from "./draft";
import type { Location } from "./kinds";

const location: Location = {
  id: "l1", kind: "location", name: "Harbour", description: [{ kind: "text", text: "by the sea" }],
  alternate_names: ["Port"], wikidata_id: null, wikidata_url: null, version: 3,
  created_at: "2024-01-01T00:00:00Z", updated_at: "2024-01-01T00:00:00Z",
  attributes: { location_type: "extent", coordinate_system: "gps", coordinates: null,
    boundary: [{ lat: 1, lon: 2 }, { lat: 3, lon: 4 }, { lat: 5, lon: 6 }] },
  type_assignments: [{ persona_id: "p1", type_id: "t1", confidence: 0.5, justification: null }],
};

describe("draft converters", () => {
  it("round-trips a location extent through the draft", () => {
    const body = bodyFromDraft("location", draftFromObject(location));
    expect(body).toEqual({
      name: "Harbour", alternate_names: ["Port"],
      type_assignments: [{ persona_id: "p1", type_id: "t1", confidence: 0.5 }],
      attributes: { location_type: "extent", coordinate_system: "gps", boundary: location.attributes.boundary },
    });
  });

  it.each([
    [{ a: "1.5", b: "-2" }, "gps", { lat: 1.5, lon: -2 }],
    [{ a: "10", b: "20" }, "cartesian", { x: 10, y: 20 }],
    [{ a: "", b: "20" }, "gps", null],
    [{ a: "x", b: "20" }, "relative", null],
  ] as const)("reads point %j in %s as %j", (point, system, expected) => {
    expect(pointFromDraft(point, system)).toEqual(expected);
  });

  it("sends an interval's start and end and no timestamp", () => {
    const draft = emptyDraft();
    draft.name = "Morning";
    draft.time = { ...draft.time, type: "interval", timestamp: "2024-01-01T00:00", start: "2024-01-01T08:00", end: "2024-01-01T12:00", vagueness: "approximate" };
    const body = bodyFromDraft("time", draft);
    expect(body).toMatchObject({ attributes: { time_type: "interval", timestamp: null, vagueness: { type: "approximate" } } });
    expect("attributes" in body && body.attributes && "start" in body.attributes && body.attributes.start).toBe(fromLocalInput("2024-01-01T08:00"));
  });

  it("mirrors datetime-local values and ISO instants", () => {
    const iso = fromLocalInput("2024-05-01T10:30");
    expect(iso).not.toBeNull();
    expect(toLocalInput(iso)).toBe("2024-05-01T10:30");
    expect(fromLocalInput("")).toBeNull();
  });

  it("leaves out incomplete assignments and interpretations", () => {
    const draft = emptyDraft();
    draft.name = " Crash ";
    draft.assignments = [{ persona_id: "p1", type_id: "", confidence: "" }];
    draft.event.interpretations = [{ persona_id: "p1", event_type_id: "e1", participants: [{ object_id: "o1", role_type_id: "" }] }];
    expect(bodyFromDraft("event", draft)).toEqual({
      name: "Crash", alternate_names: [], type_assignments: [],
      attributes: { time_id: null, location_id: null, certainty: null },
      interpretations: [{ persona_id: "p1", event_type_id: "e1", participants: [] }],
    });
  });

  it("sends a description only when it changed, keeping its references", () => {
    const ref = { kind: "object" as const, id: "e1", object_kind: "entity" as const };
    const gloss = [{ kind: "text" as const, text: "met " }, ref];
    expect(descriptionChange(gloss, [...gloss])).toBeUndefined();
    const edited = [{ kind: "text" as const, text: "saw " }, ref];
    expect(descriptionChange(gloss, edited)).toEqual(edited);
    expect(descriptionChange(undefined, [{ kind: "text", text: " " }])).toBeUndefined();
    expect(descriptionChange(undefined, [ref])).toEqual([ref]);
  });
});
