import "server-only";
import { requireApiAccess } from "@/lib/server/auth/access";
import { serverEnv } from "@/lib/server/env";
import { processSingleton } from "@/lib/server/process-singleton";
import { ApiError } from "./errors";
import { clientKey, RateLimiter } from "./rate-limit";
import { errorResponse } from "./respond";

// The wrapper every `app/api/**/route.ts` handler goes through:
//   rate limit (per client) → access check (DASHBOARD_PASSWORD) → handler, inside the one
//   try/catch that maps every error through errorResponse.
// Handlers stay thin: parse → call lib → respond, and just throw ApiError for anything else.

export interface ApiOptions {
  /** "open": no password needed (health, sign-in itself). Default: "required". */
  access?: "required" | "open";
  /** false: not counted by the per-client limit (health checks of process managers). */
  rateLimit?: boolean;
}

/** One per process, so a client's budget is the same whichever bundle answers it. */
const limits = processSingleton("api-rate-limit", (): { current: { perMinute: number; limiter: RateLimiter } | null } => ({ current: null }));

/** Throws a 429 ApiError when this client has spent its RATE_LIMIT_PER_MINUTE; `0` turns it off. */
export function enforceRateLimit(requestHeaders: Headers): void {
  const perMinute = serverEnv().RATE_LIMIT_PER_MINUTE;
  if (perMinute <= 0) return;
  if (limits.current?.perMinute !== perMinute) limits.current = { perMinute, limiter: new RateLimiter({ perMinute }) };
  const result = limits.current.limiter.take(clientKey(requestHeaders));
  if (!result.ok) {
    throw new ApiError("rate_limited", `Too many requests from this client (limit ${perMinute} per minute). Slow down and try again shortly.`, {
      retryAfterSeconds: Math.max(1, Math.ceil(result.retryAfterMs / 1000)),
    });
  }
}

/**
 * What every API request passes before its handler runs: the per-client rate limit, then the
 * access check. Throws an ApiError (429, 401). Also used by the custom server's direct route.
 */
export async function guardApiRequest(requestHeaders: Headers, options: ApiOptions = {}): Promise<void> {
  if (options.rateLimit !== false) enforceRateLimit(requestHeaders);
  if (options.access !== "open") await requireApiAccess(requestHeaders);
}

export function withApi<Ctx = unknown>(
  handler: (request: Request, ctx: Ctx) => Promise<Response> | Response,
  options: ApiOptions = {},
): (request: Request, ctx: Ctx) => Promise<Response> {
  return async (request, ctx) => {
    try {
      await guardApiRequest(request.headers, options);
      return await handler(request, ctx);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
