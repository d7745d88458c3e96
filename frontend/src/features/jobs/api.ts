/** Jobs: query options, retry/cancel mutations, and the live event stream. */
import { queryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, unwrap, type paths, type Schemas } from "@/api/client";
import { toast } from "@/lib/toasts";

export type Job = Schemas["JobRead"];
export type JobState = Schemas["JobState"];
export type JobQuery = NonNullable<paths["/api/jobs"]["get"]["parameters"]["query"]>;

export const JOB_STATES: readonly JobState[] = ["queued", "running", "completed", "failed", "cancelled"];
export const TERMINAL_STATES: ReadonlySet<JobState> = new Set(["completed", "failed", "cancelled"]);
export const isActive = (job: Job) => !TERMINAL_STATES.has(job.state);
export const canRetry = (job: Job) => job.state === "failed" || job.state === "cancelled";
export const canCancel = (job: Job) => isActive(job) && !job.cancel_requested;

const ACTIVE_POLL_MS = 2000;

export const jobKeys = {
  all: ["jobs"] as const,
  list: (query: JobQuery) => ["jobs", "list", query] as const,
  detail: (id: string) => ["jobs", "detail", id] as const,
};

export const jobListQuery = (query: JobQuery) =>
  queryOptions({
    queryKey: jobKeys.list(query),
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/jobs", { params: { query }, signal })),
    // Poll while anything on the page is still moving.
    refetchInterval: (q) => (q.state.data?.items.some(isActive) ? ACTIVE_POLL_MS : false),
  });

export const jobQuery = (id: string) =>
  queryOptions({
    queryKey: jobKeys.detail(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/jobs/{job_id}", { params: { path: { job_id: id } }, signal })),
  });

function storeJob(client: QueryClient, job: Job) {
  client.setQueryData(jobKeys.detail(job.id), job);
  void client.invalidateQueries({ queryKey: ["jobs", "list"] });
}

export function useRetryJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST("/api/jobs/{job_id}/retry", { params: { path: { job_id: id } } })),
    onSuccess: (job) => {
      storeJob(client, job);
      toast.success(`Retrying ${job.kind}`);
    },
    onError: (error) => toast.error(`Retry failed: ${error.message}`),
  });
}

export function useCancelJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST("/api/jobs/{job_id}/cancel", { params: { path: { job_id: id } } })),
    onSuccess: (job) => {
      storeJob(client, job);
      toast.success(`Cancel requested for ${job.kind}`);
    },
    onError: (error) => toast.error(`Cancel failed: ${error.message}`),
  });
}

/**
 * Follows `GET /api/jobs/{id}/events` (Server-Sent Events): `progress` while it runs, then one
 * event named after the terminal state, after which the server ends the stream.
 * Returns the function that stops listening.
 */
export function followJob(id: string, onJob: (job: Job) => void): () => void {
  const source = new EventSource(`/api/jobs/${id}/events`);
  const handle = (event: MessageEvent<string>) => {
    const job = JSON.parse(event.data) as Job;
    onJob(job);
    if (TERMINAL_STATES.has(job.state)) source.close(); // else EventSource would reconnect
  };
  for (const name of ["progress", ...TERMINAL_STATES]) source.addEventListener(name, handle);
  return () => source.close();
}
