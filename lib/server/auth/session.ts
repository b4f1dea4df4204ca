// Session cookies and HTTP Basic checks with Web Crypto only, so the same code runs in route
// handlers, pages and proxy.ts. Pure: the password and the clock are passed in; nothing here
// reads the environment.

export const SESSION_COOKIE = "luma_session";
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const VERSION = "v1";

const encoder = new TextEncoder();

function toBase64Url(bytes: ArrayBuffer): string {
  let binary = "";
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const keys = new Map<string, Promise<CryptoKey>>();

/**
 * The HMAC-SHA256 key that signs session cookies, derived from the password with HKDF. Changing
 * DASHBOARD_PASSWORD therefore ends every session at once.
 */
export function sessionKey(password: string): Promise<CryptoKey> {
  let key = keys.get(password);
  if (!key) {
    key = (async () => {
      const material = await crypto.subtle.importKey("raw", encoder.encode(password), "HKDF", false, ["deriveKey"]);
      return crypto.subtle.deriveKey(
        { name: "HKDF", hash: "SHA-256", salt: encoder.encode("luma-gallery/session"), info: encoder.encode(VERSION) },
        material,
        { name: "HMAC", hash: "SHA-256", length: 256 },
        false,
        ["sign"],
      );
    })();
    keys.clear(); // one password at a time; never let this grow
    keys.set(password, key);
  }
  return key;
}

async function signature(password: string, payload: string): Promise<string> {
  return toBase64Url(await crypto.subtle.sign("HMAC", await sessionKey(password), encoder.encode(payload)));
}

/** `v1.<expires ms>.<random>.<HMAC>`: no secret inside, only proof that the password was given. */
export async function createSessionToken(password: string, now: number, ttlMs = SESSION_TTL_MS): Promise<string> {
  const random = toBase64Url(crypto.getRandomValues(new Uint8Array(12)).buffer);
  const payload = `${VERSION}.${now + ttlMs}.${random}`;
  return `${payload}.${await signature(password, payload)}`;
}

export async function verifySessionToken(password: string, token: string | undefined | null, now: number): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) return false;
  const expires = Number(parts[1]);
  if (!Number.isSafeInteger(expires) || expires <= now) return false;
  const expected = await signature(password, parts.slice(0, 3).join("."));
  return constantTimeEqual(expected, parts[3]!);
}

/**
 * Equal strings, in time that depends only on the length of `a` (the secret side): both sides are
 * hashed first, so the comparison always runs over 32 bytes.
 */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([crypto.subtle.digest("SHA-256", encoder.encode(a)), crypto.subtle.digest("SHA-256", encoder.encode(b))]);
  const ax = new Uint8Array(x);
  const by = new Uint8Array(y);
  let diff = 0;
  for (let i = 0; i < ax.length; i++) diff |= ax[i]! ^ by[i]!;
  return diff === 0;
}

/** The password of `Authorization: Basic base64(user:password)`, any user name; `null` otherwise. */
export function basicAuthPassword(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]{1,2048})\s*$/i.exec(header);
  if (!match) return null;
  let decoded: string;
  try {
    const binary = atob(match[1]!.replace(/-/g, "+").replace(/_/g, "/"));
    decoded = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  return colon === -1 ? null : decoded.slice(colon + 1);
}

/** The value of one cookie from a Cookie header. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export type AccessCredential = "open" | "session" | "basic";

/**
 * Whether a request with these headers may see the dashboard. `password` undefined: the app is
 * open, as a local tool. Returns how access was granted, or `null`.
 */
export async function checkCredentials(
  password: string | undefined,
  headers: { authorization: string | null; cookie: string | null },
  now: number,
): Promise<AccessCredential | null> {
  if (!password) return "open";
  const basic = basicAuthPassword(headers.authorization);
  if (basic !== null && (await constantTimeEqual(password, basic))) return "basic";
  if (await verifySessionToken(password, readCookie(headers.cookie, SESSION_COOKIE), now)) return "session";
  return null;
}

const PATH_BASE = "http://luma.invalid";

/** The path, query and fragment a relative reference resolves to, or `null` if it leaves the origin. */
function resolveOnOrigin(value: string): string | null {
  try {
    const url = new URL(value, PATH_BASE);
    return url.origin === PATH_BASE ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}

/**
 * Where to go after signing in: a same-origin path, normalised first (dot segments and `%2e` are
 * resolved, as a browser would), then accepted only if it is still a plain path that resolves to
 * itself. `/.//evil.com` normalises to `//evil.com`, which a browser reads as another host.
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2000) return "/";
  if (!value.startsWith("/") || value.startsWith("//")) return "/";
  // Control characters and backslashes can be read as a host by lenient URL parsers.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  const path = resolveOnOrigin(value);
  if (path === null || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  if (resolveOnOrigin(path) !== path) return "/";
  return path.startsWith("/sign-in") || path.startsWith("/api/") ? "/" : path;
}
