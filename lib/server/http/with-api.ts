import "server-only";
import { requireApiAccess } from "@/lib/server/auth/access";
import { originSettings, serverEnv } from "@/lib/server/env";
import { clientAddress } from "./client-address";
import { ApiError } from "./errors";
import { assertSameOrigin } from "./origin";
import { consumeBudget } from "./rate-limit";
import { errorResponse } from "./respond";

// The wrapper every `app/api/**/route.ts` handler goes through:
//   rate limit (per client) → same-origin check (state-changing methods) → access check
//   (DASHBOARD_PASSWORD) → handler, inside the one try/catch that maps every error through
//   errorResponse. Handlers stay thin: parse → call lib → respond, and throw ApiError for the rest.

export interface ApiOptions {
  /** "open": no password needed (health, sign-in itself). Default: "required". */
  access?: "required" | "open";
  /**
   * The per-client budget this route spends: "api" (RATE_LIMIT_PER_MINUTE, shared by every route
   * and the task pages), a bucket of its own, or false (health checks of process managers).
   */
  rateLimit?: false | "api" | { bucket: string; perMinute: () => number };
  /**
   * Refuse browser requests from another origin (SPEC §8). Default: on for every method but GET,
   * HEAD and OPTIONS; set false only for server-to-server routes (callbacks) that carry a secret.
   */
  sameOrigin?: boolean;
}

/** The bucket of RATE_LIMIT_PER_MINUTE; pages that reach the gateway spend it too. */
export const API_BUCKET = "api";

function rateLimited(retryAfterMs: number, perMinute: number): ApiError {
  return new ApiError("rate_limited", `Too many requests from this client (limit ${perMinute} per minute). Slow down and try again shortly.`, {
    retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
  });
}

/** Throws a 429 ApiError once this client has spent the bucket's budget; a budget of 0 is no limit. */
export async function enforceBudget(requestHeaders: Headers, bucket: string, perMinute: number): Promise<void> {
  if (perMinute <= 0) return;
  const result = await consumeBudget(bucket, clientAddress(requestHeaders, serverEnv().TRUST_PROXY), perMinute);
  if (!result.ok) throw rateLimited(result.retryAfterMs, perMinute);
}

/** Throws a 429 ApiError when this client has spent its RATE_LIMIT_PER_MINUTE; `0` turns it off. */
export function enforceRateLimit(requestHeaders: Headers): Promise<void> {
  return enforceBudget(requestHeaders, API_BUCKET, serverEnv().RATE_LIMIT_PER_MINUTE);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** What every API request passes before its handler runs. Throws an ApiError (429, 403, 401). */
export async function guardApiRequest(request: Pick<Request, "headers" | "method">, options: ApiOptions = {}): Promise<void> {
  const limit = options.rateLimit ?? "api";
  if (limit === "api") await enforceRateLimit(request.headers);
  else if (limit) await enforceBudget(request.headers, limit.bucket, limit.perMinute());
  if (options.sameOrigin ?? !SAFE_METHODS.has(request.method.toUpperCase())) assertSameOrigin(request.headers, originSettings());
  if (options.access !== "open") await requireApiAccess(request.headers);
}

export function withApi<Ctx = unknown>(
  handler: (request: Request, ctx: Ctx) => Promise<Response> | Response,
  options: ApiOptions = {},
): (request: Request, ctx: Ctx) => Promise<Response> {
  return async (request, ctx) => {
    try {
      await guardApiRequest(request, options);
      return await handler(request, ctx);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
