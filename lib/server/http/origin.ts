/**
 * The origin a request reached, from its headers: behind a proxy the x-forwarded-* headers win
 * (their first entry, as proxies append), else Host. Used for absolute URLs in metadata and to
 * check that forms are posted from this dashboard.
 */
export function originFromHeaders(headers: Pick<Headers, "get">): URL {
  const first = (value: string | null) => value?.split(",")[0]?.trim() || null;
  const host = first(headers.get("x-forwarded-host")) ?? first(headers.get("host")) ?? "localhost";
  const proto = first(headers.get("x-forwarded-proto")) === "https" ? "https" : "http";
  try {
    return new URL(`${proto}://${host}`);
  } catch {
    // A garbled Host header: fall back rather than fail.
    return new URL("http://localhost");
  }
}
