import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  basicAuthPassword,
  checkCredentials,
  constantTimeEqual,
  createSessionToken,
  readCookie,
  safeNextPath,
  SESSION_COOKIE,
  verifySessionToken,
} from "@/lib/server/auth/session";

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`;

describe("session tokens", () => {
  it("verify with the same password before they expire, and only then", async () => {
    const token = await createSessionToken("pw", 1000, 5000);
    expect(await verifySessionToken("pw", token, 1000)).toBe(true);
    expect(await verifySessionToken("pw", token, 5999)).toBe(true);
    expect(await verifySessionToken("pw", token, 6000)).toBe(false);
    expect(await verifySessionToken("other", token, 1000)).toBe(false);
  });

  it("reject tampered tokens: a later expiry, a changed signature, junk", async () => {
    const token = await createSessionToken("pw", 0, 5000);
    const [v, , random, sig] = token.split(".");
    expect(await verifySessionToken("pw", `${v}.99999999999999.${random}.${sig}`, 0)).toBe(false);
    expect(await verifySessionToken("pw", `${v}.5000.${random}.${sig!.slice(0, -2)}AA`, 0)).toBe(false);
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (junk) => {
        expect(await verifySessionToken("pw", junk, 0)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe("HTTP Basic", () => {
  it("takes any user name and passwords with colons and unicode", () => {
    expect(basicAuthPassword(basic("anyone", "pa:ss wörd"))).toBe("pa:ss wörd");
    expect(basicAuthPassword(basic("", "x"))).toBe("x");
    expect(basicAuthPassword("Bearer abc")).toBeNull();
    expect(basicAuthPassword("Basic !!!")).toBeNull();
    expect(basicAuthPassword(`Basic ${Buffer.from("nocolon").toString("base64")}`)).toBeNull();
  });

  it("never throws on arbitrary headers (property)", () => {
    fc.assert(fc.property(fc.string(), (header) => void basicAuthPassword(header)));
    fc.assert(fc.property(fc.string(), (header) => void basicAuthPassword(`Basic ${header}`)));
  });
});

describe("checkCredentials", () => {
  it("is open without a password", async () => {
    expect(await checkCredentials(undefined, { authorization: null, cookie: null }, 0)).toBe("open");
  });

  it("accepts Basic with the password or a valid session cookie, and nothing else", async () => {
    const token = await createSessionToken("secret", 0);
    const none = { authorization: null, cookie: null };
    expect(await checkCredentials("secret", none, 0)).toBeNull();
    expect(await checkCredentials("secret", { ...none, authorization: basic("u", "secret") }, 0)).toBe("basic");
    expect(await checkCredentials("secret", { ...none, authorization: basic("u", "secreT") }, 0)).toBeNull();
    expect(await checkCredentials("secret", { ...none, cookie: `a=b; ${SESSION_COOKIE}=${token}` }, 0)).toBe("session");
    expect(await checkCredentials("secret", { ...none, cookie: `${SESSION_COOKIE}=forged` }, 0)).toBeNull();
  });

  it("constantTimeEqual agrees with ===", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (a, b) => {
        expect(await constantTimeEqual(a, b)).toBe(a === b);
        expect(await constantTimeEqual(a, a)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe("readCookie", () => {
  it("finds one cookie among many", () => {
    expect(readCookie("a=1; luma_session=x.y; b=2", "luma_session")).toBe("x.y");
    expect(readCookie("xluma_session=1", "luma_session")).toBeNull();
  });
});

describe("safeNextPath", () => {
  it.each([
    ["/lookup?ids=a", "/lookup?ids=a"],
    ["/tasks/abc#x", "/tasks/abc#x"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    ["/\t/evil.example", "/"],
    ["/sign-in?next=/x", "/"],
    ["/api/tasks", "/"],
    ["", "/"],
    // Paths a URL parser normalises into `//host`: dot segments, encoded dots, empty segments.
    ["/.//evil.com", "/"],
    ["/%2e//evil.com", "/"],
    ["/%2E//evil.com", "/"],
    ["/a/..//evil.com", "/"],
    ["/./%2e/..//evil.com/x", "/"],
    ["\\\\evil.com", "/"],
    ["/%5cevil.com", "/%5cevil.com"],
    ["/%2F%2Fevil.com", "/%2F%2Fevil.com"],
    ["/ /evil.com", "/%20/evil.com"],
    ["/lookup/../tasks/x", "/tasks/x"],
  ])("%s → %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it("never lands off-origin, however the path is spelt (property over tricky fragments)", () => {
    const fragment = fc.constantFrom(".", "..", "%2e", "%2E", "%2e%2e", "/", "//", "\\", "%5c", "%2f", "\t", "%09", "\n", " ", "@", ":", "?", "#", "evil.com", "a", "sign-in", "%00", "\u3002", "．");
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 12 }), (parts) => {
        const input = `/${parts.join("")}`;
        const out = safeNextPath(input);
        expect(out.startsWith("/")).toBe(true);
        expect(out.startsWith("//")).toBe(false);
        expect(out.startsWith("/\\")).toBe(false);
        // The browser resolves the Location against the page that sent it, and a link likewise.
        for (const base of ["http://origin.test/", "http://origin.test/sign-in?next=x", "http://origin.test/a/b/c"]) {
          expect(new URL(out, base).origin).toBe("http://origin.test");
        }
        // Already normal: sanitising again changes nothing.
        expect(safeNextPath(out)).toBe(out);
      }),
      { numRuns: 3000 },
    );
  });

  it("only ever returns a same-origin path (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string().map((s) => `/${s}`), fc.string().map((s) => `//${s}`)), (input) => {
        const out = safeNextPath(input);
        expect(out.startsWith("/")).toBe(true);
        expect(out.startsWith("//")).toBe(false);
        expect(new URL(out, "http://origin.test").origin).toBe("http://origin.test");
      }),
      { numRuns: 2000 },
    );
  });
});
