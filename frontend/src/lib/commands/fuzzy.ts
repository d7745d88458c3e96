/**
 * The palette's filter: a score per command, higher is better, null when it does not match.
 * Ranks an exact title, then a prefix, then a word start, then a substring, then the query's
 * letters in order (fewer gaps is better).
 */
import type { Command } from "./types";

export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  const t = text.toLowerCase();
  if (q === "") return 0;
  if (t === q) return 1000;
  if (t.startsWith(q)) return 900 - t.length;
  const wordStart = t.indexOf(` ${q}`);
  if (wordStart >= 0) return 800 - wordStart;
  const substring = t.indexOf(q);
  if (substring >= 0) return 700 - substring;
  return subsequenceScore(q, t);
}

function subsequenceScore(q: string, t: string): number | null {
  let position = -1;
  let gaps = 0;
  for (const char of q) {
    if (char === " ") continue;
    const next = t.indexOf(char, position + 1);
    if (next < 0) return null;
    if (position >= 0) gaps += next - position - 1;
    position = next;
  }
  return Math.max(1, 500 - gaps);
}

/** The commands that match, best first (ties keep the given order). */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  const scored: { command: Command; score: number; index: number }[] = [];
  commands.forEach((command, index) => {
    const title = fuzzyScore(query, command.title);
    const category = command.category ? fuzzyScore(query, command.category) : null;
    // A category hit counts, but below any title hit.
    const score = title ?? (category !== null ? category / 10 : null);
    if (score !== null) scored.push({ command, score, index });
  });
  return scored
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.command);
}
