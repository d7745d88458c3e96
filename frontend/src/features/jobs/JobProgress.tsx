import LinearProgress from "@mui/material/LinearProgress";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Job } from "./api";

/** The job's percent as a bar plus its number, named for assistive tech. */
export function JobProgress({ job, label }: { job: Job; label: string }) {
  const percent = Math.round(job.progress);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: "center", minWidth: 140 }}>
      <LinearProgress variant="determinate" value={job.progress} aria-label={label} sx={{ flex: 1 }} />
      <Typography variant="caption" sx={{ fontVariantNumeric: "tabular-nums", minWidth: 36 }}>{percent}%</Typography>
    </Stack>
  );
}
