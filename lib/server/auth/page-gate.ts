import "server-only";
import { headers } from "next/headers";
import { pageAccess } from "./page-access";
import { PATH_HEADER } from "./page-gate-header";
import { safeNextPath } from "./session";

/**
 * What the in-place sign-in form needs to know about the page it replaces. The header only steers
 * where to go after signing in (and is sanitised to a same-origin path), never whether to let the
 * visitor in, so a forged header gains nothing.
 */
export async function signInContext(): Promise<{ next: string; error: string | null; signedOut: boolean }> {
  const raw = (await headers()).get(PATH_HEADER) ?? "/";
  if ((await pageAccess()) === "locked") return { next: safeNextPath(raw), error: "locked", signedOut: false };
  const url = new URL(safeNextPathOrSignIn(raw), "http://luma.invalid");
  if (url.pathname === "/sign-in") {
    return { next: safeNextPath(url.searchParams.get("next")), error: url.searchParams.get("error"), signedOut: url.searchParams.has("signed-out") };
  }
  return { next: safeNextPath(raw), error: null, signedOut: false };
}

function safeNextPathOrSignIn(raw: string): string {
  return raw.startsWith("/sign-in") ? raw : safeNextPath(raw);
}
