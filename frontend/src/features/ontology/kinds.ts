/** The four kinds of ontology type and what differs between them. */
import type { Schemas } from "@/api/client";

export type TypeKind = "entity" | "event" | "role" | "relation";
export const TYPE_KINDS: readonly TypeKind[] = ["entity", "event", "role", "relation"];

export type EntityType = Schemas["EntityTypeRead"];
export type EventType = Schemas["EventTypeRead"];
export type RoleType = Schemas["RoleTypeRead"];
export type RelationType = Schemas["RelationTypeRead"];
export type OntologyType = EntityType | EventType | RoleType | RelationType;
export type RoleSlot = Schemas["RoleSlot"];
export type FillerKind = RoleType["allowed_fillers"][number];
export type RelationEnd = RelationType["source_kinds"][number];

export const FILLER_KINDS: readonly FillerKind[] = ["entity", "event"];
export const RELATION_ENDS: readonly RelationEnd[] = ["entity", "role", "event", "time", "claim"];

export const KIND_LABEL: Record<TypeKind, string> = {
  entity: "Entity", event: "Event", role: "Role", relation: "Relation",
};

export const isTypeKind = (value: string | null): value is TypeKind =>
  value !== null && (TYPE_KINDS as readonly string[]).includes(value);

/** The fields a create body takes besides the shared ones, with their defaults. */
export interface TypeDraft {
  kind: TypeKind;
  name: string;
  gloss: Schemas["EntityTypeRead"]["gloss"];
  examples: string[];
  roles: RoleSlot[];
  parent_id: string | null;
  allowed_fillers: FillerKind[];
  source_kinds: RelationEnd[];
  target_kinds: RelationEnd[];
  symmetric: boolean;
  transitive: boolean;
}

export function emptyDraft(kind: TypeKind): TypeDraft {
  return {
    kind, name: "", gloss: [], examples: [], roles: [], parent_id: null,
    allowed_fillers: ["entity"], source_kinds: ["entity"], target_kinds: ["entity"],
    symmetric: false, transitive: false,
  };
}

/** The editable fields of a stored type. */
export function draftOf(type: OntologyType): TypeDraft {
  const base = { ...emptyDraft(type.kind), name: type.name, gloss: type.gloss, examples: type.examples };
  switch (type.kind) {
    case "event": return { ...base, roles: type.roles, parent_id: type.parent_id };
    case "role": return { ...base, allowed_fillers: type.allowed_fillers };
    case "relation": return {
      ...base, source_kinds: type.source_kinds, target_kinds: type.target_kinds,
      symmetric: type.symmetric, transitive: type.transitive,
    };
    default: return base;
  }
}

/** The kind-specific body fields of a draft (shared by create and update). */
export function draftBody(draft: TypeDraft): Record<string, unknown> {
  const base = { name: draft.name.trim(), gloss: draft.gloss, examples: draft.examples };
  switch (draft.kind) {
    case "event": return { ...base, roles: draft.roles, parent_id: draft.parent_id };
    case "role": return { ...base, allowed_fillers: draft.allowed_fillers };
    case "relation": return {
      ...base, source_kinds: draft.source_kinds, target_kinds: draft.target_kinds,
      symmetric: draft.symmetric, transitive: draft.transitive,
    };
    default: return base;
  }
}
