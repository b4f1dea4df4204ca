import "server-only";
import { ApiError, UNAUTHORIZED_MESSAGE } from "@/lib/server/http/errors";
import { clientKey, RateLimiter } from "@/lib/server/http/rate-limit";
import { serverEnv } from "@/lib/server/env";
import { processSingleton, replaceProcessSingleton } from "@/lib/server/process-singleton";
import { checkCredentials, type AccessCredential } from "./session";

// The access gate (DASHBOARD_PASSWORD). Checked where the data is served — every route handler
// (through `withApi`), the root layout and every page — and not only in proxy.ts, because
// proxy-only checks have been bypassed (CVE-2025-29927, `x-middleware-subrequest`).

/** Wrong passwords per client per minute before further attempts get a 429. */
const FAILED_ATTEMPTS_PER_MINUTE = 10;
const newFailedAttemptsLimiter = () => new RateLimiter({ perMinute: FAILED_ATTEMPTS_PER_MINUTE });
const failedAttempts = () => processSingleton("failed-password-attempts", newFailedAttemptsLimiter);

export function isGateEnabled(): boolean {
  return serverEnv().DASHBOARD_PASSWORD !== undefined;
}

export function gatePassword(): string | undefined {
  return serverEnv().DASHBOARD_PASSWORD;
}

/** Counts one wrong password for this client; throws a 429 once they come too fast. */
export function noteFailedAttempt(requestHeaders: Headers): void {
  const result = failedAttempts().take(clientKey(requestHeaders));
  if (!result.ok) {
    throw new ApiError("rate_limited", "Too many wrong passwords from this address. Wait a minute and try again.", {
      retryAfterSeconds: Math.max(1, Math.ceil(result.retryAfterMs / 1000)),
    });
  }
}

/** Test hook. */
export function resetFailedAttempts(): void {
  replaceProcessSingleton("failed-password-attempts", newFailedAttemptsLimiter());
}

export async function accessFromHeaders(requestHeaders: Headers): Promise<AccessCredential | null> {
  return checkCredentials(
    gatePassword(),
    { authorization: requestHeaders.get("authorization"), cookie: requestHeaders.get("cookie") },
    Date.now(),
  );
}

/** For API requests (`guardApiRequest` calls it): throws a 401 ApiError unless the request may pass. */
export async function requireApiAccess(requestHeaders: Headers): Promise<AccessCredential> {
  const access = await accessFromHeaders(requestHeaders);
  if (access) return access;
  // A wrong Basic password counts towards the lock-out; a missing one does not.
  if (requestHeaders.get("authorization")) noteFailedAttempt(requestHeaders);
  throw new ApiError("unauthorized", UNAUTHORIZED_MESSAGE);
}
