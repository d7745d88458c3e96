/**
 * The gloss editor's DOM: a contentEditable root holding text nodes and chip spans
 * (`contenteditable=false`, the reference in data attributes). `renderGloss` and `readGloss`
 * mirror each other; caret positions convert to and from flat offsets (see parts.ts).
 */
import { glossLength, normalizeGloss, text, type Gloss, type GlossPart, type GlossRef } from "./parts";

export const CHIP_CLASS = "gloss-chip";

export const markerOf = (ref: GlossRef) => (ref.kind === "type" ? "#" : ref.kind === "object" ? "@" : "^");

/** The chip for `ref`: its marker and label, the reference itself in data attributes. */
export function chipElement(doc: Document, ref: GlossRef, label: string): HTMLElement {
  const chip = doc.createElement("span");
  chip.className = CHIP_CLASS;
  chip.contentEditable = "false";
  chip.dataset.ref = JSON.stringify(ref);
  chip.dataset.refId = ref.id;
  chip.setAttribute("aria-label", `${ref.kind} reference: ${label}`);
  chip.textContent = `${markerOf(ref)}${label}`;
  return chip;
}

/** Replaces the children of `root` with `parts`. */
export function renderGloss(root: HTMLElement, parts: Gloss, label: (ref: GlossRef) => string): void {
  const doc = root.ownerDocument;
  root.replaceChildren(
    ...parts.map((part) =>
      part.kind === "text" ? doc.createTextNode(part.text) : chipElement(doc, part, label(part)),
    ),
  );
}

/** Updates the chip labels in place (the names arrived or changed) without touching the text. */
export function relabelChips(root: HTMLElement, label: (ref: GlossRef) => string): void {
  for (const chip of root.querySelectorAll<HTMLElement>(`.${CHIP_CLASS}`)) {
    const ref = refOf(chip);
    if (ref) chip.textContent = `${markerOf(ref)}${label(ref)}`;
  }
}

function refOf(element: HTMLElement): GlossRef | null {
  try {
    return element.dataset.ref ? (JSON.parse(element.dataset.ref) as GlossRef) : null;
  } catch {
    return null;
  }
}

function collect(node: Node, out: GlossPart[]): void {
  if (node.nodeType === Node.TEXT_NODE) {
    out.push(text((node as Text).data.replace(/\u00a0/g, " ")));
    return;
  }
  if (!(node instanceof HTMLElement) && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return;
  if (node instanceof HTMLElement) {
    const ref = node.classList.contains(CHIP_CLASS) ? refOf(node) : null;
    if (ref) return void out.push(ref);
    if (node.tagName === "BR") return void out.push(text(" "));
  }
  for (const child of node.childNodes) collect(child, out);
}

/** The parts of a DOM subtree (the editor root or a fragment of it). Browsers may wrap
 *  text in elements while editing, so any element that is not a chip is read for its children. */
export function readGloss(root: Node): GlossPart[] {
  const out: GlossPart[] = [];
  for (const child of root.childNodes) collect(child, out);
  return normalizeGloss(out);
}

/** The flat offset of a DOM position (node, offset) inside `root`. */
export function flatOffset(root: HTMLElement, node: Node, offset: number): number {
  const range = root.ownerDocument.createRange();
  range.setStart(root, 0);
  range.setEnd(node, offset);
  return glossLength(readGloss(range.cloneContents()));
}

/** The selection inside `root` as flat offsets [start, end], or null when it is elsewhere. */
export function selectionOffsets(root: HTMLElement): [number, number] | null {
  const selection = root.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  return [
    flatOffset(root, range.startContainer, range.startOffset),
    flatOffset(root, range.endContainer, range.endOffset),
  ];
}

/** The DOM position of flat offset `at` in a root that `renderGloss` just filled. */
export function domPosition(root: HTMLElement, at: number): [Node, number] {
  let left = at;
  const children = [...root.childNodes];
  for (const [index, child] of children.entries()) {
    const length = child.nodeType === Node.TEXT_NODE ? (child as Text).length : 1;
    if (left <= length && child.nodeType === Node.TEXT_NODE) return [child, left];
    if (left < length) return [root, index];
    left -= length;
  }
  return [root, children.length];
}

/** Puts a collapsed caret at flat offset `at`. */
export function setCaret(root: HTMLElement, at: number): void {
  const selection = root.ownerDocument.getSelection();
  if (!selection) return;
  const [node, offset] = domPosition(root, at);
  const range = root.ownerDocument.createRange();
  range.setStart(node, offset);
  range.collapse(true);
  selection.removeAllRanges();
  selection.addRange(range);
}
