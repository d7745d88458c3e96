/** Display formatting shared by the features. */

/** `m:ss` under an hour, `h:mm:ss` from an hour; '–' when unknown. Seconds are floored. */
export function formatDuration(duration_s: number | null | undefined): string {
  if (duration_s == null || !Number.isFinite(duration_s) || duration_s < 0) return "–";
  const total = Math.floor(duration_s);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** `1920×1080`, or null when either side is unknown. */
export function formatResolution(width: number | null | undefined, height: number | null | undefined): string | null {
  return width && height ? `${width}×${height}` : null;
}

/** `12.3 MB` (powers of 1000), '–' when unknown. */
export function formatBytes(size_bytes: number | null | undefined): string {
  if (size_bytes == null) return "–";
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = size_bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Seconds between two ISO times, '–' when the start is missing; `end` defaults to now. */
export function elapsedSeconds(start: string | null, end: string | null, now_ms = Date.now()): number | null {
  if (!start) return null;
  const end_ms = end ? Date.parse(end) : now_ms;
  return Math.max(0, (end_ms - Date.parse(start)) / 1000);
}
