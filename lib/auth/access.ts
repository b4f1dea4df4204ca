import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { ApiError } from "@/lib/api/errors";
import { clientKey, RateLimiter } from "@/lib/api/rate-limit";
import { serverEnv } from "@/lib/luma/env";
import { checkCredentials, SESSION_COOKIE, safeNextPath, type AccessCredential } from "./session";

// The access gate (DASHBOARD_PASSWORD). Checked where the data is served — every route handler
// (through `withApi`), the root layout and every page — and not only in proxy.ts, because
// proxy-only checks have been bypassed (CVE-2025-29927, `x-middleware-subrequest`).

/** Wrong passwords per client per minute before further attempts get a 429. */
const FAILED_ATTEMPTS_PER_MINUTE = 10;
let failedAttempts = new RateLimiter({ perMinute: FAILED_ATTEMPTS_PER_MINUTE });

export function isGateEnabled(): boolean {
  return serverEnv().DASHBOARD_PASSWORD !== undefined;
}

export function gatePassword(): string | undefined {
  return serverEnv().DASHBOARD_PASSWORD;
}

/** Counts one wrong password for this client; throws a 429 once they come too fast. */
export function noteFailedAttempt(requestHeaders: Headers): void {
  const result = failedAttempts.take(clientKey(requestHeaders));
  if (!result.ok) {
    throw new ApiError("rate_limited", "Too many wrong passwords from this address. Wait a minute and try again.", {
      retryAfterSeconds: Math.max(1, Math.ceil(result.retryAfterMs / 1000)),
    });
  }
}

/** Test hook. */
export function resetFailedAttempts(): void {
  failedAttempts = new RateLimiter({ perMinute: FAILED_ATTEMPTS_PER_MINUTE });
}

export async function accessFromHeaders(requestHeaders: Headers): Promise<AccessCredential | null> {
  return checkCredentials(
    gatePassword(),
    { authorization: requestHeaders.get("authorization"), cookie: requestHeaders.get("cookie") },
    Date.now(),
  );
}

/** For route handlers (`withApi` calls it): throws a 401 ApiError unless the request may pass. */
export async function requireApiAccess(request: Request): Promise<AccessCredential> {
  const access = await accessFromHeaders(request.headers);
  if (access) return access;
  // A wrong Basic password counts towards the lock-out; a missing one does not.
  if (request.headers.get("authorization")) noteFailedAttempt(request.headers);
  throw new ApiError(
    "unauthorized",
    "This dashboard needs a password: sign in at /sign-in, or send HTTP Basic credentials (any user name, the dashboard password).",
  );
}

async function pageAccess(): Promise<AccessCredential | null> {
  const h = await headers();
  // cookies() also sees a cookie set earlier in this request; the header covers Basic.
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const cookie = token ? `${SESSION_COOKIE}=${token}` : h.get("cookie");
  return checkCredentials(gatePassword(), { authorization: h.get("authorization"), cookie }, Date.now());
}

/** For the root layout: whether to render the app or the sign-in form in its place. */
export async function hasPageAccess(): Promise<boolean> {
  return (await pageAccess()) !== null;
}

/**
 * For every page and every `generateMetadata` that reads data: redirects to the sign-in page
 * unless the visitor may see it. `path` is the page's own path (for `?next=`).
 */
export async function requirePageAccess(path = "/"): Promise<void> {
  if (await hasPageAccess()) return;
  redirect(`/sign-in?next=${encodeURIComponent(safeNextPath(path))}`);
}
