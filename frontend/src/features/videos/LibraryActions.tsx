/** "Scan library" and "Upload" buttons, with the upload's progress. */
import Button from "@mui/material/Button";
import LinearProgress from "@mui/material/LinearProgress";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import SyncIcon from "@mui/icons-material/Sync";
import UploadIcon from "@mui/icons-material/Upload";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type ChangeEvent } from "react";
import { toast } from "@/lib/toasts";
import { uploadVideo, useScanLibrary, videoKeys } from "./api";

function UploadButton() {
  const input = useRef<HTMLInputElement>(null);
  const client = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ""; // choosing the same file again fires change again
    if (!file) return;
    setProgress(0);
    try {
      const video = await uploadVideo(file, setProgress);
      toast.success(`Uploaded ${video.title}`, { link: { label: "Open", to: `/videos/${video.id}` } });
      void client.invalidateQueries({ queryKey: videoKeys.all });
    } catch (error) {
      toast.error(`Upload failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
      <Button variant="outlined" startIcon={<UploadIcon />} disabled={progress !== null}
        onClick={() => input.current?.click()}>
        Upload
      </Button>
      <input ref={input} type="file" accept="video/*" hidden aria-label="Video file to upload" onChange={onFile} />
      {progress !== null && (
        <Stack sx={{ width: 160 }}>
          <LinearProgress variant="determinate" value={progress * 100} aria-label="Upload progress" />
          <Typography variant="caption">{Math.round(progress * 100)}% uploaded</Typography>
        </Stack>
      )}
    </Stack>
  );
}

export function LibraryActions() {
  const scan = useScanLibrary();
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
      <Button variant="contained" startIcon={<SyncIcon />} loading={scan.isPending} onClick={() => scan.mutate()}>
        Scan library
      </Button>
      <UploadButton />
    </Stack>
  );
}
