import "server-only";
import { ApiError, UNAUTHORIZED_MESSAGE } from "@/lib/server/http/errors";
import { serverEnv } from "@/lib/server/env";
import { assertNotLockedOut, noteWrongPassword } from "./lockout";
import { basicAuthPassword, constantTimeEqual, readCookie, SESSION_COOKIE, verifySessionToken, type AccessCredential } from "./session";

// The access gate (DASHBOARD_PASSWORD). Checked where the data is served — every route handler
// (through `withApi`), the root layout and every page — and not only in proxy.ts, because
// proxy-only checks have been bypassed (CVE-2025-29927, `x-middleware-subrequest`).

export function isGateEnabled(): boolean {
  return serverEnv().DASHBOARD_PASSWORD !== undefined;
}

export function gatePassword(): string | undefined {
  return serverEnv().DASHBOARD_PASSWORD;
}

/**
 * How a request may pass the gate: open, a valid session cookie (never locked out), or HTTP Basic
 * with the password, which is checked against the lock-out first and counted when wrong. Throws a
 * 429 ApiError while locked out; `null` without access.
 */
export async function accessFromHeaders(requestHeaders: Headers, cookie = requestHeaders.get("cookie")): Promise<AccessCredential | null> {
  const password = gatePassword();
  if (!password) return "open";
  if (await verifySessionToken(password, readCookie(cookie, SESSION_COOKIE), Date.now())) return "session";
  const given = basicAuthPassword(requestHeaders.get("authorization"));
  if (given === null) return null;
  await assertNotLockedOut(requestHeaders);
  if (await constantTimeEqual(password, given)) return "basic";
  await noteWrongPassword(requestHeaders);
  return null;
}

/** For API requests (`guardApiRequest` calls it): throws a 401 (or 429) ApiError unless the request may pass. */
export async function requireApiAccess(requestHeaders: Headers): Promise<AccessCredential> {
  const access = await accessFromHeaders(requestHeaders);
  if (access) return access;
  throw new ApiError("unauthorized", UNAUTHORIZED_MESSAGE);
}
