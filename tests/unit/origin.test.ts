import { describe, expect, it } from "vitest";
import { originFromHeaders } from "@/lib/server/http/origin";
import { assertSameOrigin } from "@/lib/server/auth/sign-in";

// One reading of "which origin did this request reach", for metadata URLs and the sign-in form.

const h = (entries: Record<string, string>) => new Headers(entries);

describe("originFromHeaders", () => {
  it.each([
    [{ host: "app.example:3000" }, "http://app.example:3000"],
    [{ host: "internal:3000", "x-forwarded-host": "gallery.example", "x-forwarded-proto": "https" }, "https://gallery.example"],
    // Proxies that append: the first entry is the one the browser used.
    [{ host: "internal", "x-forwarded-host": "gallery.example, lb.internal", "x-forwarded-proto": "https, http" }, "https://gallery.example"],
    [{}, "http://localhost"],
    [{ host: "bad host name" }, "http://localhost"],
  ])("%j → %s", (headers, origin) => {
    expect(originFromHeaders(h(headers)).origin).toBe(origin);
  });
});

describe("assertSameOrigin", () => {
  const post = (headers: Record<string, string>) => new Request("http://internal/api/session", { method: "POST", headers });

  it("accepts a form posted from the origin a proxy says it serves, appended entries and all", () => {
    expect(() => assertSameOrigin(post({ origin: "https://gallery.example", host: "internal", "x-forwarded-host": "gallery.example, lb.internal" }))).not.toThrow();
  });

  it("refuses a form posted from another site", () => {
    expect(() => assertSameOrigin(post({ origin: "https://evil.example", host: "gallery.example" }))).toThrow(/own sign-in page/);
  });

  it("lets scripts without an Origin through (they carry no cookies of a victim)", () => {
    expect(() => assertSameOrigin(post({ host: "gallery.example" }))).not.toThrow();
  });
});
