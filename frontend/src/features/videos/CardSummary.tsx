/** A card's "Summarize" button and, once started here, its summary job's live progress. */
import Button from "@mui/material/Button";
import CardActions from "@mui/material/CardActions";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import SummarizeIcon from "@mui/icons-material/Summarize";
import { Link as RouterLink } from "react-router";
import { isActive } from "@/features/jobs/api";
import { JobProgress } from "@/features/jobs/JobProgress";
import type { Video } from "./api";
import { useSummarize, useSummaryJob, useSummaryStore } from "./summaries";

export function CardSummary({ video }: { video: Video }) {
  const job = useSummaryJob(video.id);
  const personaId = useSummaryStore((s) => s.options.personaId);
  const summarize = useSummarize();
  const running = job !== undefined && isActive(job);
  return (
    <CardActions sx={{ px: 1.5, pt: 0, pb: 1, mt: "auto" }}>
      <Stack spacing={0.5} sx={{ width: "100%" }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
          <Button size="small" startIcon={<SummarizeIcon />} disabled={!personaId || running || video.state !== "ready"}
            aria-label={`Summarize ${video.title}`} onClick={() => void summarize([video])}>
            Summarize
          </Button>
          {job && (
            <Link component={RouterLink} to={`/jobs/${job.id}`} variant="body2" aria-label={`Summary job of ${video.title}: ${job.state}`}>
              {job.state}
            </Link>
          )}
        </Stack>
        {running && <JobProgress job={job} label={`Summary progress of ${video.title}`} />}
      </Stack>
    </CardActions>
  );
}
