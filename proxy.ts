import { NextResponse, type NextRequest } from "next/server";
import { newNonce, pageCsp } from "@/lib/server/http/csp";
import { ApiError, UNAUTHORIZED_MESSAGE } from "@/lib/server/http/errors";
import { errorResponse } from "@/lib/server/http/respond";
import { checkCredentials, safeNextPath } from "@/lib/server/auth/session";
import { PATH_HEADER } from "@/lib/server/auth/page-gate-header";
import { serverEnv } from "@/lib/server/env";

// Next 16's proxy (formerly middleware), in front of every page and /api/* call:
// 1. pages get a Content-Security-Policy with a fresh nonce (Next puts it on its scripts);
// 2. with DASHBOARD_PASSWORD set, visitors without access are sent to /sign-in and API calls get
//    a 401 early. This is a convenience only: every route handler, the root layout and every page
//    check access again themselves (proxy-only checks have been bypassed: CVE-2025-29927).

const OPEN_PATHS = new Set(["/api/health", "/api/ready", "/api/session", "/sign-in"]);
// Gateways calling back carry no password: the route checks its own secret instead.
const OPEN_PREFIXES = ["/api/hooks/luma/"];

const isOpen = (pathname: string) => OPEN_PATHS.has(pathname) || OPEN_PREFIXES.some((prefix) => pathname.startsWith(prefix));

// Next answers a bare 500 when a dynamic segment holds broken percent-encoding
// (`/api/tasks/%E0%A4%A`), before any handler runs. That is client input: a 400 here.
function hasBrokenEncoding(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

function brokenEncoding(isApi: boolean): Response {
  const message = "The URL has broken percent-encoding. Task ids are UUIDs like 4665a07c-7641-4809-a133-10786201bb56.";
  if (isApi) return errorResponse(new ApiError("bad_request", message));
  return new NextResponse(`Bad request: ${message}`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export async function proxy(request: NextRequest): Promise<Response> {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname === "/api" || pathname.startsWith("/api/");
  if (hasBrokenEncoding(pathname)) return brokenEncoding(isApi);

  const password = serverEnv().DASHBOARD_PASSWORD;
  if (password && !isOpen(pathname)) {
    const access = await checkCredentials(
      password,
      { authorization: request.headers.get("authorization"), cookie: request.headers.get("cookie") },
      Date.now(),
    );
    // A request carrying a password goes on to where the data is served, which checks the
    // lock-out before the password and counts a wrong one (API handlers and the page gate alike),
    // so no path here answers a guess without counting it.
    if (!access && !request.headers.get("authorization")) {
      if (isApi) return errorResponse(new ApiError("unauthorized", UNAUTHORIZED_MESSAGE));
      const url = request.nextUrl.clone();
      url.pathname = "/sign-in";
      url.search = `?next=${encodeURIComponent(safeNextPath(`${pathname}${search}`))}`;
      return NextResponse.redirect(url, 307);
    }
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(PATH_HEADER, `${pathname}${search}`);
  if (isApi) return NextResponse.next({ request: { headers: requestHeaders } });

  const nonce = newNonce();
  const csp = pageCsp(nonce, process.env.NODE_ENV === "development");
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    // Pages: everything but build assets (immutable, same for everyone), the icons and manifest of
    // public/ (the same for everyone, no data) and /api.
    "/((?!api/|api$|_next/static|_next/image|favicon.ico|icon.svg|icon-192.png|icon-512.png|apple-touch-icon.png|manifest.webmanifest).*)",
    // API calls without a body. Next holds a body that passes through this proxy until all of it
    // has arrived, before any handler runs, so a client trickling one in would hold the request
    // for minutes; without the proxy, the handler reads it under BODY_TIMEOUT_MS (408). Every
    // handler checks access and limits itself (withApi), so nothing here is skipped for them.
    // Resized thumbnails of a well-formed id are left out: a grid asks for dozens at once, and
    // there is nothing for the proxy to do (no broken encoding in a UUID; the route checks access).
    {
      source: "/api/((?!tasks/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/thumbnail$).*)",
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
    { source: "/api", missing: [{ type: "header", key: "content-length" }, { type: "header", key: "transfer-encoding" }] },
  ],
};
