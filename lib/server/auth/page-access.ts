import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { ApiError } from "@/lib/server/http/errors";
import { accessFromHeaders } from "./access";
import { SESSION_COOKIE, safeNextPath } from "./session";

// The access gate for pages (the root layout and every page that reads data); route handlers use
// access.ts through withApi.

export type PageAccess = "granted" | "denied" | "locked";

/** Once per request (layout, metadata and page share it), so a wrong Basic password counts once. */
export const pageAccess = cache(async (): Promise<PageAccess> => {
  const h = await headers();
  // cookies() also sees a cookie set earlier in this request; the header covers Basic.
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const cookie = token ? `${SESSION_COOKIE}=${token}` : h.get("cookie");
  try {
    return (await accessFromHeaders(new Headers(h), cookie)) ? "granted" : "denied";
  } catch (error) {
    if (error instanceof ApiError && error.code === "rate_limited") return "locked";
    throw error;
  }
});

/** For the root layout: whether to render the app or the sign-in form in its place. */
export async function hasPageAccess(): Promise<boolean> {
  return (await pageAccess()) === "granted";
}

/**
 * For every page and every `generateMetadata` that reads data: redirects to the sign-in page
 * unless the visitor may see it. `path` is the page's own path (for `?next=`).
 */
export async function requirePageAccess(path = "/"): Promise<void> {
  if (await hasPageAccess()) return;
  redirect(`/sign-in?next=${encodeURIComponent(safeNextPath(path))}`);
}
