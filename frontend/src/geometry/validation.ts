/**
 * `validate`: report the first problem of a sequence precisely, the twin of
 * `fovea.domain.validation` with the same rules, order, paths and messages.
 *
 * Problems are looked for in document order: keyframes (each field in turn), then segments,
 * then visible ranges, then whether every keyframe is visible.
 */
import { SequenceError } from "./errors";
import { lastAtOrBefore } from "./search";
import { pyFloat, pyRepr } from "./show";
import type { Keyframe, Segment, Sequence, VisibleRange } from "./types";
import { INTERPOLATION_MODES, isInterpolationMode } from "./types";

const MODE_CHOICES = INTERPOLATION_MODES.join(", ");

/**
 * Throw SequenceError for the first problem in `seq`; return normally when it is valid.
 * With `resolutionWh` ([width, height] in pixels) every keyframe box must also lie inside
 * the video frame; nothing is clipped here (see `clipToFrame`).
 */
export function validate(seq: Sequence, resolutionWh?: readonly [number, number] | null): void {
  const frameSize = checkedResolution(resolutionWh ?? null);
  checkKeyframes(seq.keyframes, frameSize);
  checkSegments(seq.segments, seq.keyframes);
  checkVisible(seq.visible);
  checkKeyframesVisible(seq.keyframes, seq.visible);
}

/** The message for a mode that is not one of the six (shared with wire reading). */
export function unknownModeMessage(mode: unknown): string {
  return `unknown interpolation mode ${pyRepr(mode)}; expected one of ${MODE_CHOICES}`;
}

function checkedResolution(
  resolutionWh: readonly [number, number] | null,
): readonly [number, number] | null {
  if (resolutionWh === null) return null;
  if (resolutionWh.length !== 2 || !resolutionWh.every((v) => Number.isInteger(v) && v > 0)) {
    throw new RangeError(`resolution_wh must be two positive integers, got ${pyRepr(resolutionWh)}`);
  }
  return resolutionWh;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function checkFrame(value: unknown, path: string): void {
  if (!Number.isInteger(value) || (value as number) < 0) {
    throw new SequenceError(path, `must be a non-negative integer, got ${pyRepr(value)}`);
  }
}

function checkKeyframes(
  keyframes: readonly Keyframe[],
  frameSize: readonly [number, number] | null,
): void {
  if (keyframes.length === 0) {
    throw new SequenceError("keyframes", "a sequence needs at least one keyframe");
  }
  keyframes.forEach((keyframe, i) => {
    const path = `keyframes[${i}]`;
    checkFrame(keyframe.frame, `${path}.frame`);
    const previous = keyframes[i - 1];
    if (previous !== undefined) checkFrameOrder(keyframe.frame, previous.frame, i);
    checkBoxNumbers(keyframe, path);
    checkConfidence(keyframe.confidence, `${path}.confidence`);
    if (frameSize !== null) checkInside(keyframe, path, frameSize);
  });
}

function checkFrameOrder(frame: number, previous: number, index: number): void {
  const path = `keyframes[${index}].frame`;
  const rule = "keyframe frames must be strictly increasing";
  if (frame === previous) {
    throw new SequenceError(
      path,
      `duplicate frame ${frame}: keyframes[${index - 1}] is on the same frame; ${rule}`,
    );
  }
  if (frame < previous) {
    throw new SequenceError(
      path,
      `frame ${frame} is out of order: keyframes[${index - 1}] is on frame ${previous}; ${rule}`,
    );
  }
}

function checkBoxNumbers(keyframe: Keyframe, path: string): void {
  for (const name of ["x", "y", "w", "h"] as const) {
    const value: unknown = keyframe[name];
    if (!isFiniteNumber(value)) {
      throw new SequenceError(`${path}.${name}`, `must be a finite number, got ${pyFloat(value)}`);
    }
  }
  for (const name of ["w", "h"] as const) {
    if (!(keyframe[name] > 0)) {
      throw new SequenceError(`${path}.${name}`, `must be positive, got ${pyFloat(keyframe[name])}`);
    }
  }
}

function checkConfidence(confidence: number | null, path: string): void {
  if (confidence === null) return;
  if (!isFiniteNumber(confidence) || !(confidence >= 0 && confidence <= 1)) {
    throw new SequenceError(
      path,
      `must be a finite number in [0, 1] or null, got ${pyFloat(confidence)}`,
    );
  }
}

function checkInside(keyframe: Keyframe, path: string, frameSize: readonly [number, number]) {
  const [width, height] = frameSize;
  const { x, y, w, h } = keyframe;
  const overflow = overflowOf(x, y, x + w, y + h, width, height);
  if (overflow !== null) {
    const box = `box (x=${pyFloat(x)}, y=${pyFloat(y)}, w=${pyFloat(w)}, h=${pyFloat(h)})`;
    throw new SequenceError(
      path,
      `${box} is outside the ${width}x${height} frame (${overflow}); boxes are not clipped silently`,
    );
  }
}

/** Which edge of the frame a box crosses first, in words, or null when it is inside. */
function overflowOf(
  left: number,
  top: number,
  right: number,
  bottom: number,
  width: number,
  height: number,
): string | null {
  if (left < 0) return `x = ${pyFloat(left)} < 0`;
  if (top < 0) return `y = ${pyFloat(top)} < 0`;
  if (right > width) return `x + w = ${pyFloat(right)} > width ${width}`;
  if (bottom > height) return `y + h = ${pyFloat(bottom)} > height ${height}`;
  return null;
}

function checkSegments(segments: readonly Segment[], keyframes: readonly Keyframe[]): void {
  const indexOfFrame = new Map(keyframes.map((k, i) => [k.frame, i]));
  const ownerOfPair = new Map<string, number>();
  segments.forEach((segment, j) => {
    const path = `segments[${j}]`;
    checkSegmentSpan(segment, path, keyframes, indexOfFrame);
    if (!isInterpolationMode(segment.mode)) {
      throw new SequenceError(`${path}.mode`, unknownModeMessage(segment.mode));
    }
    checkBezier(segment, `${path}.bezier`);
    const pair = `${segment.start_frame}..${segment.end_frame}`;
    const owner = ownerOfPair.get(pair);
    if (owner !== undefined) {
      throw new SequenceError(
        path,
        `keyframes ${pair} already have segments[${owner}]; at most one segment per keyframe pair`,
      );
    }
    ownerOfPair.set(pair, j);
  });
}

function checkSegmentSpan(
  segment: Segment,
  path: string,
  keyframes: readonly Keyframe[],
  indexOfFrame: ReadonlyMap<number, number>,
): void {
  const { start_frame: start, end_frame: end } = segment;
  checkFrame(start, `${path}.start_frame`);
  checkFrame(end, `${path}.end_frame`);
  const rule = "a segment must span two consecutive keyframes";
  const index = indexOfFrame.get(start);
  if (index === undefined) {
    throw new SequenceError(`${path}.start_frame`, `no keyframe on frame ${start}; ${rule}`);
  }
  const next = keyframes[index + 1];
  if (next === undefined) {
    throw new SequenceError(`${path}.start_frame`, `frame ${start} is the last keyframe; ${rule}`);
  }
  if (end !== next.frame) {
    throw new SequenceError(
      `${path}.end_frame`,
      `is ${end} but the keyframe after frame ${start} is on frame ${next.frame}; ${rule}`,
    );
  }
}

function checkBezier(segment: Segment, path: string): void {
  const points: readonly unknown[] | null = segment.bezier;
  if (segment.mode !== "bezier") {
    if (points !== null) throw new SequenceError(path, `must be null for mode ${pyRepr(segment.mode)}`);
    return;
  }
  if (points === null) {
    throw new SequenceError(path, "mode 'bezier' needs control points [x1, y1, x2, y2]");
  }
  if (points.length !== 4) {
    throw new SequenceError(path, `needs exactly 4 numbers [x1, y1, x2, y2], got ${points.length}`);
  }
  const names = ["x1", "y1", "x2", "y2"];
  points.forEach((value, i) => {
    if (!isFiniteNumber(value)) {
      throw new SequenceError(path, `${names[i]} must be a finite number, got ${pyFloat(value)}`);
    }
  });
  for (const i of [0, 2]) {
    // Outside [0, 1] the curve could go back in time and f would not be a function of t.
    const value = points[i] as number;
    if (!(value >= 0 && value <= 1)) {
      throw new SequenceError(path, `${names[i]} = ${pyFloat(value)} must be in [0, 1]`);
    }
  }
}

function checkVisible(ranges: readonly VisibleRange[]): void {
  ranges.forEach((range, j) => {
    const path = `visible[${j}]`;
    checkFrame(range.start_frame, `${path}.start_frame`);
    checkFrame(range.end_frame, `${path}.end_frame`);
    const { start_frame: start, end_frame: end } = range;
    if (start > end) throw new SequenceError(path, `start_frame ${start} is after end_frame ${end}`);
    const before = ranges[j - 1];
    if (before === undefined) return;
    const span = `visible[${j - 1}] (${before.start_frame}..${before.end_frame})`;
    if (start < before.start_frame) {
      throw new SequenceError(
        path,
        `starts at ${start}, before ${span}; ranges must be sorted by start_frame`,
      );
    }
    if (start <= before.end_frame) {
      throw new SequenceError(path, `overlaps ${span}; ranges must not overlap`);
    }
  });
}

function checkKeyframesVisible(
  keyframes: readonly Keyframe[],
  ranges: readonly VisibleRange[],
): void {
  if (ranges.length === 0) return; // no explicit ranges: visible from the first to the last keyframe
  keyframes.forEach((keyframe, i) => {
    // Ranges are sorted and disjoint by now: only the last one starting at or before can hold it.
    const range = ranges[lastAtOrBefore(ranges, keyframe.frame, (r) => r.start_frame)];
    if (range === undefined || keyframe.frame > range.end_frame) {
      throw new SequenceError(
        `keyframes[${i}].frame`,
        `frame ${keyframe.frame} is not inside any visible range; every keyframe must be visible`,
      );
    }
  });
}
