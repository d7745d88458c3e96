/**
 * Web Mercator, as slippy-map tiles use it. `MapPoint` is normalised world space (0-1 on both
 * axes, y down); tiles and the SVG view are in world pixels at zoom `z` (256 * 2^z per side).
 */
export type MapPoint = { readonly x_norm: number; readonly y_norm: number } & { readonly __brand: "MapPoint" };
export interface LatLon { lat: number; lon: number }

export const TILE_PX = 256;
export const MAX_LAT = 85.0511287798;
export const worldSizePx = (zoom: number) => TILE_PX * 2 ** zoom;

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

export function project({ lat, lon }: LatLon): MapPoint {
  const phi = (clamp(lat, -MAX_LAT, MAX_LAT) * Math.PI) / 180;
  const y_norm = 0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI);
  return { x_norm: (lon + 180) / 360, y_norm } as MapPoint;
}

/** The mirror of `project`, rounded to 6 decimals (about 10 cm). */
export function unproject(point: MapPoint): LatLon {
  const lon = point.x_norm * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - 2 * point.y_norm))) * 180) / Math.PI;
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  return { lat: round(clamp(lat, -90, 90)), lon: round(clamp(lon, -180, 180)) };
}

export const mapPoint = (x_norm: number, y_norm: number) => ({ x_norm, y_norm }) as MapPoint;

export interface Tile { x: number; y: number; z: number; url: string; left_px: number; top_px: number }

/** The tiles covering a view box (world pixels at `zoom`); `x` wraps round the world. */
export function visibleTiles(template: string, zoom: number, box: { left_px: number; top_px: number; width_px: number; height_px: number }): Tile[] {
  const count = 2 ** zoom;
  const tiles: Tile[] = [];
  const firstX = Math.floor(box.left_px / TILE_PX);
  const lastX = Math.floor((box.left_px + box.width_px) / TILE_PX);
  const firstY = Math.max(0, Math.floor(box.top_px / TILE_PX));
  const lastY = Math.min(count - 1, Math.floor((box.top_px + box.height_px) / TILE_PX));
  for (let ty = firstY; ty <= lastY; ty++) {
    for (let tx = firstX; tx <= lastX; tx++) {
      const x = ((tx % count) + count) % count;
      tiles.push({ x, y: ty, z: zoom, url: tileUrl(template, zoom, x, ty), left_px: tx * TILE_PX, top_px: ty * TILE_PX });
    }
  }
  return tiles;
}

/** `{z}/{x}/{y}` (and `{s}`, a subdomain) filled in. */
export function tileUrl(template: string, z: number, x: number, y: number): string {
  return template.replaceAll("{z}", String(z)).replaceAll("{x}", String(x)).replaceAll("{y}", String(y)).replaceAll("{s}", "a");
}

/** Graticule spacing in degrees for a zoom: about four to eight lines across the view. */
export function graticuleStep(zoom: number): number {
  const steps = [30, 30, 20, 10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01];
  return steps[Math.min(zoom, steps.length - 1)] ?? 0.01;
}
