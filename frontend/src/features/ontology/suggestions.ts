/** AI type suggestions (the suggest-types job's `result.suggestions`) and the types they become. */
import { text } from "@/features/glosses/parts";
import { isTypeKind, type OntologyType, type TypeKind } from "./kinds";

export interface Suggestion {
  name: string;
  kind: TypeKind;
  description: string;
  parent: string | null;
  examples: string[];
  confidence: number | null;
  source: string | null;
}

const str = (value: unknown) => (typeof value === "string" ? value : "");

/** The well-formed suggestions of a job result; anything else is skipped. */
export function readSuggestions(result: unknown): Suggestion[] {
  const list = result && typeof result === "object" && "suggestions" in result ? (result as { suggestions: unknown }).suggestions : [];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: Record<string, unknown>) => {
    const kind = str(item.kind);
    if (!str(item.name) || !isTypeKind(kind)) return [];
    return [{
      name: str(item.name), kind, description: str(item.description), parent: str(item.parent) || null,
      examples: Array.isArray(item.examples) ? item.examples.filter((e): e is string => typeof e === "string" && e.trim() !== "") : [],
      confidence: typeof item.confidence === "number" ? item.confidence : null,
      source: str(item.source) || null,
    }];
  });
}

/** The create body of a suggestion; an event's parent is found by name among `existing`. */
export function suggestionBody(suggestion: Suggestion, existing: readonly OntologyType[]): Record<string, unknown> {
  const base = {
    name: suggestion.name,
    gloss: suggestion.description ? [text(suggestion.description)] : [],
    examples: suggestion.examples,
  };
  switch (suggestion.kind) {
    case "event": {
      const parent = existing.find((t) => t.kind === "event" && t.name.toLowerCase() === suggestion.parent?.toLowerCase());
      return { ...base, roles: [], parent_id: parent?.id ?? null };
    }
    case "role": return { ...base, allowed_fillers: ["entity", "event"] };
    case "relation": return { ...base, source_kinds: ["entity"], target_kinds: ["entity"] };
    default: return base;
  }
}
