// The Content-Security-Policy of pages, with a per-request nonce (set by proxy.ts; Next.js puts
// the nonce on its own scripts because every page here renders dynamically).

export function pageCsp(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by a nonced script may load more; hosts and 'self' are then
    // ignored by CSP3 browsers. No 'unsafe-eval' (development only: React's dev tooling needs it).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (palette placeholders, virtualised rows) cannot carry a nonce.
    "style-src 'self' 'unsafe-inline'",
    // Gateway media lives on any host, often plain http on self-hosted gateways.
    "img-src 'self' data: blob: http: https:",
    "media-src 'self' blob: http: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
