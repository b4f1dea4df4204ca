import { expect, test, type Page } from "@playwright/test";
import { AUTH_APP_URL, basicAuth, E2E_PASSWORD, PAGES_TO_WALK, uniqueClientIp } from "./env";

// Security headers on every response, and a Content-Security-Policy the app really works under.

const PAGES = PAGES_TO_WALK;

const COMMON = {
  "x-content-type-options": "nosniff",
  "referrer-policy": /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/,
  "permissions-policy": /camera=\(\)/,
};

function expectCommonHeaders(headers: Record<string, string>, where: string) {
  for (const [name, want] of Object.entries(COMMON)) {
    const value = headers[name];
    expect(value, `${name} on ${where}`).toBeDefined();
    if (typeof want === "string") expect(value, where).toBe(want);
    else expect(value, where).toMatch(want);
  }
  expect(headers["x-powered-by"], `X-Powered-By on ${where}`).toBeUndefined();
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

test.describe("headers", () => {
  for (const path of PAGES) {
    test(`page ${path} – security headers and a strict CSP`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      expectCommonHeaders(headers, path);
      const csp = headers["content-security-policy"];
      expect(csp, `CSP on ${path}`).toBeDefined();
      const d = directives(csp!);
      expect(csp).not.toContain("unsafe-eval");
      expect(d.get("frame-ancestors")).toEqual(["'none'"]);
      expect(d.get("object-src")).toEqual(["'none'"]);
      expect(d.get("base-uri")).toEqual(["'self'"]);
      expect(d.get("form-action")).toEqual(["'self'"]);
      expect(d.get("img-src")).toEqual(expect.arrayContaining(["'self'", "data:", "blob:", "http:", "https:"]));
      expect(d.get("media-src")).toEqual(expect.arrayContaining(["'self'", "blob:", "http:", "https:"]));
      const script = d.get("script-src") ?? [];
      expect(script).toContain("'strict-dynamic'");
      expect(script.some((s) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(s))).toBe(true);
      expect(script).not.toContain("'unsafe-inline'");
    });
  }

  test("a fresh nonce per request, and it is on Next's scripts", async ({ request }) => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await request.get("/");
      const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")![1]!;
      nonces.push(nonce);
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, "every script carries the nonce").toContain(`nonce="${nonce}"`);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  test("API answers, errors and build assets carry the headers too", async ({ request }) => {
    const checks = [
      await request.get("/api/health"),
      await request.post("/api/tasks", { data: { ids: [] } }),
      await request.get("/api/tasks/not-an-id"),
      await request.get("/api/no-such-route"),
    ];
    for (const response of checks) {
      const where = `${response.url()} (${response.status()})`;
      expectCommonHeaders(response.headers(), where);
      expect(response.headers()["content-security-policy"], where).toContain("frame-ancestors 'none'");
    }
    const html = await (await request.get("/")).text();
    const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    expectCommonHeaders((await request.get(asset!)).headers(), asset!);
  });

  test("/api/health reveals nothing", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(await response.json()).toEqual({ ok: true });
  });
});

async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on("console", (message) => {
    if (/content security policy/i.test(message.text())) fromConsole.push(message.text());
  });
  page.on("pageerror", (error) => {
    if (/content security policy/i.test(error.message)) fromConsole.push(error.message);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp ?? []))];
}

test.describe("CSP in a real browser", () => {
  test("the walker notices a violation (control)", async ({ page }) => {
    const violations = await watchCsp(page);
    await page.goto("/");
    await page.evaluate(() => {
      const frame = document.createElement("iframe");
      frame.src = "https://example.com/";
      document.body.append(frame);
    });
    await expect.poll(violations).not.toEqual([]);
  });

  for (const path of PAGES) {
    test(`${path} – renders and hydrates with no CSP violation`, async ({ page }) => {
      const violations = await watchCsp(page);
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(path);
      await page.waitForLoadState("load");
      // Hydrated: React marks the document as its root only once Next's (nonced) scripts have run.
      await expect.poll(() => page.evaluate(() => Object.keys(document).some((k) => k.startsWith("__reactContainer")))).toBe(true);
      // Let polling, thumbnails and the player start.
      await page.waitForTimeout(1500);
      expect(await violations()).toEqual([]);
      expect(errors.filter((e) => /eval|script/i.test(e))).toEqual([]);
    });
  }

  test("client-side navigation between pages stays within the CSP", async ({ page }) => {
    const violations = await watchCsp(page);
    await page.goto("/");
    const lookup = page.getByRole("link", { name: /look up/i }).first();
    await expect(lookup).toBeVisible();
    // Survives only if the navigation stays in the same document (client-side).
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    await lookup.click();
    await page.waitForURL(/\/lookup/);
    await expect(page.getByLabel("Task IDs")).toBeVisible();
    expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await page.waitForTimeout(1000);
    expect(await violations()).toEqual([]);
  });
});

test.describe("rate limit (app with RATE_LIMIT_PER_MINUTE=120)", () => {
  const auth = basicAuth(E2E_PASSWORD);

  test("/api/* – a client over its budget gets 429 JSON with Retry-After; others are unaffected", async ({ request }) => {
    // A client of its own (X-Forwarded-For, believed with TRUST_PROXY=1), so other specs keep their budget.
    const me = { ...auth, "X-Forwarded-For": uniqueClientIp() };
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const response = await request.get(`${AUTH_APP_URL}/api/tasks/not-an-id`, { headers: me });
      statuses.push(response.status());
      if (response.status() === 429) {
        expect(Number(response.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
        expect((await response.json()).error.code).toBe("rate_limited");
        break;
      }
    }
    // The whole budget of 120 passes at once, then the 429.
    expect(statuses.filter((s) => s === 400).length).toBeGreaterThanOrEqual(120);
    expect(statuses.at(-1)).toBe(429);

    const other = await request.get(`${AUTH_APP_URL}/api/tasks/not-an-id`, { headers: { ...auth, "X-Forwarded-For": "192.0.2.77" } });
    expect(other.status()).toBe(400);
    const health = await request.get(`${AUTH_APP_URL}/api/health`, { headers: me });
    expect(health.status()).toBe(200);
  });
});
