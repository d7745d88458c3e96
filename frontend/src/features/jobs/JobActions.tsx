import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import { canCancel, canRetry, useCancelJob, useRetryJob, type Job } from "./api";

/** Retry (failed or cancelled jobs) and Cancel (queued or running ones). */
export function JobActions({ job, size = "small" }: { job: Job; size?: "small" | "medium" }) {
  const retry = useRetryJob();
  const cancel = useCancelJob();
  return (
    <Stack direction="row" spacing={1}>
      {canRetry(job) && (
        <Button size={size} variant="outlined" loading={retry.isPending} onClick={() => retry.mutate(job.id)}
          aria-label={`Retry ${job.kind} job`}>
          Retry
        </Button>
      )}
      {canCancel(job) && (
        <Button size={size} color="warning" variant="outlined" loading={cancel.isPending}
          onClick={() => cancel.mutate(job.id)} aria-label={`Cancel ${job.kind} job`}>
          Cancel
        </Button>
      )}
    </Stack>
  );
}
