import { beforeEach, describe, expect, it } from "vitest";
import { CHIP_CLASS, domPosition, flatOffset, readGloss, renderGloss, selectionOffsets, setCaret } from "./dom";
import { text, type GlossPart, type TypeRef, type ObjectRef } from "./parts";

const vessel: TypeRef = { kind: "type", id: "11111111-1111-1111-1111-111111111111", type_kind: "entity" };
const john: ObjectRef = { kind: "object", id: "22222222-2222-2222-2222-222222222222", object_kind: "entity" };
const label = (ref: { id: string }) => (ref.id === vessel.id ? "Vessel" : "John");
const gloss: GlossPart[] = [text("A "), vessel, text(" of "), john, text(" here")];

let root: HTMLDivElement;
beforeEach(() => {
  document.body.innerHTML = "";
  root = document.createElement("div");
  root.contentEditable = "true";
  document.body.append(root);
});

describe("render and read mirror each other", () => {
  it.each([[gloss], [[]], [[vessel]], [[john, text("x"), vessel]]])("round trip %#", (parts) => {
    renderGloss(root, parts, label);
    expect(readGloss(root)).toEqual(parts);
  });

  it("renders chips with marker and label", () => {
    renderGloss(root, gloss, label);
    const chips = [...root.querySelectorAll(`.${CHIP_CLASS}`)].map((c) => c.textContent);
    expect(chips).toEqual(["#Vessel", "@John"]);
  });

  it("reads text the browser wrapped in elements, and a removed chip as gone", () => {
    renderGloss(root, gloss, label);
    root.querySelector(`[data-ref-id="${john.id}"]`)?.remove();
    const wrapper = document.createElement("span");
    wrapper.textContent = "!";
    root.append(wrapper);
    expect(readGloss(root)).toEqual([text("A "), vessel, text(" of  here!")]);
  });

  it("reads a no-break space as a space", () => {
    root.textContent = "a\u00a0b";
    expect(readGloss(root)).toEqual([text("a b")]);
  });
});

describe("caret", () => {
  it.each([0, 1, 2, 3, 5, 7, 8, 13])("flat offset %i survives set and read", (at) => {
    renderGloss(root, gloss, label);
    setCaret(root, at);
    expect(selectionOffsets(root)).toEqual([at, at]);
  });

  it("counts a chip as one", () => {
    renderGloss(root, gloss, label);
    expect(flatOffset(root, root, 2)).toBe(3); // after "A " and the chip
  });

  it("puts a caret between two chips on the root", () => {
    renderGloss(root, [vessel, john], label);
    expect(domPosition(root, 1)).toEqual([root, 1]);
  });
});
