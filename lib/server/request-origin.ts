import "server-only";
import { headers } from "next/headers";
import { originSettings } from "@/lib/server/env";
import { appOrigin } from "@/lib/server/http/origin";

/**
 * The app's origin for absolute URLs in metadata (og:url, canonical): PUBLIC_URL, else a validated
 * Host (forwarded only through trusted proxies); `null` when the request does not say it plainly.
 * Read per request, never baked in at build time, so one build serves any host.
 */
export async function requestOrigin(): Promise<URL | null> {
  return appOrigin(await headers(), originSettings());
}
