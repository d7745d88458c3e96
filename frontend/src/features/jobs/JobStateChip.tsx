import Chip from "@mui/material/Chip";
import type { JobState } from "./api";

const COLORS = {
  queued: "default",
  running: "info",
  completed: "success",
  failed: "error",
  cancelled: "warning",
} as const satisfies Record<JobState, string>;

export function JobStateChip({ state }: { state: JobState }) {
  return <Chip size="small" color={COLORS[state]} label={state} />;
}
