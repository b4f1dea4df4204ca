import "server-only";
import { ApiError } from "@/lib/server/http/errors";
import { clientKey, RateLimiter } from "@/lib/server/http/rate-limit";
import { processSingleton } from "@/lib/server/process-singleton";

// Callbacks have a budget of their own (SPEC §8): a busy gateway calling back must not use up the
// dashboard's API budget, nor the dashboard's users the gateway's.
export const CALLBACKS_PER_MINUTE = 1200;

const limiter = processSingleton("callback-rate-limit", () => new RateLimiter({ perMinute: CALLBACKS_PER_MINUTE }));

export function enforceCallbackBudget(requestHeaders: Headers): void {
  const result = limiter.take(clientKey(requestHeaders));
  if (!result.ok) {
    throw new ApiError("rate_limited", `Too many callbacks from this client (limit ${CALLBACKS_PER_MINUTE} per minute).`, {
      retryAfterSeconds: Math.max(1, Math.ceil(result.retryAfterMs / 1000)),
    });
  }
}
