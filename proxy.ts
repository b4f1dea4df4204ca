import { NextResponse, type NextRequest } from "next/server";
import { newNonce, pageCsp } from "@/lib/server/http/csp";
import { ApiError } from "@/lib/server/http/errors";
import { errorResponse } from "@/lib/server/http/respond";
import { checkCredentials, safeNextPath } from "@/lib/server/auth/session";
import { PATH_HEADER } from "@/lib/server/auth/page-gate-header";
import { serverEnv } from "@/lib/server/env";

// Next 16's proxy (formerly middleware), in front of every page and of API calls with
// percent-encoding in their path (see the matcher):
// 1. pages get a Content-Security-Policy with a fresh nonce (Next puts it on its scripts);
// 2. a path with broken percent-encoding gets a 400 instead of Next's bare 500;
// 3. with DASHBOARD_PASSWORD set, page visitors without access are sent to /sign-in. This is a
//    convenience only: every route handler, the root layout and every page check access again
//    themselves (proxy-only checks have been bypassed: CVE-2025-29927).

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
  // The handler checks access (and counts a wrong password) itself.
  if (isApi) return NextResponse.next();

  const password = serverEnv().DASHBOARD_PASSWORD;
  if (password && pathname !== "/sign-in") {
    const access = await checkCredentials(
      password,
      { authorization: request.headers.get("authorization"), cookie: request.headers.get("cookie") },
      Date.now(),
    );
    // A request carrying a password goes on to the page gate, which checks the lock-out before
    // the password and counts a wrong one, so no path here answers a guess without counting it.
    if (!access && !request.headers.get("authorization")) {
      const url = request.nextUrl.clone();
      url.pathname = "/sign-in";
      url.search = `?next=${encodeURIComponent(safeNextPath(`${pathname}${search}`))}`;
      return NextResponse.redirect(url, 307);
    }
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(PATH_HEADER, `${pathname}${search}`);

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
    // API calls whose path holds percent-encoding, the one thing an API handler cannot answer
    // itself: Next answers a bare 500 for broken encoding before any handler runs. Every handler
    // checks access and limits itself (withApi), so the rest skip this proxy and its cost (half of
    // a cached thumbnail's, and a grid asks for dozens at once). Only bodyless calls: Next holds a
    // body that passes through a proxy until all of it has arrived, so a client trickling one in
    // would hold the request for minutes; without the proxy the handler reads it under
    // BODY_TIMEOUT_MS (408).
    {
      source: "/api/:path(.*%.*)",
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
  ],
};
