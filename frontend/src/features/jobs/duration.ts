import type { Job } from "./api";
import { elapsedSeconds, formatDuration } from "@/lib/format";

/** How long the job ran (so far, while running): `m:ss`, '–' before it started. */
export function jobDuration(job: Job, now_ms = Date.now()): string {
  const seconds = elapsedSeconds(job.started_at, job.finished_at, now_ms);
  return seconds === null ? "–" : formatDuration(seconds);
}
