/**
 * Frame <-> time through the video's frame-time table, never time x fps.
 *
 * `frameTimesS[n]` is the presentation time, in seconds on the stream's own timeline, from
 * which frame n is shown (the API's `FrameTimes.times_s`, sorted, rounded to microseconds).
 * It is the time a browser reports as `mediaTime` in `requestVideoFrameCallback`; a file whose
 * first frame is stamped after 0 has `frameTimesS[0] > 0` and nothing is subtracted.
 */

/**
 * Half of the table's resolution: its times are rounded to whole microseconds, as are the
 * browser's media times, so a media time within this of a frame's time is that frame's.
 */
export const HALF_TICK_S = 0.5e-6;

/**
 * The frame shown at media time `timeS`: the last frame whose time is at or before
 * `timeS + halfTickS` (numpy: `searchsorted(frame_times_s, t + eps, "right") - 1`).
 * Null before the first frame (or for an empty table); the last frame after the end.
 */
export function frameAtTime(
  frameTimesS: ArrayLike<number>,
  timeS: number,
  halfTickS: number = HALF_TICK_S,
): number | null {
  if (!Number.isFinite(timeS)) throw new RangeError(`time must be finite, got ${timeS} s`);
  const limitS = timeS + halfTickS;
  let low = 0;
  let high = frameTimesS.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((frameTimesS[middle] as number) <= limitS) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? null : low - 1;
}

/** The presentation time in seconds from which `frame` (an integer index) is shown. */
export function timeOfFrame(frameTimesS: ArrayLike<number>, frame: number): number {
  if (!Number.isInteger(frame) || frame < 0 || frame >= frameTimesS.length) {
    throw new RangeError(`frame ${frame} is not in the table of ${frameTimesS.length} frames`);
  }
  return frameTimesS[frame] as number;
}
