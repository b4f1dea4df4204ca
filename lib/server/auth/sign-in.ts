import "server-only";
import { ApiError } from "@/lib/server/http/errors";
import { originSettings } from "@/lib/server/env";
import { appOrigin } from "@/lib/server/http/origin";
import { readCappedText } from "@/lib/server/http/request";
import { json } from "@/lib/server/http/respond";
import { gatePassword } from "./access";
import { assertNotLockedOut, noteWrongPassword } from "./lockout";
import { constantTimeEqual, createSessionToken, SESSION_COOKIE, SESSION_TTL_MS, safeNextPath } from "./session";

// Sign-in and sign-out behind POST/DELETE /api/session. An HTML form gets 303 redirects (works
// without JavaScript); a script sending JSON gets JSON.

const MAX_FORM_BYTES = 8 * 1024;

interface SignInForm {
  password: string | null;
  next: string | null;
  intent: string | null;
  /** The caller sent JSON, so answer with JSON rather than a redirect. */
  wantsJson: boolean;
}

function readSmallText(request: Request): Promise<string> {
  return readCappedText(request, MAX_FORM_BYTES, () => new ApiError("payload_too_large", "The sign-in form is too large."));
}

const field = (value: unknown): string | null => (typeof value === "string" ? value : null);

export async function readSignInForm(request: Request): Promise<SignInForm> {
  const type = request.headers.get("content-type") ?? "";
  const text = await readSmallText(request);
  if (/^application\/(.+\+)?json\b/i.test(type)) {
    let body: unknown;
    try {
      body = JSON.parse(text || "{}");
    } catch {
      throw new ApiError("bad_request", 'The body is not valid JSON. Send {"password": "…"}.');
    }
    const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    return { password: field(record.password), next: field(record.next), intent: field(record.intent), wantsJson: true };
  }
  if (type && !/^application\/x-www-form-urlencoded\b/i.test(type) && !/^text\/plain\b/i.test(type)) {
    throw new ApiError("unsupported_media_type", "Send the sign-in form as application/x-www-form-urlencoded or JSON.");
  }
  const form = new URLSearchParams(text);
  return { password: form.get("password"), next: form.get("next"), intent: form.get("intent"), wantsJson: false };
}

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || appOrigin(request.headers, originSettings())?.protocol === "https:";
}

function sessionCookie(request: Request, value: string, maxAgeSeconds: number): string {
  const parts = [`${SESSION_COOKIE}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`];
  if (isHttps(request)) parts.push("Secure");
  return parts.join("; ");
}

function seeOther(location: string, cookie?: string): Response {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  if (cookie) headers.set("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
}

export function signOut(request: Request, wantsJson: boolean): Response {
  const cookie = sessionCookie(request, "", 0);
  if (wantsJson) return json({ ok: true, signedIn: false }, { headers: { "Set-Cookie": cookie } });
  return seeOther("/sign-in?signed-out=1", cookie);
}

/** The form's answer while locked out: a 429 a browser shows as a page, since it follows no redirect. */
function lockedOutPage(error: ApiError, next: string): Response {
  const back = `/sign-in?next=${encodeURIComponent(next)}`;
  const html = `<!doctype html><meta charset="utf-8"><title>Too many wrong passwords</title><p>${error.message}</p><p><a href="${back}">Back to sign in</a></p>`;
  return new Response(html, {
    status: 429,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Retry-After": String(error.retryAfterSeconds ?? 60) },
  });
}

export async function signIn(request: Request, form: SignInForm): Promise<Response> {
  const next = safeNextPath(form.next);
  const password = gatePassword();
  if (!password) return form.wantsJson ? json({ ok: true, signedIn: true, gate: false }) : seeOther(next);
  // Before the password is looked at: while locked out, the right password gets the same 429.
  try {
    await assertNotLockedOut(request.headers);
  } catch (error) {
    if (form.wantsJson || !(error instanceof ApiError)) throw error;
    return lockedOutPage(error, next);
  }
  if (!(await constantTimeEqual(password, form.password ?? ""))) {
    await noteWrongPassword(request.headers);
    if (form.wantsJson) throw new ApiError("unauthorized", "Wrong password.");
    return seeOther(`/sign-in?error=1&next=${encodeURIComponent(next)}`);
  }
  const token = await createSessionToken(password, Date.now());
  const cookie = sessionCookie(request, token, Math.floor(SESSION_TTL_MS / 1000));
  return form.wantsJson ? json({ ok: true, signedIn: true }, { headers: { "Set-Cookie": cookie } }) : seeOther(next, cookie);
}
