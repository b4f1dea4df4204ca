import "server-only";
import { clientAddress } from "@/lib/server/http/client-address";
import { ApiError } from "@/lib/server/http/errors";
import { consumeBudget, peekBudget } from "@/lib/server/http/rate-limit";
import { serverEnv } from "@/lib/server/env";

// The wrong-password lock-out, shared by HTTP Basic (API and pages) and the sign-in form. It is
// checked before the password is compared, so while a client is locked out even the right password
// gets a 429: the answer says nothing about the guess. A valid session cookie never comes here.

/** Wrong passwords one client may send per minute. */
export const WRONG_PASSWORDS_PER_CLIENT = 10;
/** Wrong passwords all clients together may send per minute, so rotating addresses does not help. */
export const WRONG_PASSWORDS_ALL_CLIENTS = 30;

const CLIENT_BUCKET = "wrong-password";
const ALL_BUCKET = "wrong-password-all";
const ALL = "all";

const clientOf = (headers: Headers) => clientAddress(headers, serverEnv().TRUST_PROXY);

/** Throws a 429 (with Retry-After) while this client, or everyone, is locked out. */
export async function assertNotLockedOut(headers: Headers): Promise<void> {
  const [mine, everyone] = await Promise.all([
    peekBudget(CLIENT_BUCKET, clientOf(headers), WRONG_PASSWORDS_PER_CLIENT),
    peekBudget(ALL_BUCKET, ALL, WRONG_PASSWORDS_ALL_CLIENTS),
  ]);
  const blocking = !mine.ok ? mine : !everyone.ok ? everyone : null;
  if (!blocking) return;
  const message = !mine.ok
    ? "Too many wrong passwords from this address. Wait a minute, then try again."
    : "Too many wrong passwords are being tried against this dashboard. Wait a minute, then try again.";
  throw new ApiError("rate_limited", message, { retryAfterSeconds: Math.max(1, Math.ceil(blocking.retryAfterMs / 1000)) });
}

/** Counts one wrong password against this client and against everyone. */
export async function noteWrongPassword(headers: Headers): Promise<void> {
  await Promise.all([consumeBudget(CLIENT_BUCKET, clientOf(headers), WRONG_PASSWORDS_PER_CLIENT), consumeBudget(ALL_BUCKET, ALL, WRONG_PASSWORDS_ALL_CLIENTS)]);
}
