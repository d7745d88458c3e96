/**
 * Glosses as the server stores them: an ordered list of typed parts (text, type reference,
 * object reference, ...). Pure functions over that list; offsets are "flat": each character of
 * text counts 1 and each reference (a chip in the editor) counts 1.
 */
import type { Schemas } from "@/api/client";

export type TextPart = Schemas["TextPart"];
export type TypeRef = Schemas["TypeRef"];
export type ObjectRef = Schemas["ObjectRef"];
export type GlossPart = TextPart | TypeRef | ObjectRef | Schemas["AnnotationRef"] | Schemas["ClaimRef"];
export type GlossRef = Exclude<GlossPart, TextPart>;
export type Gloss = readonly GlossPart[];

/** The marker typed before a reference: `#` types, `@` world objects. */
export type Marker = "#" | "@";

export const text = (value: string): TextPart => ({ kind: "text", text: value });

/** Adjacent text parts merged, empty ones dropped: the one canonical form of a gloss. */
export function normalizeGloss(parts: Gloss): GlossPart[] {
  const out: GlossPart[] = [];
  for (const part of parts) {
    if (part.kind !== "text") out.push(part);
    else if (part.text === "") continue;
    else {
      const last = out[out.length - 1];
      if (last?.kind === "text") out[out.length - 1] = text(last.text + part.text);
      else out.push(part);
    }
  }
  return out;
}

const partLength = (part: GlossPart) => (part.kind === "text" ? part.text.length : 1);

/** The flat length: characters of text plus one per reference. */
export const glossLength = (parts: Gloss) => parts.reduce((sum, part) => sum + partLength(part), 0);

/** The parts between flat offsets `start` and `end` (a reference is kept whole or not at all). */
export function sliceGloss(parts: Gloss, start: number, end: number = Infinity): GlossPart[] {
  const out: GlossPart[] = [];
  let at = 0;
  for (const part of parts) {
    const length = partLength(part);
    const from = Math.max(start, at);
    const to = Math.min(end, at + length);
    if (from < to) out.push(part.kind === "text" ? text(part.text.slice(from - at, to - at)) : part);
    at += length;
  }
  return normalizeGloss(out);
}

/** `parts` with the flat range [start, end) replaced by `insert` (an edit of the editor). */
export function spliceGloss(parts: Gloss, start: number, end: number, insert: Gloss): GlossPart[] {
  return normalizeGloss([...sliceGloss(parts, 0, start), ...insert, ...sliceGloss(parts, end)]);
}

export const isSameRef = (a: GlossRef, b: GlossRef) => a.kind === b.kind && a.id === b.id;

/** Two glosses with the same parts (after normalising). */
export function glossEquals(a: Gloss, b: Gloss): boolean {
  return JSON.stringify(normalizeGloss(a)) === JSON.stringify(normalizeGloss(b));
}

/** The gloss as plain text, each reference written by `label` (search, previews). */
export function glossToText(parts: Gloss, label: (ref: GlossRef) => string): string {
  return parts.map((part) => (part.kind === "text" ? part.text : label(part))).join("");
}

/** The references of a gloss, in order. */
export const glossRefs = (parts: Gloss): GlossRef[] =>
  parts.filter((part): part is GlossRef => part.kind !== "text");

/** An open `#`/`@` trigger: the marker, what was typed after it, and its length with the marker. */
export interface Trigger {
  marker: Marker;
  query: string;
  length: number;
}

const TRIGGER = /(?:^|[\s([{"'])([#@])([^\s#@]{0,60})$/u;

/**
 * The trigger that ends `before` (the text just before the caret), if any: a marker at the
 * start or after a space/bracket, then no space. `a#b` (a hashtag inside a word) is no trigger.
 */
export function findTrigger(before: string): Trigger | null {
  const match = TRIGGER.exec(before);
  if (!match) return null;
  const marker = match[1] as Marker;
  const query = match[2] ?? "";
  return { marker, query, length: query.length + 1 };
}

/** The text after the last reference and before flat offset `caret` (where triggers live). */
export function textBeforeCaret(parts: Gloss, caret: number): string {
  const before = sliceGloss(parts, 0, caret);
  const last = before[before.length - 1];
  return last?.kind === "text" ? last.text : "";
}

/**
 * Replaces the trigger that ends at `caret` with `ref` and one space; returns the new parts and
 * the caret after the space.
 */
export function insertReference(
  parts: Gloss, caret: number, trigger: Trigger, ref: GlossRef,
): { parts: GlossPart[]; caret: number } {
  const start = caret - trigger.length;
  return { parts: spliceGloss(parts, start, caret, [ref, text(" ")]), caret: start + 2 };
}

/** A reference the `#`/`@` list offers. */
export interface RefOption {
  ref: TypeRef | ObjectRef;
  label: string;
  /** What kind it is, shown beside the label ("entity type", "location"). */
  detail: string;
}

/** Options whose label contains `query` (any case), those starting with it first; at most `limit`. */
export function filterOptions(options: readonly RefOption[], query: string, limit = 8): RefOption[] {
  const needle = query.toLocaleLowerCase();
  const scored = options
    .map((option) => ({ option, at: option.label.toLocaleLowerCase().indexOf(needle) }))
    .filter((entry) => entry.at >= 0);
  scored.sort((a, b) => Number(a.at !== 0) - Number(b.at !== 0) || a.option.label.localeCompare(b.option.label));
  return scored.slice(0, limit).map((entry) => entry.option);
}
