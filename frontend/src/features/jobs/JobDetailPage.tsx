/** `/jobs/:id`: one job, updated live from its event stream while it is active. */
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import CircularProgress from "@mui/material/CircularProgress";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link as RouterLink, useParams } from "react-router";
import { FactList } from "@/components/ui/FactList";
import { followJob, isActive, jobKeys, jobQuery, type Job } from "./api";
import { JobActions } from "./JobActions";
import { JobProgress } from "./JobProgress";
import { JobStateChip } from "./JobStateChip";
import { jobDuration } from "./duration";

/** Subscribes to the job's events while it is active; each event replaces the cached job. */
function useLiveJob(id: string, active: boolean) {
  const client = useQueryClient();
  useEffect(() => {
    if (!active) return;
    return followJob(id, (job) => {
      client.setQueryData(jobKeys.detail(id), job);
      if (!isActive(job)) void client.invalidateQueries({ queryKey: ["jobs", "list"] });
    });
  }, [client, id, active]);
}

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "–");

function facts(job: Job): [string, string][] {
  return [
    ["Kind", job.kind],
    ["Stage", job.stage ?? "–"],
    ["Attempts", `${job.attempts}${job.max_attempts ? ` of ${job.max_attempts}` : ""}`],
    ["Created", time(job.created_at)],
    ["Started", time(job.started_at)],
    ["Finished", time(job.finished_at)],
    ["Duration", jobDuration(job)],
    ["Next attempt", time(job.next_attempt_at)],
  ];
}

export function JobDetailPage() {
  const { id = "" } = useParams();
  const query = useQuery(jobQuery(id));
  useLiveJob(id, query.data ? isActive(query.data) : false);
  if (query.isPending) return <CircularProgress aria-label="Loading job" />;
  if (query.isError) return <Alert severity="error">Could not load the job: {query.error.message}</Alert>;
  const job = query.data;
  return (
    <Stack spacing={2} sx={{ maxWidth: 900 }}>
      <Link component={RouterLink} to="/jobs">← Jobs</Link>
      <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
        <Typography variant="h5" component="h1">Job {job.kind}</Typography>
        <JobStateChip state={job.state} />
        {job.cancel_requested && isActive(job) && <Typography color="warning.main">cancelling…</Typography>}
      </Stack>
      <Box role="status" aria-live="polite">
        <JobProgress job={job} label="Job progress" />
        {job.stage && <Typography variant="body2" color="text.secondary">{job.stage}</Typography>}
      </Box>
      {job.error && <Alert severity="error">{job.error}</Alert>}
      <JobActions job={job} size="medium" />
      <FactList label="Job facts" facts={facts(job)} />
      {job.result && (
        <Box component="section" aria-label="Result">
          <Typography variant="h6" component="h2">Result</Typography>
          <Box component="pre" sx={{ bgcolor: "action.hover", p: 1.5, borderRadius: 1, overflow: "auto", maxHeight: 400 }}>
            {JSON.stringify(job.result, null, 2)}
          </Box>
        </Box>
      )}
    </Stack>
  );
}
