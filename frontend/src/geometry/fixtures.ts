/** Test helper: the shared JSON vectors of tests/fixtures/interpolation/, read from the repo. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The fixture stays where pytest reads it: one set of vectors for both languages. */
const FIXTURES_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../../tests/fixtures/interpolation",
);

export interface GoldenBox {
  x: number;
  y: number;
  w: number;
  h: number;
  keyframe: boolean;
}

export interface GoldenCase {
  name: string;
  sequence: unknown;
  queries: { frame: number; box: GoldenBox | null }[];
}

export interface InvalidCase {
  name: string;
  resolution_wh: [number, number] | null;
  sequence: unknown;
  path: string;
  message_contains: string;
}

function readFixture<T>(name: string): T {
  // JSON.parse reads 1e400 as Infinity, the non-finite number the invalid cases stand for.
  return JSON.parse(readFileSync(join(FIXTURES_DIR, name), "utf-8")) as T;
}

export const GOLDEN = readFixture<{ tolerance: number; cases: GoldenCase[] }>("golden.json");
export const INVALID = readFixture<{ cases: InvalidCase[] }>("invalid.json");
