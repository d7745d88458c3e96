/**
 * One video in the browser grid: a link (thumbnail and title, named by the title) to its
 * workspace; its duration and facts describe the link; the summarize action sits below.
 */
import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import CardActionArea from "@mui/material/CardActionArea";
import CardContent from "@mui/material/CardContent";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import MovieIcon from "@mui/icons-material/Movie";
import { Link as RouterLink } from "react-router";
import { formatDuration, formatResolution } from "@/lib/format";
import type { Video } from "./api";
import { CardSummary } from "./CardSummary";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function thumbnailUrl(video: Video): string | undefined {
  const thumbnails = video.media.thumbnails;
  return thumbnails.medium ?? thumbnails.small ?? thumbnails.large;
}

/** Drawn over the thumbnail's corner but outside the link, whose visible text is the title only. */
function DurationBadge({ video }: { video: Video }) {
  return (
    <Box sx={{ position: "absolute", top: 0, left: 0, right: 0, aspectRatio: "16 / 9", pointerEvents: "none" }}>
      <Box component="span" id={`video-duration-${video.id}`} sx={{ position: "absolute", right: 6, bottom: 6, px: 0.75, borderRadius: 1,
        bgcolor: "rgba(0,0,0,0.75)", color: "common.white", fontSize: "0.75rem", fontVariantNumeric: "tabular-nums" }}>
        {formatDuration(video.duration_s)}
      </Box>
    </Box>
  );
}

function Thumbnail({ video }: { video: Video }) {
  const url = thumbnailUrl(video);
  return (
    <Box sx={{ position: "relative", aspectRatio: "16 / 9", bgcolor: "grey.900" }}>
      {url ? (
        <Box component="img" src={url} alt={video.title} loading="lazy"
          sx={{ width: "100%", height: "100%", objectFit: "cover", display: "block" }} />
      ) : (
        <Stack sx={{ height: "100%", alignItems: "center", justifyContent: "center", color: "grey.500" }}>
          <MovieIcon fontSize="large" aria-hidden />
        </Stack>
      )}
    </Box>
  );
}

export function VideoCard({ video }: { video: Video }) {
  const factsId = `video-facts-${video.id}`;
  const resolution = formatResolution(video.width, video.height);
  return (
    <Card variant="outlined" sx={{ position: "relative", height: "100%", display: "flex", flexDirection: "column" }}>
      <CardActionArea
        component={RouterLink}
        to={`/videos/${video.id}`}
        data-video-card
        aria-labelledby={`video-title-${video.id}`}
        aria-describedby={`video-duration-${video.id} ${factsId}`}
        sx={{ display: "flex", flexDirection: "column", alignItems: "stretch", justifyContent: "flex-start",
          "&:focus-visible": { outline: "3px solid", outlineColor: "primary.main", outlineOffset: 2 } }}
      >
        <Thumbnail video={video} />
        <CardContent sx={{ p: 1.5, pb: 0.5 }}>
          <Typography id={`video-title-${video.id}`} variant="subtitle2" component="h3" noWrap title={video.title}>
            {video.title}
          </Typography>
        </CardContent>
      </CardActionArea>
      <DurationBadge video={video} />
      <Stack id={factsId} direction="row" spacing={0.5} useFlexGap sx={{ px: 1.5, pb: 1, flexWrap: "wrap" }}>
        {resolution && <Chip size="small" variant="outlined" label={resolution} />}
        <Chip size="small" color={video.annotation_count ? "primary" : "default"}
          label={plural(video.annotation_count, "annotation", "annotations")} />
        <Chip size="small" color={video.summary_count ? "success" : "default"}
          label={plural(video.summary_count, "summary", "summaries")} />
        {video.state !== "ready" && (
          <Chip size="small" color={video.state === "pending" ? "info" : "error"} label={video.state} />
        )}
      </Stack>
      <CardSummary video={video} />
    </Card>
  );
}
