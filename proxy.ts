import { NextResponse, type NextRequest } from "next/server";

// Next answers a bare 500 when a dynamic segment holds broken percent-encoding (`/api/tasks/%E0%A4%A`),
// before any handler runs. That is client input, so it gets a 400 here.
function hasBrokenEncoding(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (hasBrokenEncoding(pathname)) {
    if (pathname.startsWith("/api/")) {
      return NextResponse.json(
        { error: { code: "bad_request", message: "The URL has broken percent-encoding. Task ids are UUIDs like 4665a07c-7641-4809-a133-10786201bb56." } },
        { status: 400, headers: { "Cache-Control": "no-store" } },
      );
    }
    return new NextResponse("Bad request: the URL has broken percent-encoding.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
