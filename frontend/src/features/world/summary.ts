/** One line about what is particular to an object, for lists and headings. Pure. */
import type { WorldObject } from "./kinds";

const fmt = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : "?");

export function objectSummary(object: WorldObject): string {
  switch (object.kind) {
    case "entity": return object.alternate_names.join(", ");
    case "location": {
      const a = object.attributes;
      if (a.location_type === "extent") return `extent of ${a.boundary?.length ?? 0} points (${a.coordinate_system ?? "gps"})`;
      const c = a.coordinates;
      if (!c) return "point";
      return "lat" in c ? `point ${c.lat}, ${c.lon}` : `point ${c.x}, ${c.y}`;
    }
    case "event": return `${object.interpretations.length} interpretation${object.interpretations.length === 1 ? "" : "s"}`;
    case "time": {
      const a = object.attributes;
      const when = a.time_type === "instant" ? fmt(a.timestamp) : `${fmt(a.start)} – ${fmt(a.end)}`;
      return a.vagueness ? `${when} (${a.vagueness.type})` : when;
    }
    case "collection": {
      const count = object.attributes.member_ids?.length ?? 0;
      return `${count} ${object.attributes.collection_kind} member${count === 1 ? "" : "s"}`;
    }
  }
}
