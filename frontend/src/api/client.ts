/**
 * The one HTTP client of the app: `openapi-fetch` typed by `schema.d.ts`, which
 * `npm run generate` writes from `openapi.json` (never edit it by hand).
 * Same-origin (base URL ''), so `fovea server` and the Vite proxy both work.
 */
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

export type { components, paths };
export type Schemas = components["schemas"];

export const api = createClient<paths>({ baseUrl: "" });

/** A failed request, with the server's `{error, message}` when it sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

/** The human message of an error body: fovea's `{error, message}` or FastAPI's 422 `detail`. */
export function errorMessage(body: unknown, status: number): string {
  if (body && typeof body === "object") {
    const record = body as Record<string, unknown>;
    if (typeof record.message === "string") return record.message;
    if (Array.isArray(record.detail)) {
      return record.detail
        .map((d) => (d && typeof d === "object" && "msg" in d ? String(d.msg) : String(d)))
        .join("; ");
    }
    if (typeof record.detail === "string") return record.detail;
  }
  return `request failed (HTTP ${status})`;
}

function errorCode(body: unknown): string {
  if (body && typeof body === "object" && "error" in body) return String(body.error);
  return "HTTP_ERROR";
}

/** The data of an `openapi-fetch` result, or an `ApiError` thrown for TanStack Query. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) {
    const status = result.response.status;
    throw new ApiError(status, errorCode(result.error), errorMessage(result.error, status));
  }
  return result.data;
}
