/**
 * How many bytes a tRPC request body may carry, enforced while it streams in and before anything
 * parses it: a 50 MB JSON body is refused after the first megabyte instead of being parsed whole.
 * Every input is also bounded field by field by its zod schema (tests/unit/input-limits.test.ts);
 * this limit is what keeps the parser from seeing an oversized body at all.
 */
import { TRPCError } from "@trpc/server";
import { getErrorShape, transformTRPCResponse } from "@trpc/server/unstable-core-do-not-import";
import { readBoundedBody } from "~/server/http/bounded-body";
import type { AppRouter } from "./root";

const MiB = 1024 * 1024;

/** Enough for every procedure's largest input (a lab step's 20,000 characters of code, a team page). */
export const DEFAULT_TRPC_BODY_LIMIT = MiB;

/**
 * Procedures whose bounded inputs can still exceed the default: a grade carries up to 30 comments of
 * 5,000 characters and an overall one of 10,000, up to ~1 MB of JSON in a script with 3-byte characters;
 * a training run may carry a points file.
 */
const LARGER_BODY_LIMITS: Record<string, number> = {
  "grading.save": 2 * MiB,
  // A training run on your own points carries the file, base64-encoded (4/3 of its 8 MB limit).
  "job.createTraining": 11 * MiB,
};

/** The procedure paths of a request to /api/trpc/<path>[,<path>…] (a batch names several). */
export function procedurePaths(url: string, endpoint: string): string[] {
  const path = decodeURIComponent(new URL(url).pathname.slice(endpoint.length + 1));
  return path.split(",");
}

/** A batch may carry as much as its largest procedure may. */
export function bodyLimitFor(paths: string[]): number {
  return Math.max(DEFAULT_TRPC_BODY_LIMIT, ...paths.map((path) => LARGER_BODY_LIMITS[path] ?? 0));
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / MiB).toFixed(bytes % MiB ? 1 : 0)} MB`;
}

/** 413 in tRPC's own error shape (one per call of a batch), so the client shows the message. */
function payloadTooLarge(router: AppRouter, paths: string[], isBatch: boolean, limit: number): Response {
  const error = new TRPCError({
    code: "PAYLOAD_TOO_LARGE",
    message: `This request is larger than the ${formatMegabytes(limit)} the server accepts for it. Shorten what you entered and try again.`,
  });
  const config = router._def._config;
  const responses = paths.map((path) => ({ error: getErrorShape({ config, error, type: "unknown", path, input: undefined, ctx: undefined }) }));
  const body = isBatch ? transformTRPCResponse(config, responses) : transformTRPCResponse(config, responses[0]);
  return Response.json(body, { status: 413, headers: { connection: "close" } });
}

/**
 * The request with its body read into memory if it fits the limit of the procedures it calls, or the
 * 413 to answer. A declared Content-Length over the limit is refused before a byte is read; a body
 * without one (chunked) is cut off as soon as it passes the limit.
 */
export async function boundedTrpcRequest(router: AppRouter, request: Request, endpoint: string): Promise<Request | Response> {
  if (request.method !== "POST" || !request.body) return request;
  const paths = procedurePaths(request.url, endpoint);
  const limit = bodyLimitFor(paths);
  const body = await readBoundedBody(request, limit);
  if (body === "too-large") return payloadTooLarge(router, paths, new URL(request.url).searchParams.get("batch") === "1", limit);
  return new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal });
}
