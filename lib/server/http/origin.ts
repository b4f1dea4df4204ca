import { nthFromRight } from "./client-address";
import { ApiError } from "./errors";

// The app's own origin, for absolute links (canonical, og:*) and for the same-origin check of
// state-changing requests. PUBLIC_URL decides when set; otherwise the Host header, accepted only as
// a plain host and port, and X-Forwarded-Host/-Proto only when a trusted proxy wrote them.

export interface OriginSettings {
  /** PUBLIC_URL, already reduced to an origin. */
  publicUrl: string | undefined;
  /** TRUST_PROXY: how many reverse proxies stand in front. */
  trustProxy: number;
}

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const PLAIN_HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9a-f:.]+\\])(?::[0-9]{1,5})?$`, "i");

/** `host[:port]` → an origin URL, or `null` for anything else (userinfo, paths, spaces, …). */
export function plainHostOrigin(host: string | null, protocol: "http" | "https"): URL | null {
  if (!host || host.length > 255 || !PLAIN_HOST.test(host)) return null;
  try {
    const url = new URL(`${protocol}://${host}`);
    // The parser must not have read anything but a host and port into it.
    return url.pathname === "/" && !url.username && !url.password && !url.search ? new URL(url.origin) : null;
  } catch {
    return null;
  }
}

/** This app's origin as the browser sees it, or `null` when the request does not say it plainly. */
export function appOrigin(headers: Pick<Headers, "get">, settings: OriginSettings): URL | null {
  if (settings.publicUrl) return new URL(settings.publicUrl);
  const n = settings.trustProxy;
  const forwardedProto = nthFromRight(headers.get("x-forwarded-proto"), n)?.toLowerCase();
  const protocol = forwardedProto === "https" ? "https" : "http";
  const forwardedHost = nthFromRight(headers.get("x-forwarded-host"), n);
  return plainHostOrigin(forwardedHost ?? headers.get("host"), protocol);
}

const forbidden = (message: string) => new ApiError("forbidden", message);
const HOW_TO_FIX =
  "If that is the address in your browser's bar, set PUBLIC_URL to it, or TRUST_PROXY to the number of reverse proxies in front so their X-Forwarded-Host and X-Forwarded-Proto count.";

/**
 * Refuses a browser request made by another site (SPEC §8): `Sec-Fetch-Site: cross-site`, an
 * `Origin` of `null`, or an `Origin` whose scheme, host or port differ from the app's. Requests with
 * neither header (scripts) pass here and are judged by the gate alone.
 */
export function assertSameOrigin(headers: Pick<Headers, "get">, settings: OriginSettings): void {
  if (headers.get("sec-fetch-site")?.toLowerCase() === "cross-site") {
    throw forbidden("This request was made by another site (Sec-Fetch-Site: cross-site). Use this dashboard's own pages.");
  }
  const origin = headers.get("origin");
  if (origin === null) return;
  if (origin.trim().toLowerCase() === "null") {
    throw forbidden("This request comes from an opaque origin (Origin: null: a sandboxed frame, a file or a cross-site redirect). Use this dashboard's own pages.");
  }
  const own = appOrigin(headers, settings);
  if (!own) {
    throw forbidden(`This dashboard cannot tell its own origin from this request's Host header, so it cannot check that the request comes from its own pages. Set PUBLIC_URL to the dashboard's address (and TRUST_PROXY when reverse proxies stand in front).`);
  }
  let sent: string | null;
  try {
    sent = new URL(origin).origin;
  } catch {
    sent = null;
  }
  if (sent !== own.origin) {
    throw forbidden(`This request comes from ${JSON.stringify(origin.slice(0, 100))}, not from this dashboard (${own.origin}). ${HOW_TO_FIX}`);
  }
}
