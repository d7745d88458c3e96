/**
 * `expand`: the boxes of a whole frame range at once, in typed-array columns.
 *
 * Written independently of `boxAt`: it walks the frames in order with a cursor over the
 * keyframe gaps instead of searching per frame, and resolves each gap's easing once. Every
 * box is computed with the same IEEE operations as `boxAt`, so the two agree exactly.
 */
import { ease } from "./easing";
import type { BezierControlPoints, BoxAt, BoxColumns, InterpolationMode, Sequence } from "./types";
import { visibleRanges } from "./types";

interface GapEasing {
  readonly mode: InterpolationMode;
  readonly bezier: BezierControlPoints | null;
}

const LINEAR: GapEasing = { mode: "linear", bezier: null };

/**
 * Boxes of every frame of [startFrame, endFrame] (inclusive) that lies within the keyframes.
 * The columns start at the later of `startFrame` and the first keyframe and end at the earlier
 * of `endFrame` and the last keyframe (length 0 when they do not overlap); hidden frames have
 * `visible` 0. Expects a sequence that passes `validate`.
 */
export function expand(seq: Sequence, startFrame: number, endFrame: number): BoxColumns {
  const keys = seq.keyframes;
  const firstKey = keys[0]?.frame ?? 0;
  const lastKey = keys[keys.length - 1]?.frame ?? -1;
  const first = Math.max(startFrame, firstKey);
  const columns = emptyColumns(first, Math.max(0, Math.min(endFrame, lastKey) - first + 1));
  const easings = gapEasings(seq);
  let gap = 0; // keys[gap] is the last keyframe at or before the current frame
  for (const range of visibleRanges(seq)) {
    const low = Math.max(range.start_frame, first);
    const high = Math.min(range.end_frame, first + columns.length - 1);
    for (let frame = low; frame <= high; frame += 1) {
      while ((keys[gap + 1]?.frame ?? Infinity) <= frame) gap += 1;
      fillRow(columns, frame - first, seq, gap, easings[gap] ?? LINEAR, frame);
    }
  }
  return columns;
}

function emptyColumns(startFrame: number, length: number): BoxColumns {
  const column = (): Float64Array => new Float64Array(length).fill(Number.NaN);
  return {
    startFrame,
    length,
    x: column(),
    y: column(),
    w: column(),
    h: column(),
    visible: new Uint8Array(length),
    keyframe: new Uint8Array(length),
  };
}

/** Write the box of `frame`, which lies in gap `gap` (from keyframes[gap]), into row `row`. */
function fillRow(
  columns: BoxColumns,
  row: number,
  seq: Sequence,
  gap: number,
  easing: GapEasing,
  frame: number,
): void {
  const a = seq.keyframes[gap];
  if (a === undefined) return;
  columns.visible[row] = 1;
  const b = seq.keyframes[gap + 1];
  if (a.frame === frame || b === undefined) {
    // Keyframes come back exactly, with no rounding through the easing.
    columns.keyframe[row] = 1;
    setRow(columns, row, a.x, a.y, a.w, a.h);
    return;
  }
  const p = ease(easing.mode, (frame - a.frame) / (b.frame - a.frame), easing.bezier);
  setRow(
    columns,
    row,
    (b.x - a.x) * p + a.x,
    (b.y - a.y) * p + a.y,
    (b.w - a.w) * p + a.w,
    (b.h - a.h) * p + a.h,
  );
}

function setRow(columns: BoxColumns, row: number, x: number, y: number, w: number, h: number) {
  columns.x[row] = x;
  columns.y[row] = y;
  columns.w[row] = w;
  columns.h[row] = h;
}

/** The easing of each keyframe gap g (keyframes[g] to keyframes[g + 1]); the first segment on a pair wins. */
function gapEasings(seq: Sequence): GapEasing[] {
  const keys = seq.keyframes;
  const gapOfStart = new Map(keys.slice(0, -1).map((k, gap) => [k.frame, gap]));
  const easings: GapEasing[] = keys.slice(0, -1).map(() => LINEAR);
  for (const segment of [...seq.segments].reverse()) {
    const gap = gapOfStart.get(segment.start_frame);
    if (gap === undefined || keys[gap + 1]?.frame !== segment.end_frame) continue;
    easings[gap] = { mode: segment.mode, bezier: segment.bezier };
  }
  return easings;
}

/** The box of `frame` in `columns`, or null where there is none: row access for callers. */
export function columnBoxAt(columns: BoxColumns, frame: number): BoxAt | null {
  const row = frame - columns.startFrame;
  if (!Number.isInteger(row) || row < 0 || row >= columns.length || columns.visible[row] !== 1) {
    return null;
  }
  return {
    frame,
    x: columns.x[row] as number,
    y: columns.y[row] as number,
    w: columns.w[row] as number,
    h: columns.h[row] as number,
    keyframe: columns.keyframe[row] === 1,
  };
}
