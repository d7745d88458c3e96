/**
 * The five kinds of world object: their URL segments, labels, and which ontology type kind a
 * persona may assign to each (mirrors `fovea.world.checks.assignable_type_kind`).
 */
import type { Schemas } from "@/api/client";

export type ObjectKind = Schemas["ObjectRef"]["object_kind"];
export type Entity = Schemas["EntityRead"];
export type Location = Schemas["LocationRead"];
export type WorldEvent = Schemas["EventRead"];
export type Time = Schemas["TimeRead"];
export type Collection = Schemas["CollectionRead"];
export type WorldObject = Entity | Location | WorldEvent | Time | Collection;
export type TypeKind = "entity" | "event";

export interface KindInfo {
  kind: ObjectKind;
  /** The URL segment (`/world/entities`) and the API path segment. */
  plural: "entities" | "locations" | "events" | "times" | "collections";
  label: string;
  labelPlural: string;
}

export const KINDS: readonly KindInfo[] = [
  { kind: "entity", plural: "entities", label: "Entity", labelPlural: "Entities" },
  { kind: "location", plural: "locations", label: "Location", labelPlural: "Locations" },
  { kind: "event", plural: "events", label: "Event", labelPlural: "Events" },
  { kind: "time", plural: "times", label: "Time", labelPlural: "Times" },
  { kind: "collection", plural: "collections", label: "Collection", labelPlural: "Collections" },
];

/** The kind named by a URL segment, singular or plural (`entity`, `entities`); undefined if none. */
export function kindFromSegment(segment: string | undefined): KindInfo | undefined {
  return KINDS.find((info) => info.plural === segment || info.kind === segment);
}

export const kindInfo = (kind: ObjectKind): KindInfo => KINDS.find((info) => info.kind === kind) ?? KINDS[0]!;

/** The type kind a persona may assign to an object; null: none (times, collections of times). */
export function assignableTypeKind(kind: ObjectKind, collectionKind?: string): TypeKind | null {
  if (kind === "collection") {
    if (collectionKind === "entity") return "entity";
    if (collectionKind === "event") return "event";
    return null;
  }
  if (kind === "entity" || kind === "location") return "entity";
  if (kind === "event") return "event";
  return null;
}

/** The object kinds a collection of `collectionKind` may hold. */
export function memberKinds(collectionKind: string): ObjectKind[] {
  if (collectionKind === "entity") return ["entity", "location"];
  if (collectionKind === "event") return ["event"];
  return ["time"];
}
