/**
 * The world object editor's form state (`Draft`: strings, as the inputs hold them) and its
 * mirrored converters: `draftFromObject` for editing, `bodyFromDraft` for the API. Pure; no I/O.
 * Coordinates are degrees (gps: `a` = lat, `b` = lon) or frame units (cartesian: `a` = x, `b` = y).
 */
import type { Schemas } from "@/api/client";
import { glossEquals, type GlossPart } from "@/features/glosses/parts";
import type { ObjectBody } from "./api";
import type { ObjectKind, WorldObject } from "./kinds";

export interface PointDraft { a: string; b: string }
export interface AssignmentDraft { persona_id: string; type_id: string; confidence: string }
export interface ParticipantDraft { object_id: string; role_type_id: string }
export interface InterpretationDraft { persona_id: string; event_type_id: string; participants: ParticipantDraft[] }
export interface VideoRefDraft { video_id: string; frame: string }
export type CoordinateSystem = "gps" | "cartesian" | "relative";

export interface Draft {
  name: string;
  alternateNames: string;
  description: GlossPart[];
  assignments: AssignmentDraft[];
  location: { type: "point" | "extent"; system: CoordinateSystem; point: PointDraft; boundary: PointDraft[] };
  event: { timeId: string; locationId: string; certainty: string; interpretations: InterpretationDraft[] };
  time: {
    type: "instant" | "interval"; timestamp: string; start: string; end: string;
    vagueness: "" | "approximate" | "bounded" | "fuzzy"; vaguenessDescription: string;
    granularity: string; videoRefs: VideoRefDraft[];
  };
  collection: { kind: "entity" | "event" | "time"; memberIds: string[]; collectionType: string };
}

type Gloss = Schemas["EntityRead"]["description"];
type Point = Schemas["GpsPoint"] | Schemas["XyzPoint"];

export const emptyDraft = (): Draft => ({
  name: "", alternateNames: "", description: [], assignments: [],
  location: { type: "point", system: "gps", point: { a: "", b: "" }, boundary: [] },
  event: { timeId: "", locationId: "", certainty: "", interpretations: [] },
  time: { type: "instant", timestamp: "", start: "", end: "", vagueness: "", vaguenessDescription: "", granularity: "", videoRefs: [] },
  collection: { kind: "entity", memberIds: [], collectionType: "" },
});

/** The plain text of a gloss; references become their kind in brackets. */
export function glossText(parts: readonly GlossPart[]): string {
  return parts.map((part) => (part.kind === "text" ? part.text : `[${part.kind}]`)).join("");
}

/** Whether a gloss is text only, so that editing it as plain text loses nothing. */
export const isPlainGloss = (parts: Gloss) => parts.every((part) => part.kind === "text");

const str = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));

/** `2024-05-01T10:30:00Z` -> `2024-05-01T10:30` in local time, as `<input type=datetime-local>` wants. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The mirror of `toLocalInput`: a local `datetime-local` value as ISO UTC; null when empty. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const pointDraft = (point: Point): PointDraft =>
  "lat" in point ? { a: String(point.lat), b: String(point.lon) } : { a: String(point.x), b: String(point.y) };

export function pointFromDraft(point: PointDraft, system: CoordinateSystem): Point | null {
  const a = Number.parseFloat(point.a);
  const b = Number.parseFloat(point.b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  return system === "gps" ? { lat: a, lon: b } : { x: a, y: b };
}

export function draftFromObject(object: WorldObject): Draft {
  const draft = emptyDraft();
  draft.name = object.name;
  draft.alternateNames = object.alternate_names.join(", ");
  draft.description = [...object.description];
  if ("type_assignments" in object) {
    draft.assignments = object.type_assignments.map((a) => ({ persona_id: a.persona_id, type_id: a.type_id, confidence: str(a.confidence) }));
  }
  switch (object.kind) {
    case "location": {
      const attrs = object.attributes;
      draft.location = {
        type: attrs.location_type, system: attrs.coordinate_system ?? "gps",
        point: attrs.coordinates ? pointDraft(attrs.coordinates) : { a: "", b: "" },
        boundary: (attrs.boundary ?? []).map(pointDraft),
      };
      break;
    }
    case "event":
      draft.event = {
        timeId: object.attributes.time_id ?? "", locationId: object.attributes.location_id ?? "",
        certainty: str(object.attributes.certainty),
        interpretations: object.interpretations.map((i) => ({
          persona_id: i.persona_id, event_type_id: i.event_type_id,
          participants: i.participants.map((p) => ({ object_id: p.object_id, role_type_id: p.role_type_id })),
        })),
      };
      break;
    case "time": {
      const attrs = object.attributes;
      draft.time = {
        type: attrs.time_type, timestamp: toLocalInput(attrs.timestamp), start: toLocalInput(attrs.start),
        end: toLocalInput(attrs.end), vagueness: attrs.vagueness?.type ?? "",
        vaguenessDescription: attrs.vagueness?.description ?? "", granularity: attrs.granularity ?? "",
        videoRefs: (attrs.video_references ?? []).map((r) => ({ video_id: r.video_id, frame: str(r.frame) })),
      };
      break;
    }
    case "collection":
      draft.collection = {
        kind: object.attributes.collection_kind, memberIds: [...(object.attributes.member_ids ?? [])],
        collectionType: object.attributes.collection_type ?? "",
      };
      break;
    case "entity":
      break;
  }
  return draft;
}

const numberOrNull = (value: string): number | null => {
  const parsed = Number.parseFloat(value);
  return value.trim() === "" || !Number.isFinite(parsed) ? null : parsed;
};

function assignmentsFromDraft(draft: Draft): Schemas["TypeAssignmentIn"][] {
  return draft.assignments
    .filter((a) => a.persona_id && a.type_id)
    .map((a) => ({ persona_id: a.persona_id, type_id: a.type_id, confidence: numberOrNull(a.confidence) }));
}

function locationAttributes(draft: Draft): Schemas["LocationAttributes"] {
  const { type, system, point, boundary } = draft.location;
  if (type === "point") return { location_type: "point", coordinate_system: system, coordinates: pointFromDraft(point, system) };
  const points = boundary.map((p) => pointFromDraft(p, system)).filter((p): p is Point => p !== null);
  return { location_type: "extent", coordinate_system: system, boundary: points };
}

function timeAttributes(draft: Draft): Schemas["TimeAttributes"] {
  const t = draft.time;
  const interval = t.type === "interval";
  return {
    time_type: t.type,
    timestamp: interval ? null : fromLocalInput(t.timestamp),
    start: interval ? fromLocalInput(t.start) : null,
    end: interval ? fromLocalInput(t.end) : null,
    vagueness: t.vagueness ? { type: t.vagueness, description: t.vaguenessDescription || null } : null,
    granularity: (t.granularity || null) as Schemas["TimeAttributes"]["granularity"],
    video_references: t.videoRefs.filter((r) => r.video_id).map((r) => {
      const frame = numberOrNull(r.frame);
      return { video_id: r.video_id, frame: frame === null ? null : Math.round(frame) };
    }),
  };
}

/** The create body of a draft (an edit sends the same fields plus `version`). */
export function bodyFromDraft(kind: ObjectKind, draft: Draft): ObjectBody {
  const common = {
    name: draft.name.trim(),
    alternate_names: draft.alternateNames.split(",").map((n) => n.trim()).filter(Boolean),
  };
  const type_assignments = assignmentsFromDraft(draft);
  switch (kind) {
    case "entity": return { ...common, type_assignments };
    case "location": return { ...common, type_assignments, attributes: locationAttributes(draft) };
    case "event": return {
      ...common, type_assignments,
      attributes: { time_id: draft.event.timeId || null, location_id: draft.event.locationId || null, certainty: numberOrNull(draft.event.certainty) },
      interpretations: draft.event.interpretations.filter((i) => i.persona_id && i.event_type_id).map((i) => ({
        persona_id: i.persona_id, event_type_id: i.event_type_id,
        participants: i.participants.filter((p) => p.object_id && p.role_type_id),
      })),
    };
    case "time": return { ...common, attributes: timeAttributes(draft) };
    case "collection": return {
      ...common, type_assignments: draft.collection.kind === "time" ? [] : type_assignments,
      attributes: { collection_kind: draft.collection.kind, member_ids: draft.collection.memberIds, collection_type: draft.collection.collectionType || null },
    };
  }
}

/** The description to send: the gloss (references included) when it changed, else nothing. */
export function descriptionChange(original: Gloss | undefined, parts: readonly GlossPart[]): GlossPart[] | undefined {
  if (original === undefined) return glossText(parts).trim() ? [...parts] : undefined;
  return glossEquals(original, parts) ? undefined : [...parts];
}
