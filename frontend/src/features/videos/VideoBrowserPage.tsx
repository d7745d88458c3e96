/** `/`: the video library as a grid; filters and page live in the URL query string. */
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import CircularProgress from "@mui/material/CircularProgress";
import Pagination from "@mui/material/Pagination";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useRef } from "react";
import { useSearchParams } from "react-router";
import { useCommands } from "@/lib/commands";
import { videoListQuery, type Video } from "./api";
import { filtersFromSearch, filtersToSearch, PAGE_SIZE, withFilters, type VideoFilters } from "./filters";
import { moveGridFocus, type GridDirection } from "./gridNavigation";
import { LibraryActions } from "./LibraryActions";
import { SummaryToolbar } from "./SummaryToolbar";
import { VideoCard } from "./VideoCard";
import { VideoFilterBar } from "./VideoFilterBar";

const GRID_KEYS: readonly [GridDirection, string, string][] = [
  ["right", "ArrowRight", "Next video"],
  ["left", "ArrowLeft", "Previous video"],
  ["down", "ArrowDown", "Video below"],
  ["up", "ArrowUp", "Video above"],
];

function useGridCommands(grid: React.RefObject<HTMLElement | null>) {
  useCommands(
    () =>
      GRID_KEYS.map(([direction, shortcut, title]) => ({
        id: `videos.focus.${direction}`,
        title: `Focus ${title.toLowerCase()}`,
        category: "Video browser",
        shortcut,
        perform: () => moveGridFocus(grid.current, direction),
      })),
    [grid],
  );
}

function VideoGrid({ videos, gridRef }: { videos: Video[]; gridRef: React.RefObject<HTMLUListElement | null> }) {
  return (
    <Box component="ul" ref={gridRef} aria-label="Videos"
      sx={{ listStyle: "none", p: 0, m: 0, display: "grid", gap: 2,
        gridTemplateColumns: "repeat(auto-fill, minmax(260px, 1fr))" }}>
      {videos.map((video) => (
        <li key={video.id}>
          <VideoCard video={video} />
        </li>
      ))}
    </Box>
  );
}

function Results(props: { filters: VideoFilters; onChange: (change: Partial<VideoFilters>) => void }) {
  const { filters, onChange } = props;
  const gridRef = useRef<HTMLUListElement>(null);
  const list = useQuery(videoListQuery(filters));
  useGridCommands(gridRef);

  if (list.isPending) return <CircularProgress aria-label="Loading videos" sx={{ m: 4 }} />;
  if (list.isError) {
    return (
      <Alert severity="error" action={<Button color="inherit" onClick={() => void list.refetch()}>Retry</Button>}>
        Could not load the videos: {list.error.message}
      </Alert>
    );
  }
  const { items, total } = list.data;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <Stack spacing={2}>
      <Typography role="status" color="text.secondary">
        {total} {total === 1 ? "video" : "videos"}
        {pages > 1 && ` · page ${filters.page} of ${pages}`}
      </Typography>
      <SummaryToolbar videos={items} />
      {items.length === 0 ? (
        <Alert severity="info">
          No videos found. {filtersToSearch(filters).size > 0 ? "Try other filters." : "Scan the library or upload a video."}
        </Alert>
      ) : (
        <VideoGrid videos={items} gridRef={gridRef} />
      )}
      {pages > 1 && (
        <Pagination count={pages} page={Math.min(filters.page, pages)} color="primary"
          sx={{ alignSelf: "center" }}
          onChange={(_, page) => {
            onChange({ page });
            window.scrollTo({ top: 0 });
          }} />
      )}
    </Stack>
  );
}

export function VideoBrowserPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  // Typing replaces the history entry; choosing a page adds one, so Back returns to it.
  const onChange = (change: Partial<VideoFilters>) =>
    setParams(filtersToSearch(withFilters(filters, change)), { replace: change.page === undefined });

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: "center", justifyContent: "space-between", flexWrap: "wrap", gap: 1 }}>
        <Typography variant="h5" component="h1">Videos</Typography>
        <LibraryActions />
      </Stack>
      <VideoFilterBar filters={filters} onChange={onChange} />
      <Results filters={filters} onChange={onChange} />
    </Stack>
  );
}
