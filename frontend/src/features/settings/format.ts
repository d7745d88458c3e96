/** Display helpers of the settings page. Pure. */

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

/** `1536` -> `1.5 KiB`; null or undefined -> `–`. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return "–";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

/** The GPU as the health report gives it: null, a name, or `{name, memory_total_bytes, …}`. */
export function formatGpu(gpu: Record<string, unknown> | string | null | undefined): string {
  if (!gpu) return "none";
  if (typeof gpu === "string") return gpu;
  const name = typeof gpu.name === "string" ? gpu.name : "GPU";
  const memoryKey = Object.keys(gpu).find((key) => key.includes("memory") && typeof gpu[key] === "number");
  return memoryKey ? `${name} (${formatBytes(gpu[memoryKey] as number)} ${memoryKey.replace(/_bytes$/, "").replace(/_/g, " ")})` : name;
}
