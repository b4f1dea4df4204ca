// The headers every response carries, in one place: next.config.mjs applies them to everything Next
// serves, and the custom server (server.ts) to the tasks route it answers itself. Plain JavaScript
// because next.config.mjs is loaded by Node as is. Pages get their nonce-based
// Content-Security-Policy from proxy.ts instead (it needs a fresh nonce per request).

/** @type {{ key: string, value: string }[]} */
export const EVERYWHERE = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  },
  // For browsers older than CSP frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** API answers are data, never documents: nothing may load or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Build assets carry no page; a restrictive policy costs nothing and covers direct visits. */
export const STATIC_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Everything an `/api/*` answer carries besides what its handler sets. */
export const API_HEADERS = [...EVERYWHERE, { key: "Content-Security-Policy", value: API_CSP }];
