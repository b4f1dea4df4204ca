// Ports and settings shared by playwright.config.ts and the specs. Overridable so parallel
// checkouts on one machine do not collide.
export const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 4110);
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3110);
export const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
/** A recognisable key, so the key-leak checks can look for it everywhere. */
export const E2E_KEY = "e2e-secret-key-5f0c1d9a";
export const E2E_POLL_MS = 1000;
export const E2E_TIMEOUT_MS = 2000;
/** A third server: the same build, with the access gate on (DASHBOARD_PASSWORD). */
export const AUTH_APP_PORT = APP_PORT + 1;
export const AUTH_APP_URL = `http://127.0.0.1:${AUTH_APP_PORT}`;
export const E2E_PASSWORD = "e2e-password";
/** A fourth server: trust settings left at their defaults (TRUST_PROXY=0), a small budget, a short body deadline. */
export const STRICT_APP_PORT = APP_PORT + 2;
export const STRICT_APP_URL = `http://127.0.0.1:${STRICT_APP_PORT}`;
export const STRICT_RATE_LIMIT = 20;
export const STRICT_BODY_TIMEOUT_MS = 2000;
/** The callback secret of both app servers: callbacks go to /api/hooks/luma/<this>. */
export const E2E_WEBHOOK_SECRET = "e2e-hook-7c1f0b2d9e";
/** A fifth server: the same build with LUMA_PROVIDER=official, against the simulator's official API. */
export const OFFICIAL_APP_PORT = APP_PORT + 3;
export const OFFICIAL_APP_URL = `http://127.0.0.1:${OFFICIAL_APP_PORT}`;
/**
 * The pages the security specs walk (CSP, headers, key leaks). Add each new page here; a page
 * that does not exist yet is still walked (its 404 must be just as clean).
 * Demo ids: 4665a07c… is completed, 3f2a9c4e… is still running at simulator start.
 */
export const PAGES_TO_WALK: string[] = [
  "/",
  "/?ids=3f2a9c4e-8b1d-4e6f-9a07-5c3d2b1e0f41,4665a07c-7641-4809-a133-10786201bb56,8b9a0f1e-2d3c-4b5a-8f6e-7d8c9b0a1f0e",
  "/lookup",
  "/lookup?ids=4665a07c-7641-4809-a133-10786201bb56,00000000-0000-4000-8000-000000000000",
  "/tasks/4665a07c-7641-4809-a133-10786201bb56",
  "/tasks/3f2a9c4e-8b1d-4e6f-9a07-5c3d2b1e0f41",
  "/tasks/00000000-0000-4000-8000-000000000000",
  "/sign-in",
  "/no-such-page",
];

/** HTTP Basic credentials (the user name is ignored by the app). */
export const basicAuth = (password: string, user = "anyone") => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });

let clients = 0;
/**
 * A client address no other test of this run uses, so rate limits and the wrong-password lock-out
 * of one test never reach another. Sent as X-Forwarded-For, as the one trusted proxy would (the
 * first two servers run with TRUST_PROXY=1; the strict one believes no such header). Specs share
 * one worker process.
 */
export const uniqueClientIp = () => `198.18.${Math.floor(++clients / 250)}.${(clients % 250) + 1}`;
