import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/server/http/errors";
import { json } from "@/lib/server/http/respond";
import { withApi } from "@/lib/server/http/with-api";
import { resetFailedAttempts } from "@/lib/server/auth/access";

// The wrapper every route handler goes through: rate limit → access → handler → one catch.

const saved = { ...process.env };
let ip = 0;
const request = (headers: Record<string, string> = {}) =>
  new Request("http://app.test/api/tasks", { headers: { "x-forwarded-for": `10.0.0.${++ip}`, ...headers } });
const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`me:${password}`).toString("base64")}` });
const ok = withApi(() => json({ ok: true }));

beforeEach(() => {
  delete process.env.DASHBOARD_PASSWORD;
  process.env.RATE_LIMIT_PER_MINUTE = "0";
  resetFailedAttempts();
});
afterEach(() => {
  process.env = { ...saved };
});

describe("withApi", () => {
  it("is open without DASHBOARD_PASSWORD", async () => {
    expect((await ok(request(), undefined)).status).toBe(200);
  });

  it("answers 401 JSON with WWW-Authenticate without the password, 200 with HTTP Basic", async () => {
    process.env.DASHBOARD_PASSWORD = "pw";
    const denied = await ok(request(), undefined);
    expect(denied.status).toBe(401);
    expect(denied.headers.get("www-authenticate")).toMatch(/^Basic realm="Luma Gallery"/);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    expect((await ok(request(basic("pw")), undefined)).status).toBe(200);
    expect((await ok(request(basic("PW")), undefined)).status).toBe(401);
  });

  it("locks out a client after ten wrong passwords in a minute", async () => {
    process.env.DASHBOARD_PASSWORD = "pw";
    const headers = { ...basic("wrong"), "x-forwarded-for": "192.0.2.1" };
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await ok(new Request("http://app.test/api/x", { headers }), undefined)).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });

  it("leaves open handlers open", async () => {
    process.env.DASHBOARD_PASSWORD = "pw";
    const health = withApi(() => json({ ok: true }), { access: "open" });
    expect((await health(request(), undefined)).status).toBe(200);
  });

  it("rate limits per client with 429 and Retry-After; 0 turns it off", async () => {
    process.env.RATE_LIMIT_PER_MINUTE = "3";
    const me = { "x-forwarded-for": "198.51.100.9" };
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await ok(request(me), undefined));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(Number(statuses[3]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await ok(request({ "x-forwarded-for": "198.51.100.10" }), undefined)).status).toBe(200);
    process.env.RATE_LIMIT_PER_MINUTE = "0";
    for (let i = 0; i < 10; i++) expect((await ok(request(me), undefined)).status).toBe(200);
  });

  it("maps ApiError by its code and anything else to a generic 500", async () => {
    const bad = withApi(() => {
      throw new ApiError("bad_request", "nope");
    });
    expect((await bad(request(), undefined)).status).toBe(400);
    const boom = withApi(() => {
      throw new Error("secret detail");
    });
    const response = await boom(request(), undefined);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("secret detail");
  });
});
