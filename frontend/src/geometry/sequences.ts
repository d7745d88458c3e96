/**
 * Boxes of a sequence on one frame (`boxAt`) and cutting keyframe boxes to the video frame
 * (`clipToFrame`): the twin of `fovea.domain.sequences`. `expand` (expansion.ts) answers a
 * whole frame range and is written independently; the tests hold the two to agree exactly.
 * Both expect a sequence that passes `validate`.
 */
import { ease } from "./easing";
import { SequenceError } from "./errors";
import { lastAtOrBefore } from "./search";
import type {
  BezierControlPoints,
  BoxAt,
  InterpolationMode,
  Keyframe,
  Segment,
  Sequence,
} from "./types";
import { visibleRanges } from "./types";

/** The box on `frame`, or null when the object is hidden there or outside its keyframes. */
export function boxAt(seq: Sequence, frame: number): BoxAt | null {
  const keyframes = seq.keyframes;
  if (keyframes.length === 0 || !isVisible(seq, frame)) return null;
  const index = lastAtOrBefore(keyframes, frame, (k) => k.frame);
  const start = keyframes[index];
  if (start === undefined) return null;
  if (start.frame === frame) {
    return { frame, x: start.x, y: start.y, w: start.w, h: start.h, keyframe: true };
  }
  const end = keyframes[index + 1];
  if (end === undefined) return null;
  const [mode, bezier] = easingBetween(seq.segments, start.frame, end.frame);
  const progress = ease(mode, (frame - start.frame) / (end.frame - start.frame), bezier);
  return {
    frame,
    x: start.x + (end.x - start.x) * progress,
    y: start.y + (end.y - start.y) * progress,
    w: start.w + (end.w - start.w) * progress,
    h: start.h + (end.h - start.h) * progress,
    keyframe: false,
  };
}

function isVisible(seq: Sequence, frame: number): boolean {
  const ranges = visibleRanges(seq);
  const range = ranges[lastAtOrBefore(ranges, frame, (r) => r.start_frame)];
  return range !== undefined && frame <= range.end_frame;
}

/** Mode and control points for one keyframe pair; a pair without a segment is linear. */
function easingBetween(
  segments: readonly Segment[],
  startFrame: number,
  endFrame: number,
): [InterpolationMode, BezierControlPoints | null] {
  const segment = segments.find((s) => s.start_frame === startFrame && s.end_frame === endFrame);
  return segment === undefined ? ["linear", null] : [segment.mode, segment.bezier];
}

/**
 * A copy of `seq` whose keyframe boxes are cut to a `resolutionWh` = [width, height] frame.
 * Boxes already inside are kept bit for bit; keyframes that are not boxes at all (non-finite,
 * w <= 0) are left for `validate`. A box with nothing inside the frame throws SequenceError.
 */
export function clipToFrame(seq: Sequence, resolutionWh: readonly [number, number]): Sequence {
  const [width, height] = resolutionWh;
  const keyframes = seq.keyframes.map((k, i) => clipKeyframe(k, `keyframes[${i}]`, width, height));
  return { ...seq, keyframes };
}

function clipKeyframe(k: Keyframe, path: string, width: number, height: number): Keyframe {
  const isBox = [k.x, k.y, k.w, k.h].every(Number.isFinite) && k.w > 0 && k.h > 0;
  if (!isBox) return k; // validate names the field; clipping cannot help
  const [x, w] = clipSpan(k.x, k.w, width);
  const [y, h] = clipSpan(k.y, k.h, height);
  if (!(w > 0 && h > 0)) {
    throw new SequenceError(
      path,
      `box (x=${k.x}, y=${k.y}, w=${k.w}, h=${k.h}) lies entirely outside the ` +
        `${width}x${height} frame; nothing is left after clipping`,
    );
  }
  return { ...k, x, y, w, h };
}

/** Cut the span [start, start + size] to [0, limit]; returns [start, size]. */
function clipSpan(start: number, size: number, limit: number): [number, number] {
  if (start >= 0 && start + size <= limit) return [start, size];
  const low = Math.min(Math.max(start, 0), limit);
  // low + (limit - low) rounds back to an integer limit exactly, so the result validates.
  return [low, Math.min(start + size, limit) - low];
}
