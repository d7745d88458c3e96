import { describe, expect, it } from "vitest";
import { graticuleStep, mapPoint, project, tileUrl, unproject, visibleTiles } from "./projection";

describe("web mercator", () => {
  it.each([
    [0, 0, 0.5, 0.5],
    [0, -180, 0, 0.5],
    [0, 180, 1, 0.5],
  ])("projects lat %s lon %s to (%s, %s)", (lat, lon, x, y) => {
    const point = project({ lat, lon });
    expect(point.x_norm).toBeCloseTo(x);
    expect(point.y_norm).toBeCloseTo(y);
  });

  it.each([[51.5, -0.12], [-33.9, 151.2], [0, 0], [60.1, 24.9]])("unprojects what it projects (%s, %s)", (lat, lon) => {
    const back = unproject(project({ lat, lon }));
    expect(back.lat).toBeCloseTo(lat, 5);
    expect(back.lon).toBeCloseTo(lon, 5);
  });

  it("clamps to the map's edges", () => {
    expect(unproject(mapPoint(-1, 0.5)).lon).toBe(-180);
  });
});

describe("tiles", () => {
  it("fills in the template", () => {
    expect(tileUrl("https://{s}.tile/{z}/{x}/{y}.png", 3, 4, 5)).toBe("https://a.tile/3/4/5.png");
  });

  it("covers the view and wraps x round the world", () => {
    const tiles = visibleTiles("{z}/{x}/{y}", 1, { left_px: -100, top_px: 0, width_px: 300, height_px: 300 });
    expect(tiles.map((t) => t.url).sort()).toEqual(["1/0/0", "1/0/1", "1/1/0", "1/1/1"].sort());
  });

  it("spaces the graticule finer as it zooms in", () => {
    expect(graticuleStep(1)).toBeGreaterThan(graticuleStep(6));
  });
});
