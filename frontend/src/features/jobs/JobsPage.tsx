/** `/jobs`: every job, newest first, with live progress (polled while any is active). */
import Alert from "@mui/material/Alert";
import CircularProgress from "@mui/material/CircularProgress";
import FormControl from "@mui/material/FormControl";
import InputLabel from "@mui/material/InputLabel";
import Link from "@mui/material/Link";
import MenuItem from "@mui/material/MenuItem";
import Pagination from "@mui/material/Pagination";
import Select from "@mui/material/Select";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink, useSearchParams } from "react-router";
import { JOB_STATES, jobListQuery, type Job, type JobQuery, type JobState } from "./api";
import { JobActions } from "./JobActions";
import { JobProgress } from "./JobProgress";
import { JobStateChip } from "./JobStateChip";
import { jobDuration } from "./duration";

const PAGE_SIZE = 50;

function JobRow({ job }: { job: Job }) {
  return (
    <TableRow hover data-job-id={job.id}>
      <TableCell>
        <Link component={RouterLink} to={`/jobs/${job.id}`}>{job.kind}</Link>
      </TableCell>
      <TableCell><JobStateChip state={job.state} /></TableCell>
      <TableCell><JobProgress job={job} label={`Progress of ${job.kind} job`} /></TableCell>
      <TableCell>{job.stage ?? "–"}</TableCell>
      <TableCell>{jobDuration(job)}</TableCell>
      <TableCell>{new Date(job.created_at).toLocaleString()}</TableCell>
      <TableCell sx={{ maxWidth: 280, overflowWrap: "anywhere", color: "error.main" }}>{job.error ?? ""}</TableCell>
      <TableCell><JobActions job={job} /></TableCell>
    </TableRow>
  );
}

function parse(params: URLSearchParams): JobQuery {
  const state = params.get("state");
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  const query: JobQuery = { page: page >= 1 ? page : 1, page_size: PAGE_SIZE };
  if (state && (JOB_STATES as readonly string[]).includes(state)) query.state = state as JobState;
  return query;
}

export function JobsPage() {
  const [params, setParams] = useSearchParams();
  const query = parse(params);
  const jobs = useQuery(jobListQuery(query));
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== "page") next.delete("page");
    setParams(next);
  };
  const pages = jobs.data ? Math.max(1, Math.ceil(jobs.data.total / PAGE_SIZE)) : 1;

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: "center", justifyContent: "space-between" }}>
        <Typography variant="h5" component="h1">Jobs</Typography>
        <FormControl size="small" sx={{ minWidth: 160 }}>
          <InputLabel id="job-state-label">State</InputLabel>
          <Select labelId="job-state-label" label="State" value={query.state ?? "all"}
            onChange={(e) => set("state", e.target.value === "all" ? null : e.target.value)}>
            <MenuItem value="all">All states</MenuItem>
            {JOB_STATES.map((s) => <MenuItem key={s} value={s}>{s}</MenuItem>)}
          </Select>
        </FormControl>
      </Stack>
      {jobs.isPending && <CircularProgress aria-label="Loading jobs" />}
      {jobs.isError && <Alert severity="error">Could not load the jobs: {jobs.error.message}</Alert>}
      {jobs.data && jobs.data.items.length === 0 && <Alert severity="info">No jobs yet.</Alert>}
      {jobs.data && jobs.data.items.length > 0 && (
        <TableContainer>
          <Table size="small" aria-label="Jobs">
            <TableHead>
              <TableRow>
                {["Kind", "State", "Progress", "Stage", "Duration", "Created", "Error", "Actions"].map((h) => (
                  <TableCell key={h}>{h}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {jobs.data.items.map((job) => <JobRow key={job.id} job={job} />)}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {pages > 1 && (
        <Pagination count={pages} page={query.page ?? 1} sx={{ alignSelf: "center" }}
          onChange={(_, page) => set("page", String(page))} />
      )}
    </Stack>
  );
}
