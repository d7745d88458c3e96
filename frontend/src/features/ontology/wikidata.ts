/** The server's Wikidata routes: search, and import an item as a type of a persona. */
import { api, unwrap, type Schemas } from "@/api/client";
import type { OntologyType, TypeKind } from "./kinds";

export type WikidataHit = Schemas["WikidataHit"];

/** The browser's language as Wikidata spells it (`en`, `pt-br`), else English. */
export function wikidataLanguage(tag: string = navigator.language): string {
  const code = tag.toLowerCase();
  return /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(code) ? code.split("-")[0]! : "en";
}

export async function searchWikidata(q: string, signal: AbortSignal, limit = 10): Promise<WikidataHit[]> {
  return unwrap(await api.GET("/api/wikidata/search", { params: { query: { q, limit, language: wikidataLanguage() } }, signal }));
}

export async function importWikidataType(personaId: string, wikidataId: string, kind: TypeKind): Promise<OntologyType> {
  return unwrap(await api.POST("/api/personas/{persona_id}/types/wikidata", {
    params: { path: { persona_id: personaId } },
    body: { wikidata_id: wikidataId, kind, language: wikidataLanguage() },
  }));
}
