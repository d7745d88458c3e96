/**
 * Conversion between sequences and their JSON wire form, the twin of `fovea.domain.wire`.
 *
 * Reading checks shapes and types only (a missing key, a string for a number, a fractional
 * frame); value rules such as ordering or frame bounds belong to `validate`. Unknown keys are
 * rejected, since dropping them would make a round trip lossy. `confidence`, `mode` and
 * `bezier` may be left out (null, "linear", null); a missing `segments` means none and a
 * missing `visible` means one range from the first to the last keyframe. Writing spells out
 * every key.
 */
import { SequenceError } from "./errors";
import { jsonKind, pyRepr } from "./show";
import type {
  BezierControlPoints,
  InterpolationMode,
  Keyframe,
  Segment,
  Sequence,
  SequenceWire,
  VisibleRange,
} from "./types";
import { isInterpolationMode } from "./types";
import { unknownModeMessage } from "./validation";

const ROOT_PATH = "$";

type Keys = readonly [required: readonly string[], optional: readonly string[]];
type Fields = Readonly<Record<string, unknown>>;

const SEQUENCE_KEYS: Keys = [["keyframes"], ["segments", "visible"]];
const KEYFRAME_KEYS: Keys = [["frame", "x", "y", "w", "h"], ["confidence"]];
const SEGMENT_KEYS: Keys = [["start_frame", "end_frame"], ["mode", "bezier"]];
const VISIBLE_KEYS: Keys = [["start_frame", "end_frame"], []];

/** Read a parsed JSON document; throw SequenceError naming the first malformed field. */
export function sequenceFromWire(value: unknown): Sequence {
  const root = fields(value, ROOT_PATH, SEQUENCE_KEYS);
  const keyframes = items(root.keyframes, "keyframes").map((item, i) =>
    keyframe(item, `keyframes[${i}]`),
  );
  const segments = items("segments" in root ? root.segments : [], "segments").map((item, i) =>
    segment(item, `segments[${i}]`),
  );
  const first = keyframes[0];
  const last = keyframes[keyframes.length - 1];
  let visible: VisibleRange[] = [];
  if ("visible" in root) {
    visible = items(root.visible, "visible").map((item, i) => visibleRange(item, `visible[${i}]`));
  } else if (first !== undefined && last !== undefined) {
    visible = [{ start_frame: first.frame, end_frame: last.frame }];
  }
  return { keyframes, segments, visible };
}

/** The wire document of `seq`; every key is written, absent values as null. */
export function sequenceToWire(seq: Sequence): Required<SequenceWire> {
  return {
    keyframes: seq.keyframes.map((k) => ({
      frame: k.frame,
      x: k.x,
      y: k.y,
      w: k.w,
      h: k.h,
      confidence: k.confidence,
    })),
    segments: seq.segments.map((s) => ({
      start_frame: s.start_frame,
      end_frame: s.end_frame,
      mode: s.mode,
      bezier: s.bezier === null ? null : [s.bezier[0], s.bezier[1], s.bezier[2], s.bezier[3]],
    })),
    visible: seq.visible.map((r) => ({ start_frame: r.start_frame, end_frame: r.end_frame })),
  };
}

function keyframe(value: unknown, path: string): Keyframe {
  const f = fields(value, path, KEYFRAME_KEYS);
  const confidence = f.confidence ?? null;
  return {
    frame: integer(f.frame, `${path}.frame`),
    x: number(f.x, `${path}.x`),
    y: number(f.y, `${path}.y`),
    w: number(f.w, `${path}.w`),
    h: number(f.h, `${path}.h`),
    confidence: confidence === null ? null : number(confidence, `${path}.confidence`),
  };
}

function segment(value: unknown, path: string): Segment {
  const f = fields(value, path, SEGMENT_KEYS);
  return {
    start_frame: integer(f.start_frame, `${path}.start_frame`),
    end_frame: integer(f.end_frame, `${path}.end_frame`),
    mode: mode("mode" in f ? f.mode : "linear", `${path}.mode`),
    bezier: bezier(f.bezier ?? null, `${path}.bezier`),
  };
}

function visibleRange(value: unknown, path: string): VisibleRange {
  const f = fields(value, path, VISIBLE_KEYS);
  return {
    start_frame: integer(f.start_frame, `${path}.start_frame`),
    end_frame: integer(f.end_frame, `${path}.end_frame`),
  };
}

function mode(value: unknown, path: string): InterpolationMode {
  if (typeof value !== "string") {
    throw new SequenceError(path, `expected a string, got ${jsonKind(value)}`);
  }
  if (!isInterpolationMode(value)) throw new SequenceError(path, unknownModeMessage(value));
  return value;
}

function bezier(value: unknown, path: string): BezierControlPoints | null {
  if (value === null) return null;
  const points = items(value, path);
  if (points.length !== 4) {
    throw new SequenceError(
      path,
      `expected a list of 4 numbers [x1, y1, x2, y2], got ${points.length}`,
    );
  }
  const [x1, y1, x2, y2] = points.map((item, i) => number(item, `${path}[${i}]`));
  return [x1 as number, y1 as number, x2 as number, y2 as number];
}

/** `value` as an object holding every required key and no unknown one. */
function fields(value: unknown, path: string, [required, optional]: Keys): Fields {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SequenceError(path, `expected an object, got ${jsonKind(value)}`);
  }
  for (const key of required) {
    if (!Object.hasOwn(value, key)) throw new SequenceError(child(path, key), "is required");
  }
  for (const key of Object.keys(value)) {
    if (!required.includes(key) && !optional.includes(key)) {
      const known = [...required, ...optional].join(", ");
      throw new SequenceError(child(path, key), `unknown key; expected one of ${known}`);
    }
  }
  return value as Fields;
}

function child(path: string, key: string): string {
  return path === ROOT_PATH ? key : `${path}.${key}`;
}

function items(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new SequenceError(path, `expected a list, got ${jsonKind(value)}`);
  return value;
}

/** JSON has one number type and JavaScript writes 3.0 as 3, so any integral number is a frame. */
function integer(value: unknown, path: string): number {
  if (Number.isInteger(value)) return value as number;
  const shown = typeof value === "number" ? pyRepr(value) : jsonKind(value);
  throw new SequenceError(path, `expected an integer, got ${shown}`);
}

/** Any JSON number; a non-finite one (1e400 parses as Infinity) is left for `validate`. */
function number(value: unknown, path: string): number {
  if (typeof value !== "number") {
    throw new SequenceError(path, `expected a number, got ${jsonKind(value)}`);
  }
  return value;
}
