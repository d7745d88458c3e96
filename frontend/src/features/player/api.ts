/** The player's server state: the frame-time table and the URL of a frame's exact image. */
import { queryOptions } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "@/api/client";

export type FrameTimes = Schemas["FrameTimes"];

export const frameTimesQuery = (videoId: string) =>
  queryOptions({
    queryKey: ["videos", "frame-times", videoId] as const,
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/videos/{video_id}/frame-times", { params: { path: { video_id: videoId } }, signal })),
    staleTime: Infinity, // a video's frames do not change
  });

/** The exact decoded image of frame `frame` (0-based). */
export const frameImageUrl = (videoId: string, frame: number) => `/api/videos/${videoId}/frames/${frame}`;

export const streamUrl = (videoId: string) => `/api/videos/${videoId}/stream`;
