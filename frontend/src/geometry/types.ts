/**
 * Value types of the geometry core: the TypeScript twin of `fovea.domain.model`.
 *
 * A `Sequence` is one annotation's boxes over time: keyframes (boxes the annotator placed),
 * segments (the easing between two consecutive keyframes) and visible ranges. Field names
 * follow the Python model and the wire form. Constructing a value does not validate it (see
 * `validation.ts`), so a malformed document can be held long enough to report its problems.
 *
 * Coordinates: boxes are `xywh` in video pixels (x/y top-left, w/h size). Screen and video
 * points are branded so that one cannot be passed where the other is expected.
 */

/** The six ways values move from one keyframe to the next, in the Python order. */
export const INTERPOLATION_MODES = [
  "linear",
  "ease-in",
  "ease-out",
  "ease-in-out",
  "hold",
  "bezier",
] as const;

export type InterpolationMode = (typeof INTERPOLATION_MODES)[number];

/** CSS `cubic-bezier(x1, y1, x2, y2)` control points; the curve runs (0,0) to (1,1). */
export type BezierControlPoints = readonly [x1: number, y1: number, x2: number, y2: number];

export function isInterpolationMode(value: unknown): value is InterpolationMode {
  return typeof value === "string" && (INTERPOLATION_MODES as readonly string[]).includes(value);
}

/** A box the annotator placed on `frame` (integer index); xywh in video pixels. */
export interface Keyframe {
  readonly frame: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** In [0, 1], or null when the box was not scored (drawn by hand). */
  readonly confidence: number | null;
}

/** The easing between the keyframes on `start_frame` and `end_frame`; `bezier` iff mode is "bezier". */
export interface Segment {
  readonly start_frame: number;
  readonly end_frame: number;
  readonly mode: InterpolationMode;
  readonly bezier: BezierControlPoints | null;
}

/** Frames `start_frame` to `end_frame`, both inclusive, where the object is visible. */
export interface VisibleRange {
  readonly start_frame: number;
  readonly end_frame: number;
}

/**
 * One annotation's boxes over time. `keyframes` are ordered by frame; `visible` is sorted and
 * disjoint, and an empty list means "visible from the first to the last keyframe".
 */
export interface Sequence {
  readonly keyframes: readonly Keyframe[];
  readonly segments: readonly Segment[];
  readonly visible: readonly VisibleRange[];
}

/** The box shown on `frame`; `keyframe` is true when it was placed, not interpolated. */
export interface BoxAt {
  readonly frame: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly keyframe: boolean;
}

/**
 * The boxes of a frame range in columns (see `expand`): row i is frame `startFrame + i`.
 * Where `visible[i]` is 0 there is no box and x/y/w/h hold NaN; `keyframe[i]` is 1 on a
 * keyframe's own frame.
 */
export interface BoxColumns {
  readonly startFrame: number;
  readonly length: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly w: Float64Array;
  readonly h: Float64Array;
  readonly visible: Uint8Array;
  readonly keyframe: Uint8Array;
}

// ---- Wire form: exactly the JSON of the API's `sequence` and of golden.json. ----

export interface KeyframeWire {
  frame: number;
  x: number;
  y: number;
  w: number;
  h: number;
  confidence?: number | null;
}

export interface SegmentWire {
  start_frame: number;
  end_frame: number;
  mode?: InterpolationMode;
  bezier?: [number, number, number, number] | null;
}

export interface VisibleRangeWire {
  start_frame: number;
  end_frame: number;
}

/** `segments` and `visible` may be left out on reading; writing spells out every key. */
export interface SequenceWire {
  keyframes: KeyframeWire[];
  segments?: SegmentWire[];
  visible?: VisibleRangeWire[];
}

// ---- Coordinate spaces ----

declare const coordinateSpace: unique symbol;

/** `T` tagged with the coordinate space it lives in; the tag exists only for the type checker. */
type InSpace<T, Space extends string> = T & { readonly [coordinateSpace]: Space };

/** A point in video pixels (the space boxes are stored in). */
export type VideoPoint = InSpace<{ readonly x: number; readonly y: number }, "video">;

/** A point in CSS pixels of the element the video is drawn in. */
export type ScreenPoint = InSpace<{ readonly x: number; readonly y: number }, "screen">;

/** A box in video pixels: x/y top-left, w/h size. */
export type VideoBox = InSpace<
  { readonly x: number; readonly y: number; readonly w: number; readonly h: number },
  "video"
>;

export function videoPoint(x: number, y: number): VideoPoint {
  return { x, y } as VideoPoint;
}

export function screenPoint(x: number, y: number): ScreenPoint {
  return { x, y } as ScreenPoint;
}

export function videoBox(x: number, y: number, w: number, h: number): VideoBox {
  return { x, y, w, h } as VideoBox;
}

/** The explicit visible ranges of `seq`: the empty default becomes first..last keyframe. */
export function visibleRanges(seq: Sequence): readonly VisibleRange[] {
  const first = seq.keyframes[0];
  const last = seq.keyframes[seq.keyframes.length - 1];
  if (seq.visible.length > 0 || first === undefined || last === undefined) return seq.visible;
  return [{ start_frame: first.frame, end_frame: last.frame }];
}
