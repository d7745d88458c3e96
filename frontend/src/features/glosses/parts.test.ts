import { describe, expect, it } from "vitest";
import {
  filterOptions, findTrigger, glossLength, glossToText, insertReference, normalizeGloss, sliceGloss,
  spliceGloss, text, textBeforeCaret, type GlossPart, type RefOption, type TypeRef, type ObjectRef,
} from "./parts";

const vessel: TypeRef = { kind: "type", id: "11111111-1111-1111-1111-111111111111", type_kind: "entity" };
const john: ObjectRef = { kind: "object", id: "22222222-2222-2222-2222-222222222222", object_kind: "entity" };
const names: Record<string, string> = { [vessel.id]: "Vessel", [john.id]: "John" };
const label = (ref: { id: string }) => `[${names[ref.id]}]`;
// "A " [Vessel] " of " [John]
const gloss: GlossPart[] = [text("A "), vessel, text(" of "), john];

describe("normalizeGloss", () => {
  it.each([
    [[text("a"), text("b")], [text("ab")]],
    [[text(""), vessel, text("")], [vessel]],
    [[vessel, vessel], [vessel, vessel]],
    [[], []],
  ])("merges adjacent text and drops empty text (%#)", (input, expected) => {
    expect(normalizeGloss(input)).toEqual(expected);
  });
});

describe("flat offsets", () => {
  it("counts a reference as one", () => expect(glossLength(gloss)).toBe(2 + 1 + 4 + 1));
  it.each([
    [0, 2, [text("A ")]],
    [1, 3, [text(" "), vessel]],
    [2, 3, [vessel]],
    [3, 8, [text(" of "), john]],
  ])("slices [%i, %i)", (start, end, expected) => expect(sliceGloss(gloss, start, end)).toEqual(expected));
});

describe("edits around chips keep them", () => {
  it("typing before a chip", () =>
    expect(spliceGloss(gloss, 2, 2, [text("big ")])).toEqual([text("A big "), vessel, text(" of "), john]));
  it("typing right after a chip", () =>
    expect(spliceGloss(gloss, 3, 3, [text("s")])).toEqual([text("A "), vessel, text("s of "), john]));
  it("replacing the text between two chips", () =>
    expect(spliceGloss(gloss, 3, 7, [text(" owned by ")])).toEqual([text("A "), vessel, text(" owned by "), john]));
  it("deleting a chip joins the text around it", () =>
    expect(spliceGloss(gloss, 2, 3, [])).toEqual([text("A  of "), john]));
  it("deleting everything", () => expect(spliceGloss(gloss, 0, 8, [])).toEqual([]));
  it("reads back the same text with labels", () => expect(glossToText(gloss, label)).toBe("A [Vessel] of [John]"));
});

describe("findTrigger", () => {
  it.each([
    ["#", { marker: "#", query: "", length: 1 }],
    ["a #ves", { marker: "#", query: "ves", length: 4 }],
    ["owned by @Jo", { marker: "@", query: "Jo", length: 3 }],
    ["(#x", { marker: "#", query: "x", length: 2 }],
  ])("opens on %j", (before, expected) => expect(findTrigger(before)).toEqual(expected));
  it.each(["", "plain", "a#b", "mail@example", "#ves sel", "@ "])("stays closed on %j", (before) =>
    expect(findTrigger(before)).toBeNull());
});

describe("textBeforeCaret", () => {
  it("stops at the last chip", () => expect(textBeforeCaret(gloss, 5)).toBe(" o"));
  it("is empty right after a chip", () => expect(textBeforeCaret(gloss, 3)).toBe(""));
});

describe("insertReference", () => {
  it("replaces the trigger with the chip and a space, caret after the space", () => {
    const typed = [text("A #ves")];
    const trigger = findTrigger("A #ves");
    expect(trigger).not.toBeNull();
    const result = insertReference(typed, 6, trigger!, vessel);
    expect(result.parts).toEqual([text("A "), vessel, text(" ")]);
    expect(result.caret).toBe(4);
  });
  it("keeps the text after the caret", () => {
    const typed = [text("of @J and more")];
    const result = insertReference(typed, 5, findTrigger("of @J")!, john);
    expect(result.parts).toEqual([text("of "), john, text("  and more")]);
  });
});

describe("filterOptions", () => {
  const option = (name: string): RefOption => ({ ref: { ...vessel, id: name }, label: name, detail: "entity" });
  const options = ["Warship", "Vessel", "Fishing vessel", "Person"].map(option);
  it("matches any case, prefix matches first", () =>
    expect(filterOptions(options, "VES").map((o) => o.label)).toEqual(["Vessel", "Fishing vessel"]));
  it("an empty query lists all, sorted", () =>
    expect(filterOptions(options, "").map((o) => o.label)).toEqual(["Fishing vessel", "Person", "Vessel", "Warship"]));
  it("limits", () => expect(filterOptions(options, "", 2)).toHaveLength(2));
});
