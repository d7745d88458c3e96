/** A location: a point or an extent, picked on the map (gps) or typed as coordinates. */
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import AddIcon from "@mui/icons-material/Add";
import DeleteIcon from "@mui/icons-material/Delete";
import { useQuery } from "@tanstack/react-query";
import { clientConfigQuery } from "@/features/settings/api";
import type { CoordinateSystem, Draft, PointDraft } from "../draft";
import { MapPicker } from "../map/MapPicker";
import type { LatLon } from "../map/projection";
import { SelectField } from "./SelectField";

type LocationDraft = Draft["location"];
const SYSTEMS = [
  { value: "gps", label: "GPS (lat/lon)" }, { value: "cartesian", label: "Cartesian (x/y)" }, { value: "relative", label: "Relative (x/y)" },
];

function PointInputs({ label, value, system, onChange }: { label: string; value: PointDraft; system: CoordinateSystem; onChange: (p: PointDraft) => void }) {
  const [a, b] = system === "gps" ? ["latitude", "longitude"] : ["x", "y"];
  return (
    <Stack direction="row" spacing={1}>
      <TextField size="small" type="number" label={`${label} ${a}`} value={value.a} onChange={(e) => onChange({ ...value, a: e.target.value })} />
      <TextField size="small" type="number" label={`${label} ${b}`} value={value.b} onChange={(e) => onChange({ ...value, b: e.target.value })} />
    </Stack>
  );
}

const asLatLon = (p: PointDraft): LatLon | null => {
  const lat = Number.parseFloat(p.a);
  const lon = Number.parseFloat(p.b);
  return Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : null;
};
const fromLatLon = (p: LatLon): PointDraft => ({ a: String(p.lat), b: String(p.lon) });

export function LocationFields({ value, onChange }: { value: LocationDraft; onChange: (value: LocationDraft) => void }) {
  const config = useQuery(clientConfigQuery());
  const points = value.type === "point" ? [value.point] : value.boundary;
  const onPick = (p: LatLon) =>
    value.type === "point" ? onChange({ ...value, point: fromLatLon(p) }) : onChange({ ...value, boundary: [...value.boundary, fromLatLon(p)] });
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
        <ToggleButtonGroup exclusive size="small" value={value.type} aria-label="Location shape"
          onChange={(_, type: LocationDraft["type"] | null) => type && onChange({ ...value, type })}>
          <ToggleButton value="point">Point</ToggleButton>
          <ToggleButton value="extent">Extent</ToggleButton>
        </ToggleButtonGroup>
        <SelectField label="Coordinate system" value={value.system} options={SYSTEMS}
          onChange={(system) => onChange({ ...value, system: system as CoordinateSystem })} />
      </Stack>
      {value.system === "gps" && (
        <MapPicker points={points.map(asLatLon).filter((p): p is LatLon => p !== null)} closed={value.type === "extent"}
          tileUrl={config.data?.map_tile_url ?? null} onPick={onPick}
          label={value.type === "point" ? "Map: click to set the point" : "Map: click to add boundary points"} />
      )}
      {value.type === "point" ? (
        <PointInputs label="Point" value={value.point} system={value.system} onChange={(point) => onChange({ ...value, point })} />
      ) : (
        <Stack spacing={1}>
          {value.boundary.map((p, i) => (
            <Stack key={i} direction="row" spacing={1} sx={{ alignItems: "center" }}>
              <PointInputs label={`Boundary point ${i + 1}`} value={p} system={value.system}
                onChange={(next) => onChange({ ...value, boundary: value.boundary.map((q, j) => (j === i ? next : q)) })} />
              <IconButton aria-label={`Remove boundary point ${i + 1}`}
                onClick={() => onChange({ ...value, boundary: value.boundary.filter((_, j) => j !== i) })}><DeleteIcon /></IconButton>
            </Stack>
          ))}
          <Button size="small" startIcon={<AddIcon />} sx={{ alignSelf: "flex-start" }}
            onClick={() => onChange({ ...value, boundary: [...value.boundary, { a: "", b: "" }] })}>Add boundary point</Button>
        </Stack>
      )}
    </Stack>
  );
}
