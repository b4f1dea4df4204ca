import "server-only";
import { headers } from "next/headers";

/**
 * The origin this request reached, for absolute URLs in metadata (og:url, canonical). Read per
 * request, never baked in at build time, so one build serves any host. Behind a proxy the
 * x-forwarded-* headers win; `next start` itself fills them in for direct requests.
 */
export async function requestOrigin(): Promise<URL> {
  const h = await headers();
  const first = (value: string | null) => value?.split(",")[0]?.trim() || null;
  const host = first(h.get("x-forwarded-host")) ?? first(h.get("host")) ?? "localhost";
  const proto = first(h.get("x-forwarded-proto")) === "https" ? "https" : "http";
  try {
    return new URL(`${proto}://${host}`);
  } catch {
    // A garbled Host header: fall back rather than fail the page.
    return new URL("http://localhost");
  }
}
