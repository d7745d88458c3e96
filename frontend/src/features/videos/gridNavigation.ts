/**
 * Arrow-key movement through the card grid. The index arithmetic is pure; the column count
 * is read from the laid-out cards (how many share the first card's row).
 */
export type GridDirection = "left" | "right" | "up" | "down";

/** The index focus moves to from `current` (-1: nothing focused yet), clamped to the grid. */
export function nextGridIndex(current: number, direction: GridDirection, columns: number, count: number): number {
  if (count === 0) return -1;
  if (current < 0) return 0;
  const step = { left: -1, right: 1, up: -columns, down: columns }[direction];
  const next = current + step;
  if (next < 0) return direction === "up" ? current : 0;
  if (next >= count) return direction === "down" ? current : count - 1;
  return next;
}

/** Cards sharing the first card's top edge; 1 when not laid out (e.g. in jsdom). */
export function columnCount(cards: readonly HTMLElement[]): number {
  const first = cards[0];
  if (!first) return 1;
  const top = first.getBoundingClientRect().top;
  const inRow = cards.filter((card) => Math.abs(card.getBoundingClientRect().top - top) < 2).length;
  return Math.max(1, inRow);
}

/** Moves focus among the `[data-video-card]` links inside `grid`. */
export function moveGridFocus(grid: HTMLElement | null, direction: GridDirection): void {
  if (!grid) return;
  const cards = [...grid.querySelectorAll<HTMLElement>("[data-video-card]")];
  const current = cards.findIndex((card) => card === document.activeElement);
  const next = nextGridIndex(current, direction, columnCount(cards), cards.length);
  cards[next]?.focus();
}
