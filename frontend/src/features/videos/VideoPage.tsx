/** `/videos/:id`: the video's facts and a player (the annotation workspace builds on this). */
import Alert from "@mui/material/Alert";
import Chip from "@mui/material/Chip";
import CircularProgress from "@mui/material/CircularProgress";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { Link as RouterLink, useParams } from "react-router";
import { FactList } from "@/components/ui/FactList";
import { Player } from "@/features/player";
import { formatBytes, formatDuration, formatResolution } from "@/lib/format";
import { videoQuery, type VideoDetail } from "./api";

function facts(video: VideoDetail): [string, string][] {
  return [
    ["Duration", formatDuration(video.duration_s)],
    ["Resolution", formatResolution(video.width, video.height) ?? "–"],
    ["Frame rate", video.fps ? `${video.fps.toFixed(3)} fps${video.is_vfr ? " (variable)" : ""}` : "–"],
    ["Frames", video.frame_count?.toString() ?? "–"],
    ["Codec", [video.codec, video.container].filter(Boolean).join(" in ") || "–"],
    ["Size", formatBytes(video.size_bytes)],
    ["State", video.state],
    ["Annotations", String(video.annotation_count)],
    ["Summaries", String(video.summary_count)],
    ["Uploader", video.uploader ?? "–"],
    ["Upload date", video.upload_date ?? "–"],
    ["File", video.path ?? "–"],
  ];
}

export function VideoPage() {
  const { id = "" } = useParams();
  const video = useQuery(videoQuery(id));
  if (video.isPending) return <CircularProgress aria-label="Loading video" />;
  if (video.isError) return <Alert severity="error">Could not load the video: {video.error.message}</Alert>;
  const v = video.data;
  return (
    <Stack spacing={2}>
      <Link component={RouterLink} to="/">← Videos</Link>
      <Typography variant="h5" component="h1">{v.title}</Typography>
      {v.error && <Alert severity="warning">{v.error}</Alert>}
      <Stack direction={{ xs: "column", lg: "row" }} spacing={3} sx={{ alignItems: "flex-start" }}>
        <Player videoId={v.id} title={v.title} poster={v.media.thumbnails.large ?? v.media.thumbnails.medium}
          width={v.width} height={v.height} />
        <Stack spacing={1.5} sx={{ minWidth: 280 }}>
          <FactList label="Video facts" facts={facts(v)} />
          {v.tags.length > 0 && (
            <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: "wrap" }} aria-label="Tags">
              {v.tags.map((tag) => (
                <Chip key={tag} size="small" label={tag} component={RouterLink} to={`/?tag=${encodeURIComponent(tag)}`} clickable />
              ))}
            </Stack>
          )}
        </Stack>
      </Stack>
      {v.description && <Typography sx={{ whiteSpace: "pre-line", maxWidth: 900 }}>{v.description}</Typography>}
    </Stack>
  );
}
