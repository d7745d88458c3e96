/** `/settings`: the server's version and readiness, the AI models, and the keyboard shortcuts. */
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import CircularProgress from "@mui/material/CircularProgress";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";
import { FactList } from "@/components/ui/FactList";
import { useCommandOverlay } from "@/lib/commands";
import { ModelsCard } from "./ModelsCard";

const healthQuery = queryOptions({
  queryKey: ["health"],
  queryFn: async ({ signal }) => unwrap(await api.GET("/health", { signal })),
});

/** /health/ready answers 503 with the same body when a dependency is down: show it either way. */
const readinessQuery = queryOptions({
  queryKey: ["health", "ready"],
  queryFn: async ({ signal }) => {
    const result = await api.GET("/health/ready", { signal });
    if (result.response.status === 503 && result.error) return result.error;
    return unwrap(result);
  },
  refetchInterval: 15_000,
});

function ServerCard() {
  const health = useQuery(healthQuery);
  const ready = useQuery(readinessQuery);
  return (
    <Card variant="outlined" component="section" aria-labelledby="server-heading">
      <CardContent>
        <Typography id="server-heading" variant="h6" component="h2" gutterBottom>Server</Typography>
        {health.isPending && <CircularProgress size={24} aria-label="Loading server status" />}
        {health.isError && <Alert severity="error">The server did not answer: {health.error.message}</Alert>}
        {health.data && (
          <FactList label="Server facts" facts={[
            ["Version", health.data.version],
            ["Status", health.data.status],
            ["Readiness", ready.data?.status ?? (ready.isError ? "unknown" : "…")],
            ...Object.entries(ready.data?.checks ?? {}).map(([name, value]) => [`Check: ${name}`, value] as const),
          ]} />
        )}
      </CardContent>
    </Card>
  );
}

export function SettingsPage() {
  const show = useCommandOverlay((s) => s.show);
  return (
    <Stack spacing={2} sx={{ maxWidth: 960 }}>
      <Typography variant="h5" component="h1">Settings</Typography>
      <ServerCard />
      <ModelsCard />
      <Card variant="outlined" component="section" aria-labelledby="keyboard-heading">
        <CardContent>
          <Typography id="keyboard-heading" variant="h6" component="h2" gutterBottom>Keyboard</Typography>
          <Button variant="outlined" onClick={() => show("shortcuts")}>Show keyboard shortcuts</Button>
        </CardContent>
      </Card>
    </Stack>
  );
}
