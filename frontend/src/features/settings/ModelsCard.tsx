/** The model settings: where models run, the device, what is loaded, and each task's options. */
import Alert from "@mui/material/Alert";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Chip from "@mui/material/Chip";
import CircularProgress from "@mui/material/CircularProgress";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { FactList } from "@/components/ui/FactList";
import { modelsQuery, type ModelHealth, type TaskSlot } from "./api";
import { formatBytes, formatGpu } from "./format";

function healthFacts(source: string, health: ModelHealth): [string, string][] {
  const budget = health.memory_budget_bytes === null ? "" : ` of ${formatBytes(health.memory_budget_bytes)}`;
  return [
    ["Runs", source === "in-process" ? "in this server's process" : `model service at ${source}`],
    ["Status", health.status],
    ["Device", health.device],
    ["GPU", formatGpu(health.gpu)],
    ["Loaded memory", `${formatBytes(health.loaded_memory_bytes)}${budget}`],
    ["Loaded models", health.loaded_models.map((m) => `${m.task}: ${m.option} (${formatBytes(m.memory_bytes)})`).join("; ") || "none"],
    ["Model config", health.models_config ?? "built-in"],
    ["Version", health.version],
  ];
}

function SlotTable({ slot }: { slot: TaskSlot }) {
  const headingId = `task-${slot.task}`;
  return (
    <Stack spacing={0.5} component="section" aria-labelledby={headingId}>
      <Typography id={headingId} variant="subtitle1" component="h3">
        {slot.task} <Typography component="span" variant="body2" color="text.secondary">— selected: {slot.selected ?? "none"}</Typography>
      </Typography>
      <Table size="small" aria-labelledby={headingId}>
        <TableHead>
          <TableRow>
            <TableCell>Option</TableCell>
            <TableCell>Backend</TableCell>
            <TableCell>Availability</TableCell>
            <TableCell>Loaded</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {slot.options.map((option) => (
            <TableRow key={option.name} selected={option.selected}>
              <TableCell>
                {option.name} {option.selected && <Chip size="small" color="primary" label="selected" />}
              </TableCell>
              <TableCell>{option.backend}</TableCell>
              <TableCell>{option.available ? "available" : `unavailable: ${option.unavailable_reason ?? "unknown reason"}`}</TableCell>
              <TableCell>
                {option.loaded ? `yes (${formatBytes(option.memory_bytes)})` : "no"}
                {option.load_count > 0 && `, loaded ${option.load_count}×`}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Stack>
  );
}

export function ModelsCard() {
  const models = useQuery(modelsQuery());
  return (
    <Card variant="outlined" component="section" aria-labelledby="models-heading">
      <CardContent>
        <Stack spacing={2}>
          <Typography id="models-heading" variant="h6" component="h2">AI models</Typography>
          {models.isPending && <CircularProgress size={24} aria-label="Loading models" />}
          {models.isError && <Alert severity="error">Could not read the models: {models.error.message}</Alert>}
          {models.data && (
            <>
              <FactList label="Model service" facts={healthFacts(models.data.source, models.data.health)} />
              {models.data.slots.map((slot) => <SlotTable key={slot.task} slot={slot} />)}
            </>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
