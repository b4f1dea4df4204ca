import "server-only";
import { requireApiAccess } from "@/lib/auth/access";
import { serverEnv } from "@/lib/luma/env";
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

let limiter: { perMinute: number; limiter: RateLimiter } | null = null;

/** Throws a 429 ApiError when this client has spent its RATE_LIMIT_PER_MINUTE; `0` turns it off. */
export function enforceRateLimit(request: Request): void {
  const perMinute = serverEnv().RATE_LIMIT_PER_MINUTE;
  if (perMinute <= 0) return;
  if (limiter?.perMinute !== perMinute) limiter = { perMinute, limiter: new RateLimiter({ perMinute }) };
  const result = limiter.limiter.take(clientKey(request.headers));
  if (!result.ok) {
    throw new ApiError("rate_limited", `Too many requests from this client (limit ${perMinute} per minute). Slow down and try again shortly.`, {
      retryAfterSeconds: Math.max(1, Math.ceil(result.retryAfterMs / 1000)),
    });
  }
}

export function withApi<Ctx = unknown>(
  handler: (request: Request, ctx: Ctx) => Promise<Response> | Response,
  options: ApiOptions = {},
): (request: Request, ctx: Ctx) => Promise<Response> {
  return async (request, ctx) => {
    try {
      if (options.rateLimit !== false) enforceRateLimit(request);
      if (options.access !== "open") await requireApiAccess(request);
      return await handler(request, ctx);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
