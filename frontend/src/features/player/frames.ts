/**
 * Pure helpers of the player: where to seek to show a frame, stepping, timecodes.
 * Frames and times go through the frame-time table (`@/geometry/frames`), never time x fps.
 */
import { timeOfFrame } from "@/geometry/frames";

/**
 * The media time to seek to so that the element shows `frame`: the middle of its display
 * interval, between its time and the next frame's (for the last frame, the end of the stream
 * when known and later, else half the previous interval past its time). Seeking to a frame's
 * exact start would leave the element at the mercy of rounding in its own clock.
 */
export function seekTimeOfFrame(frameTimesS: ArrayLike<number>, frame: number, endS?: number): number {
  const start = timeOfFrame(frameTimesS, frame);
  let end: number;
  if (frame + 1 < frameTimesS.length) end = frameTimesS[frame + 1] as number;
  else if (endS !== undefined && Number.isFinite(endS) && endS > start) end = endS;
  else if (frame > 0) end = start + (start - (frameTimesS[frame - 1] as number)) / 2;
  else end = start + 0.002;
  return start + (end - start) / 2;
}

/** `frame + delta`, kept within the table's frames [0, frameCount - 1]. */
export function stepFrame(frame: number, delta: number, frameCount: number): number {
  if (frameCount <= 0) return 0;
  return Math.min(frameCount - 1, Math.max(0, frame + delta));
}

/** `HH:MM:SS.mmm` of a time in seconds (negative times, rare, get a leading minus). */
export function formatTimecode(seconds: number): string {
  if (!Number.isFinite(seconds)) return "--:--:--.---";
  const sign = seconds < 0 ? "-" : "";
  const totalMs = Math.round(Math.abs(seconds) * 1000);
  const ms = totalMs % 1000;
  const totalS = Math.floor(totalMs / 1000);
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  return `${sign}${pad(Math.floor(totalS / 3600))}:${pad(Math.floor(totalS / 60) % 60)}:${pad(totalS % 60)}.${pad(ms, 3)}`;
}
