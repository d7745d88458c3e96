/** Server state of the video browser: query options and mutations on the generated client. */
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, ApiError, errorMessage, unwrap, type Schemas } from "@/api/client";
import { followJob, isActive } from "@/features/jobs/api";
import { toast } from "@/lib/toasts";
import { filtersToQuery, type VideoFilters } from "./filters";

export type Video = Schemas["VideoRead"];
export type VideoDetail = Schemas["VideoDetail"];

export const videoKeys = {
  all: ["videos"] as const,
  list: (filters: VideoFilters) => ["videos", "list", filters] as const,
  detail: (id: string) => ["videos", "detail", id] as const,
};

export const videoListQuery = (filters: VideoFilters) =>
  queryOptions({
    queryKey: videoKeys.list(filters),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/videos", { params: { query: filtersToQuery(filters) }, signal })),
    placeholderData: keepPreviousData, // keep the grid while the next page loads
  });

export const videoQuery = (id: string) =>
  queryOptions({
    queryKey: videoKeys.detail(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/videos/{video_id}", { params: { path: { video_id: id } }, signal })),
  });

/** POST /api/videos/scan: a job that finds new and missing files in the video folder. */
export function useScanLibrary() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST("/api/videos/scan")),
    onSuccess: (job) => {
      toast.success("Library scan started", { link: { label: "View job", to: `/jobs/${job.id}` } });
      void client.invalidateQueries({ queryKey: ["jobs"] });
      // New videos appear once the scan has run; refresh the grid then.
      followJob(job.id, (update) => {
        if (!isActive(update)) void client.invalidateQueries({ queryKey: videoKeys.all });
      });
    },
    onError: (error) => toast.error(`Scan failed: ${error.message}`),
  });
}

/**
 * POST /api/videos as multipart, through XMLHttpRequest because fetch reports no upload
 * progress. `onProgress` gets the fraction sent, 0-1.
 */
export function uploadVideo(file: File, onProgress: (fraction: number) => void): Promise<VideoDetail> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/videos");
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) resolve(request.response as VideoDetail);
      else {
        const body: unknown = request.response;
        const code = body && typeof body === "object" && "error" in body ? String(body.error) : "HTTP_ERROR";
        reject(new ApiError(request.status, code, errorMessage(body, request.status)));
      }
    };
    request.onerror = () => reject(new ApiError(0, "NETWORK", "the upload could not reach the server"));
    const form = new FormData();
    form.append("file", file);
    request.send(form);
  });
}
