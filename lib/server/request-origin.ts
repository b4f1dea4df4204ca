import "server-only";
import { headers } from "next/headers";
import { originFromHeaders } from "@/lib/server/http/origin";

/**
 * The origin this request reached, for absolute URLs in metadata (og:url, canonical). Read per
 * request, never baked in at build time, so one build serves any host.
 */
export async function requestOrigin(): Promise<URL> {
  return originFromHeaders(await headers());
}
