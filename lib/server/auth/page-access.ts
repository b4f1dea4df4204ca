import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { gatePassword } from "./access";
import { checkCredentials, SESSION_COOKIE, safeNextPath, type AccessCredential } from "./session";

// The access gate for pages (the root layout and every page that reads data); route handlers use
// access.ts, which stays free of next/headers so the custom server can load it outside a render.

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
