import { describe, expect, it } from "vitest";
import { appOrigin, assertSameOrigin } from "@/lib/server/http/origin";

// Which origin is this app's own: for absolute links in metadata and the same-origin check.

const h = (entries: Record<string, string>) => new Headers(entries);
const none = { publicUrl: undefined, trustProxy: 0 };
const oneProxy = { publicUrl: undefined, trustProxy: 1 };

describe("appOrigin", () => {
  it.each([
    [{ host: "app.example:3000" }, none, "http://app.example:3000"],
    [{ host: "127.0.0.1:3210" }, none, "http://127.0.0.1:3210"],
    [{ host: "[::1]:3000" }, none, "http://[::1]:3000"],
    // Forwarded headers only through a trusted proxy: the nearest proxy's entry (rightmost) wins.
    [{ host: "internal:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }, none, "http://internal:3000"],
    [{ host: "internal:3000", "x-forwarded-host": "gallery.example", "x-forwarded-proto": "https" }, oneProxy, "https://gallery.example"],
    [{ host: "internal", "x-forwarded-host": "evil.example, gallery.example", "x-forwarded-proto": "http, https" }, oneProxy, "https://gallery.example"],
    // PUBLIC_URL decides every absolute link when set.
    [{ host: "evil.example", "x-forwarded-host": "evil.example" }, { publicUrl: "https://gallery.example", trustProxy: 1 }, "https://gallery.example"],
  ])("%j (%j) → %s", (headers, settings, origin) => {
    expect(appOrigin(h(headers), settings)?.origin).toBe(origin);
  });

  it.each(["a@evil.example:8080", "evil.example/path", "bad host", "evil.example:99999", "evil.example?x", "evil.example#x", "", "evil.example\\x", "[zz]:80"])(
    "refuses a Host that is not a plain host and port: %j",
    (host) => {
      expect(appOrigin(h(host ? { host } : {}), none)).toBeNull();
      expect(appOrigin(h({ host: "ok.example", "x-forwarded-host": host || "a@b" }), oneProxy)).toBeNull();
    },
  );
});

describe("assertSameOrigin", () => {
  const check = (headers: Record<string, string>, settings = none) => () => assertSameOrigin(h(headers), settings);

  it("compares the whole origin: scheme, host and port", () => {
    expect(check({ host: "app.example", origin: "http://app.example" })).not.toThrow();
    expect(check({ host: "app.example", origin: "https://app.example" })).toThrow(/not from this dashboard/);
    expect(check({ host: "app.example", origin: "http://app.example:81" })).toThrow(/not from this dashboard/);
    expect(check({ host: "app.example", origin: "http://evil.example" })).toThrow(/PUBLIC_URL/);
  });

  it("refuses Origin: null and Sec-Fetch-Site: cross-site", () => {
    expect(check({ host: "app.example", origin: "null" })).toThrow(/opaque origin/);
    expect(check({ host: "app.example", "sec-fetch-site": "cross-site" })).toThrow(/another site/);
  });

  it("lets scripts that send neither header through (the gate judges them)", () => {
    expect(check({ host: "app.example" })).not.toThrow();
    expect(check({ host: "app.example", "sec-fetch-site": "none" })).not.toThrow();
  });
});
