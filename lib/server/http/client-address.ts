import ipaddr from "ipaddr.js";

/** The key every client shares when no proxy is trusted to name them. */
export const SHARED_CLIENT = "shared";

/** The `n`-th entry from the right of a comma-separated header that proxies append to. */
export function nthFromRight(header: string | null, n: number): string | null {
  if (!header || n <= 0) return null;
  const entries = header
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  // Fewer entries than proxies: every entry there is was written by one of ours.
  return entries[Math.max(0, entries.length - n)] ?? null;
}

/**
 * Who a request comes from, for rate limits and lock-outs. `trustProxy` is the number of reverse
 * proxies in front: with 0 nothing in X-Forwarded-For is believed (`next start` keeps a value the
 * client sent, so the socket address is out of reach) and all clients share one key; with N, the
 * N-th address from the right is the one the outermost proxy saw.
 */
export function clientAddress(headers: Pick<Headers, "get">, trustProxy: number): string {
  if (trustProxy <= 0) return SHARED_CLIENT;
  const hop = nthFromRight(headers.get("x-forwarded-for"), trustProxy);
  if (!hop) return SHARED_CLIENT;
  // One spelling per address, so `::ffff:10.0.0.1` and `10.0.0.1` are one client.
  return ipaddr.isValid(hop) ? ipaddr.process(hop).toString() : hop.slice(0, 64).toLowerCase();
}
