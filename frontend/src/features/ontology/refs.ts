/** Types as gloss references: the `#` options and a search over name, gloss and Wikidata id. */
import { glossToText, type GlossRef, type RefOption } from "@/features/glosses/parts";
import { KIND_LABEL, type OntologyType } from "./kinds";

export const typeOptions = (types: readonly OntologyType[]): RefOption[] =>
  types.map((type) => ({
    ref: { kind: "type", id: type.id, type_kind: type.kind },
    label: type.name,
    detail: `${KIND_LABEL[type.kind].toLowerCase()} type`,
  }));

/** Whether `type` matches the search `query` (name, gloss text with names, Wikidata id). */
export function matchesSearch(type: OntologyType, query: string, label: (ref: GlossRef) => string): boolean {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return true;
  const haystack = [type.name, glossToText(type.gloss, label), type.wikidata_id ?? ""].join(" ");
  return haystack.toLocaleLowerCase().includes(needle);
}
