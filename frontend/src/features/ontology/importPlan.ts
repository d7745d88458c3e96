/**
 * Importing types from another persona, planned as pure data: the create bodies (new ids, in an
 * order where role types and parents exist before the event types that use them) and the gloss
 * edits that come after, once every referenced copy exists.
 */
import { glossRefs, normalizeGloss, text, type Gloss, type GlossPart } from "@/features/glosses/parts";
import { draftBody, draftOf, type OntologyType, type TypeKind } from "./kinds";

export interface ImportStep { kind: TypeKind; id: string; name: string; body: Record<string, unknown> }
export interface GlossPatch { kind: TypeKind; id: string; gloss: GlossPart[] }
export interface ImportPlan { creates: ImportStep[]; patches: GlossPatch[] }

const ORDER: Record<TypeKind, number> = { role: 0, entity: 1, relation: 2, event: 3 };

/** How many parents above `type` are also imported (parents are created first). */
function depth(type: OntologyType, byId: ReadonlyMap<string, OntologyType>): number {
  let n = 0;
  for (let at = type; at.kind === "event" && at.parent_id && byId.has(at.parent_id) && n < byId.size; n++) {
    at = byId.get(at.parent_id)!;
  }
  return n;
}

/** `gloss` with references to imported types pointing at their copies (`map`), or as names. */
function remapGloss(gloss: Gloss, byId: ReadonlyMap<string, OntologyType>, map: ((id: string) => string) | null): GlossPart[] {
  return normalizeGloss(gloss.map((part) => {
    const source = part.kind === "type" ? byId.get(part.id) : undefined;
    if (!source || part.kind !== "type") return part;
    return map ? { ...part, id: map(source.id) } : text(source.name);
  }));
}

export function importPlan(selected: readonly OntologyType[], newId: () => string): ImportPlan {
  const byId = new Map(selected.map((type) => [type.id, type]));
  const ids = new Map(selected.map((type) => [type.id, newId()]));
  const copyOf = (id: string) => ids.get(id)!;
  const ordered = [...selected].sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || depth(a, byId) - depth(b, byId));
  const creates = ordered.map((type): ImportStep => {
    const draft = draftOf(type);
    const body: Record<string, unknown> = {
      ...draftBody({
        ...draft,
        gloss: remapGloss(type.gloss, byId, null),
        roles: draft.roles.filter((slot) => byId.has(slot.role_type_id)).map((slot) => ({ ...slot, role_type_id: copyOf(slot.role_type_id) })),
        parent_id: draft.parent_id && byId.has(draft.parent_id) ? copyOf(draft.parent_id) : null,
      }),
      id: copyOf(type.id),
      wikidata_id: type.wikidata_id,
      wikidata_url: type.wikidata_url,
    };
    return { kind: type.kind, id: copyOf(type.id), name: type.name, body };
  });
  const patches = ordered
    .filter((type) => glossRefs(type.gloss).some((ref) => ref.kind === "type" && byId.has(ref.id)))
    .map((type) => ({ kind: type.kind, id: copyOf(type.id), gloss: remapGloss(type.gloss, byId, copyOf) }));
  return { creates, patches };
}
