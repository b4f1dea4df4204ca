import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/server/http/errors";
import { json } from "@/lib/server/http/respond";
import { withApi } from "@/lib/server/http/with-api";
import { createSessionToken } from "@/lib/server/auth/session";
import { resetBudgets } from "@/lib/server/http/rate-limit";
import { startRedisServer, type RedisServer } from "./redis-server";

// The wrapper every route handler goes through: rate limit → access → handler → one catch.

const saved = { ...process.env };
let ip = 0;
const request = (headers: Record<string, string> = {}) =>
  new Request("http://app.test/api/tasks", { headers: { "x-forwarded-for": `10.0.0.${++ip}`, ...headers } });
const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`me:${password}`).toString("base64")}` });
const ok = withApi(() => json({ ok: true }));

beforeEach(() => {
  delete process.env.DASHBOARD_PASSWORD;
  delete process.env.REDIS_URL;
  delete process.env.PUBLIC_URL;
  process.env.RATE_LIMIT_PER_MINUTE = "0";
  process.env.TRUST_PROXY = "1";
  resetBudgets();
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

  it("while locked out, the right password gets 429 with Retry-After too: the answer tells nothing", async () => {
    process.env.DASHBOARD_PASSWORD = "pw";
    const from = { "x-forwarded-for": "192.0.2.2" };
    for (let i = 0; i < 10; i++) await ok(request({ ...basic(`guess-${i}`), ...from }), undefined);
    const right = await ok(request({ ...basic("pw"), ...from }), undefined);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it("caps wrong passwords across all clients, so rotating addresses does not help", async () => {
    process.env.DASHBOARD_PASSWORD = "pw";
    for (let i = 0; i < 30; i++) expect((await ok(request({ ...basic(`guess-${i}`), "x-forwarded-for": `203.0.113.${i}` }), undefined)).status).toBe(401);
    const fresh = await ok(request({ ...basic("pw"), "x-forwarded-for": "203.0.113.200" }), undefined);
    expect(fresh.status).toBe(429);
    expect(((await fresh.json()) as { error: { message: string } }).error.message).toMatch(/wrong passwords/i);
  });

  it("never locks out a valid session cookie, even when a stranger shares its address", async () => {
    process.env.DASHBOARD_PASSWORD = "pw";
    process.env.TRUST_PROXY = "0"; // every client is one
    for (let i = 0; i < 12; i++) await ok(request(basic(`guess-${i}`)), undefined);
    expect((await ok(request(basic("pw")), undefined)).status).toBe(429);
    const cookie = `luma_session=${await createSessionToken("pw", Date.now())}`;
    expect((await ok(request({ cookie }), undefined)).status).toBe(200);
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

  it("TRUST_PROXY=0: a client-chosen X-Forwarded-For is no fresh budget", async () => {
    process.env.TRUST_PROXY = "0";
    process.env.RATE_LIMIT_PER_MINUTE = "3";
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await ok(request(), undefined)).status);
    for (let i = 0; i < 5; i++) statuses.push((await ok(request({ "x-forwarded-for": `10.9.9.${i}` }), undefined)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
  });

  it("TRUST_PROXY=1: a value put before the proxy's entry neither frees nor spends another's budget", async () => {
    process.env.RATE_LIMIT_PER_MINUTE = "2";
    const victim = "198.51.100.77";
    // A client naming the victim in its own header: the proxy appends the client's real address.
    for (let i = 0; i < 3; i++) await ok(request({ "x-forwarded-for": `${victim}, 192.0.2.66` }), undefined);
    expect((await ok(request({ "x-forwarded-for": victim }), undefined)).status).toBe(200);
    expect((await ok(request({ "x-forwarded-for": `1.2.3.4, 192.0.2.66` }), undefined)).status).toBe(429);
  });

  describe("same-origin check on state-changing requests", () => {
    const post = (headers: Record<string, string>, url = "http://app.test/api/x") =>
      new Request(url, { method: "POST", headers: { host: "app.test", ...headers } });
    const status = async (r: Request) => (await ok(r, undefined)).status;

    it("refuses Origin: null, another site, another scheme or port, and Sec-Fetch-Site: cross-site", async () => {
      expect(await status(post({ origin: "null" }))).toBe(403);
      expect(await status(post({ origin: "https://evil.example" }))).toBe(403);
      expect(await status(post({ origin: "https://app.test" }))).toBe(403);
      expect(await status(post({ origin: "http://app.test:8080" }))).toBe(403);
      expect(await status(post({ "sec-fetch-site": "cross-site" }))).toBe(403);
    });

    it("accepts its own origin, and scripts that send neither header", async () => {
      expect(await status(post({ origin: "http://app.test", "sec-fetch-site": "same-origin" }))).toBe(200);
      expect(await status(post({}))).toBe(200);
      expect(await status(new Request("http://app.test/api/x", { headers: { origin: "https://evil.example" } }))).toBe(200); // GET reads nothing
    });

    it("PUBLIC_URL decides; forwarded headers count only through trusted proxies", async () => {
      process.env.PUBLIC_URL = "https://gallery.example/some/path";
      expect(await status(post({ origin: "https://gallery.example", host: "internal:3000" }))).toBe(200);
      expect(await status(post({ origin: "http://internal:3000", host: "internal:3000" }))).toBe(403);
      delete process.env.PUBLIC_URL;
      const forwarded = { origin: "https://gallery.example", host: "internal:3000", "x-forwarded-host": "gallery.example", "x-forwarded-proto": "https" };
      expect(await status(post(forwarded))).toBe(200);
      process.env.TRUST_PROXY = "0";
      expect(await status(post(forwarded))).toBe(403);
    });

    it("says what to set when it cannot tell its own origin", async () => {
      const response = await ok(post({ origin: "http://a@app.test", host: "a@app.test" }), undefined);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/PUBLIC_URL/);
    });

    it("can be turned off for a server-to-server route with a secret", async () => {
      const hook = withApi(() => json({ ok: true }), { sameOrigin: false });
      expect((await hook(post({ origin: "null" }), undefined)).status).toBe(200);
    });
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

describe("withApi across a fleet (REDIS_URL)", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it("a lock-out earned on one instance holds on another, and so does a spent budget", async () => {
    process.env.REDIS_URL = redis.url;
    process.env.DASHBOARD_PASSWORD = "pw";
    process.env.RATE_LIMIT_PER_MINUTE = "15";
    const from = { "x-forwarded-for": "192.0.2.150" };
    for (let i = 0; i < 10; i++) expect((await ok(request({ ...basic(`guess-${i}`), ...from }), undefined)).status).toBe(401);
    resetBudgets(); // a second instance: nothing in its memory
    expect((await ok(request({ ...basic("pw"), ...from }), undefined)).status).toBe(429);
    // 11 requests spent so far, 4 left of this client's 15.
    const statuses: number[] = [];
    resetBudgets();
    for (let i = 0; i < 5; i++) statuses.push((await ok(request({ cookie: `luma_session=${await createSessionToken("pw", Date.now())}`, ...from }), undefined)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });
});
