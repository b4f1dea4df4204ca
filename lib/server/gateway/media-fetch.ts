import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { Readable } from "node:stream";
import ipaddr from "ipaddr.js";
import { gatewayConfig, serverEnv } from "@/lib/server/env";

// Fetching media a gateway names, without letting a gateway (or a media host's redirect) point the
// server at its own network. A host must resolve to public addresses only, checked on every hop,
// and the connection goes to the address that was checked (so DNS cannot answer differently the
// second time). The gateway's own origin is trusted as it is: the app already talks to it.

export const MAX_MEDIA_REDIRECTS = 5;

export interface MediaPolicy {
  /** The gateway's origin (LUMA_API_BASE_URL): fetched from even when it is private. */
  trustedOrigin: string | null;
  /** MEDIA_ALLOW_PRIVATE_HOSTS=1: no address check at all. */
  allowPrivate: boolean;
}

/** A media URL the policy does not allow; its message is safe to show. */
export class MediaRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MediaRefusedError";
  }
}

/** Only global unicast: no loopback, private, link-local (cloud metadata), unique-local, CGNAT, reserved, … */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

const refusedHost = (host: string) =>
  new MediaRefusedError(
    `The media host ${host} is on a private or local network, and the server only fetches media from the gateway's own origin or from public hosts. Set MEDIA_ALLOW_PRIVATE_HOSTS=1 if that host is yours.`,
  );

/** Resolves like the default lookup, but fails unless every address is public; the socket then uses them. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { all: true, family: options.family, hints: options.hints }, (error, addresses) => {
    if (error) return callback(error, "", 4);
    if (addresses.length === 0 || addresses.some((a) => !isPublicAddress(a.address))) return callback(refusedHost(hostname), "", 4);
    if (options.all) return (callback as unknown as (e: null, all: dns.LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/** Whether this hop may be fetched without an address check. */
function isTrusted(url: URL, policy: MediaPolicy): boolean {
  return policy.allowPrivate || (policy.trustedOrigin !== null && url.origin === policy.trustedOrigin);
}

function assertFetchable(url: URL, policy: MediaPolicy): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new MediaRefusedError(`The media URL's scheme (${url.protocol}) is not http or https.`);
  if (url.username || url.password) throw new MediaRefusedError("The media URL carries credentials.");
  // Node connects to an IP literal without any lookup, so literals are checked here.
  const host = hostOf(url);
  if (!isTrusted(url, policy) && ipaddr.isValid(host) && !isPublicAddress(host)) throw refusedHost(host);
}

const NULL_BODY_STATUS = new Set([204, 205, 304]);

function getOnce(url: URL, headers: Record<string, string>, signal: AbortSignal, guarded: boolean): Promise<Response> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, { method: "GET", headers, signal, ...(guarded ? { lookup: publicOnlyLookup } : {}) }, (incoming) => {
      const status = incoming.statusCode ?? 502;
      const responseHeaders = new Headers();
      for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) responseHeaders.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
      if (status < 200 || status > 599 || NULL_BODY_STATUS.has(status)) {
        incoming.resume();
        return resolve(new Response(null, { status: status < 200 || status > 599 ? 502 : status, headers: responseHeaders }));
      }
      resolve(new Response(Readable.toWeb(incoming) as ReadableStream<Uint8Array>, { status, headers: responseHeaders }));
    });
    request.on("error", reject);
    request.end();
  });
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GETs a media URL, following up to five redirects itself so that each hop passes the policy.
 * Throws MediaRefusedError for a URL the policy refuses; other failures reject as fetch would.
 */
export async function fetchMedia(rawUrl: string, options: { range: string | null; signal: AbortSignal }, policy: MediaPolicy): Promise<Response> {
  let url = new URL(rawUrl);
  for (let hop = 0; hop <= MAX_MEDIA_REDIRECTS; hop++) {
    assertFetchable(url, policy);
    // No Authorization header: media lives on a CDN and must never see the gateway key.
    const response = await getOnce(url, options.range ? { Range: options.range } : {}, options.signal, !isTrusted(url, policy));
    const location = REDIRECTS.has(response.status) ? response.headers.get("location") : null;
    if (!location) return response;
    await response.body?.cancel();
    url = new URL(location, url);
  }
  throw new MediaRefusedError(`The media host redirected more than ${MAX_MEDIA_REDIRECTS} times.`);
}

/** Whether a URL may be handed to browsers as ours (the thumbnail redirect): the same rule, one hop. */
export async function assertMediaUrlAllowed(rawUrl: string, policy: MediaPolicy): Promise<void> {
  const url = new URL(rawUrl);
  assertFetchable(url, policy);
  if (isTrusted(url, policy) || ipaddr.isValid(hostOf(url))) return;
  const addresses = await dns.promises.lookup(hostOf(url), { all: true }).catch(() => []);
  if (addresses.length === 0 || addresses.some((a) => !isPublicAddress(a.address))) throw refusedHost(hostOf(url));
}

/** The policy from the environment: the gateway's origin, and MEDIA_ALLOW_PRIVATE_HOSTS. */
export function mediaPolicy(baseUrl: string | null, allowPrivate: boolean): MediaPolicy {
  let trustedOrigin: string | null = null;
  try {
    trustedOrigin = baseUrl ? new URL(baseUrl).origin : null;
  } catch {
    trustedOrigin = null;
  }
  return { trustedOrigin, allowPrivate };
}

export function currentMediaPolicy(): MediaPolicy {
  return mediaPolicy(gatewayConfig()?.baseUrl ?? null, serverEnv().MEDIA_ALLOW_PRIVATE_HOSTS);
}
