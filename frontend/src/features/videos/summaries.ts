/**
 * Summaries from the video browser: the chosen persona and options (kept in localStorage), and
 * the summary jobs started here, followed live over `/api/jobs/{id}/events` until they end.
 */
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { create } from "zustand";
import { api, unwrap } from "@/api/client";
import { followJob, isActive, type Job } from "@/features/jobs/api";
import { toast } from "@/lib/toasts";
import { videoKeys, type Video } from "./api";

export interface SummaryOptions {
  personaId: string;
  transcribe: boolean;
  detect: boolean;
  /** Key frames to describe, at most (1-64). */
  maxKeyFrames: number;
}

const STORAGE_KEY = "fovea.summaryOptions";

function loadOptions(): SummaryOptions {
  const fallback = { personaId: "", transcribe: true, detect: true, maxKeyFrames: 8 };
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "null");
    return stored && typeof stored === "object" ? { ...fallback, ...(stored as Partial<SummaryOptions>) } : fallback;
  } catch {
    return fallback;
  }
}

interface SummaryState {
  options: SummaryOptions;
  /** The latest summary job started here per video id, as its events report it. */
  jobs: Record<string, Job>;
  setOptions: (change: Partial<SummaryOptions>) => void;
  setJob: (videoId: string, job: Job) => void;
}

export const useSummaryStore = create<SummaryState>()((set, get) => ({
  options: loadOptions(),
  jobs: {},
  setOptions: (change) => {
    const options = { ...get().options, ...change };
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(options));
    set({ options });
  },
  setJob: (videoId, job) => set((state) => ({ jobs: { ...state.jobs, [videoId]: job } })),
}));

/** The summary job of a video started from this browser session, if any. */
export const useSummaryJob = (videoId: string) => useSummaryStore((state) => state.jobs[videoId]);

const jobLink = (job: Job) => ({ label: "View job", to: `/jobs/${job.id}` });

function follow(client: QueryClient, video: Video, job: Job) {
  const { setJob } = useSummaryStore.getState();
  setJob(video.id, job);
  followJob(job.id, (update) => {
    setJob(video.id, update);
    if (isActive(update)) return;
    void client.invalidateQueries({ queryKey: videoKeys.all }); // the summary badge
    void client.invalidateQueries({ queryKey: ["jobs", "list"] });
    if (update.state === "completed") toast.success(`Summary of ${video.title} is ready`, { link: jobLink(update) });
    else toast.error(`Summary of ${video.title} ${update.state}${update.error ? `: ${update.error}` : ""}`, { link: jobLink(update) });
  });
}

async function startSummary(video: Video, options: SummaryOptions): Promise<Job> {
  const body = {
    persona_id: options.personaId, transcribe: options.transcribe, detect: options.detect,
    max_key_frames: Math.min(64, Math.max(1, Math.round(options.maxKeyFrames) || 8)),
  };
  return unwrap(await api.POST("/api/videos/{video_id}/summaries", { params: { path: { video_id: video.id } }, body }));
}

/** Starts one summary job per video with the chosen options; toasts and follows each. */
export function useSummarize() {
  const client = useQueryClient();
  return async (videos: readonly Video[]) => {
    const options = useSummaryStore.getState().options;
    if (!options.personaId) {
      toast.warning("Choose a persona to summarize for first");
      return;
    }
    const started = await Promise.allSettled(videos.map((video) => startSummary(video, options)));
    started.forEach((result, index) => {
      const video = videos[index]!;
      if (result.status === "fulfilled") follow(client, video, result.value);
      else toast.error(`Could not summarize ${video.title}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`);
    });
    const jobs = started.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const first = jobs[0];
    if (jobs.length === 1 && first) toast.info(`Summarizing ${videos[0]!.title}`, { link: jobLink(first) });
    else if (jobs.length > 1) toast.info(`Started ${jobs.length} summary jobs`, { link: { label: "View jobs", to: "/jobs" } });
    void client.invalidateQueries({ queryKey: ["jobs", "list"] });
  };
}
