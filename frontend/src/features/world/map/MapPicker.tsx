/**
 * A small slippy map in SVG: tiles from `tileUrl` when the server has one, a graticule always.
 * Drag pans, the buttons zoom, a click picks a point (the caller adds it as the point or as the
 * next boundary vertex). The numeric inputs beside it are the keyboard way to the same values.
 */
import Box from "@mui/material/Box";
import IconButton from "@mui/material/IconButton";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import AddIcon from "@mui/icons-material/Add";
import RemoveIcon from "@mui/icons-material/Remove";
import { useRef, useState, type PointerEvent } from "react";
import { graticuleStep, MAX_LAT, mapPoint, project, unproject, visibleTiles, worldSizePx, type LatLon } from "./projection";

const VIEW_W = 640;
const VIEW_H = 320;
const DRAG_PX = 4;

interface View { zoom: number; cx_norm: number; cy_norm: number }

function Graticule({ view, size }: { view: View; size: number }) {
  const step = graticuleStep(view.zoom);
  const lines = [];
  for (let lon = -180; lon <= 180; lon += step) {
    const x = project({ lat: 0, lon }).x_norm * size;
    lines.push(<line key={`lon${lon}`} x1={x} x2={x} y1={0} y2={size} />);
  }
  for (let lat = -80; lat <= 80; lat += step) {
    const y = project({ lat, lon: 0 }).y_norm * size;
    lines.push(<line key={`lat${lat}`} x1={0} x2={size} y1={y} y2={y} />);
  }
  return <g stroke="#90a4ae" strokeWidth={0.5} vectorEffect="non-scaling-stroke">{lines}</g>;
}

export interface MapPickerProps {
  points: readonly LatLon[];
  closed: boolean;
  tileUrl: string | null;
  onPick: (point: LatLon) => void;
  label: string;
}

export function MapPicker({ points, closed, tileUrl, onPick, label }: MapPickerProps) {
  const first = points[0];
  const start = first ? project(first) : mapPoint(0.5, 0.5);
  const [view, setView] = useState<View>({ zoom: first ? 4 : 1, cx_norm: start.x_norm, cy_norm: start.y_norm });
  const drag = useRef<{ x: number; y: number; view: View; moved: boolean } | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const size = worldSizePx(view.zoom);
  const box = { left_px: view.cx_norm * size - VIEW_W / 2, top_px: view.cy_norm * size - VIEW_H / 2, width_px: VIEW_W, height_px: VIEW_H };
  const scale = () => (svg.current ? VIEW_W / svg.current.getBoundingClientRect().width : 1);

  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    drag.current = { x: event.clientX, y: event.clientY, view, moved: false };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = event.clientX - d.x;
    const dy = event.clientY - d.y;
    if (Math.hypot(dx, dy) > DRAG_PX) d.moved = true;
    if (d.moved) {
      const s = scale() / size;
      setView({ ...d.view, cx_norm: d.view.cx_norm - dx * s, cy_norm: Math.min(1, Math.max(0, d.view.cy_norm - dy * s)) });
    }
  };
  const onPointerUp = (event: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved || !svg.current) return;
    const rect = svg.current.getBoundingClientRect();
    const x_px = box.left_px + (event.clientX - rect.left) * scale();
    const y_px = box.top_px + (event.clientY - rect.top) * scale();
    onPick(unproject(mapPoint(x_px / size, y_px / size)));
  };
  const zoomBy = (delta: number) => setView((v) => ({ ...v, zoom: Math.min(18, Math.max(1, v.zoom + delta)) }));

  const projected = points.map((p) => project(p)).map((p) => [p.x_norm * size, p.y_norm * size] as const);
  const tiles = tileUrl ? visibleTiles(tileUrl, view.zoom, box) : [];
  return (
    <Stack spacing={0.5}>
      <Box sx={{ position: "relative", border: 1, borderColor: "divider", borderRadius: 1, overflow: "hidden", bgcolor: "#e3f2fd" }}>
        <svg ref={svg} role="img" aria-label={label} viewBox={`${box.left_px} ${box.top_px} ${VIEW_W} ${VIEW_H}`}
          width="100%" style={{ display: "block", cursor: "crosshair", touchAction: "none", aspectRatio: `${VIEW_W} / ${VIEW_H}` }}
          onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp}>
          {tiles.map((t) => <image key={`${t.left_px},${t.top_px}`} href={t.url} x={t.left_px} y={t.top_px} width={256} height={256} />)}
          <rect x={-size} y={project({ lat: MAX_LAT, lon: 0 }).y_norm * size} width={size * 3} height={size} fill="none" />
          <Graticule view={view} size={size} />
          {projected.length > 1 && (
            closed
              ? <polygon points={projected.map(([x, y]) => `${x},${y}`).join(" ")} fill="rgba(25,118,210,0.25)" stroke="#1976d2" strokeWidth={2} />
              : null
          )}
          {projected.map(([x, y], i) => <circle key={i} cx={x} cy={y} r={5} fill="#d32f2f" stroke="white" strokeWidth={1.5} />)}
        </svg>
        <Stack sx={{ position: "absolute", top: 4, right: 4, bgcolor: "background.paper", borderRadius: 1 }}>
          <IconButton size="small" aria-label="Zoom in" onClick={() => zoomBy(1)}><AddIcon fontSize="small" /></IconButton>
          <IconButton size="small" aria-label="Zoom out" onClick={() => zoomBy(-1)}><RemoveIcon fontSize="small" /></IconButton>
        </Stack>
      </Box>
      <Typography variant="caption" color="text.secondary">
        {tileUrl ? "" : "No tile server configured: a graticule only. "}Drag to pan; click to {closed ? "add a boundary point" : "set the point"}.
      </Typography>
    </Stack>
  );
}
