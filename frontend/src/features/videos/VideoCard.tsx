/** One video in the browser grid: a link (named by the title) to its workspace. */
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

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function thumbnailUrl(video: Video): string | undefined {
  const thumbnails = video.media.thumbnails;
  return thumbnails.medium ?? thumbnails.small ?? thumbnails.large;
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
      <Box component="span" id={`video-duration-${video.id}`} sx={{ position: "absolute", right: 6, bottom: 6, px: 0.75, borderRadius: 1,
        bgcolor: "rgba(0,0,0,0.75)", color: "common.white", fontSize: "0.75rem", fontVariantNumeric: "tabular-nums" }}>
        {formatDuration(video.duration_s)}
      </Box>
    </Box>
  );
}

export function VideoCard({ video }: { video: Video }) {
  const factsId = `video-facts-${video.id}`;
  const resolution = formatResolution(video.width, video.height);
  return (
    <Card variant="outlined" sx={{ height: "100%" }}>
      <CardActionArea
        component={RouterLink}
        to={`/videos/${video.id}`}
        data-video-card
        aria-label={video.title}
        aria-describedby={`video-duration-${video.id} ${factsId}`}
        sx={{ height: "100%", display: "flex", flexDirection: "column", alignItems: "stretch", justifyContent: "flex-start",
          "&:focus-visible": { outline: "3px solid", outlineColor: "primary.main", outlineOffset: 2 } }}
      >
        <Thumbnail video={video} />
        <CardContent sx={{ p: 1.5 }}>
          <Typography variant="subtitle2" component="h3" noWrap title={video.title}>
            {video.title}
          </Typography>
          <Stack id={factsId} direction="row" spacing={0.5} useFlexGap sx={{ mt: 0.75, flexWrap: "wrap" }}>
            {resolution && <Chip size="small" variant="outlined" label={resolution} />}
            <Chip size="small" color={video.annotation_count ? "primary" : "default"}
              label={plural(video.annotation_count, "annotation", "annotations")} />
            <Chip size="small" color={video.summary_count ? "success" : "default"}
              label={plural(video.summary_count, "summary", "summaries")} />
            {video.state !== "ready" && (
              <Chip size="small" color={video.state === "pending" ? "info" : "error"} label={video.state} />
            )}
          </Stack>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}
