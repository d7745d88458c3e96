import { describe, expect, it } from "vitest";
import { text } from "@/features/glosses/parts";
import { importPlan } from "./importPlan";
import type { EventType, OntologyType, RoleType } from "./kinds";

const base = { persona_id: "p", examples: [], wikidata_id: null, wikidata_url: null, version: 1, created_at: "", updated_at: "" };
const agent: RoleType = { ...base, id: "agent", kind: "role", name: "Agent", gloss: [], allowed_fillers: ["entity"] };
const place: RoleType = { ...base, id: "place", kind: "role", name: "Place", gloss: [], allowed_fillers: ["entity"] };
const move: EventType = {
  ...base, id: "move", kind: "event", name: "Move", parent_id: null,
  gloss: [text("done by "), { kind: "type", id: "agent", type_kind: "role" }],
  roles: [{ role_type_id: "agent", optional: false }, { role_type_id: "place", optional: true }],
};
const sail: EventType = { ...move, id: "sail", name: "Sail", parent_id: "move", roles: [], gloss: [] };

const plan = (types: OntologyType[]) => {
  let n = 0;
  return importPlan(types, () => `new-${++n}`);
};

describe("importPlan", () => {
  it("creates role types and parents before the event types that use them", () => {
    expect(plan([sail, move, agent]).creates.map((step) => step.name)).toEqual(["Agent", "Move", "Sail"]);
  });

  it("points role slots and parents at the copies and drops slots of types left behind", () => {
    const { creates } = plan([sail, move, agent]);
    const ids = Object.fromEntries(creates.map((step) => [step.name, step.id]));
    expect(creates.find((s) => s.name === "Move")?.body.roles).toEqual([{ role_type_id: ids.Agent, optional: false }]);
    expect(creates.find((s) => s.name === "Sail")?.body.parent_id).toBe(ids.Move);
  });

  it("writes references to imported types as names first, then patches them to the copies", () => {
    const { creates, patches } = plan([move, agent, place]);
    const ids = Object.fromEntries(creates.map((step) => [step.name, step.id]));
    expect(creates.find((s) => s.name === "Move")?.body.gloss).toEqual([text("done by Agent")]);
    expect(patches).toEqual([{ kind: "event", id: ids.Move, gloss: [text("done by "), { kind: "type", id: ids.Agent, type_kind: "role" }] }]);
  });

  it("keeps references to types that are not imported", () => {
    const { creates, patches } = plan([move]);
    expect(creates[0]?.body.gloss).toEqual(move.gloss);
    expect(patches).toEqual([]);
  });
});
