/**
 * The geometry core: the TypeScript twin of `fovea.domain` (bounding-box sequences and their
 * interpolation) plus frame <-> time mapping. Pure functions over immutable values; no React,
 * no DOM, no fetch. One set of JSON vectors (tests/fixtures/interpolation/) holds both
 * languages to the same answers.
 */
export { cubicBezier, ease } from "./easing";
export { SequenceError } from "./errors";
export { columnBoxAt, expand } from "./expansion";
export { HALF_TICK_S, frameAtTime, timeOfFrame } from "./frames";
export { boxAt, clipToFrame } from "./sequences";
export * from "./types";
export { validate } from "./validation";
export { sequenceFromWire, sequenceToWire } from "./wire";
