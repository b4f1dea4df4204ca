import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_IDS } from "../../simulator/demo-set";
import { AUTH_APP_URL, basicAuth, E2E_KEY, E2E_PASSWORD, SIM_URL, uniqueClientIp } from "./env";

// The access gate: the third server runs the same build with DASHBOARD_PASSWORD set.
test.use({ baseURL: AUTH_APP_URL });

const COMPLETED = DEMO_IDS[4]!; // "cat dance"

async function demoPrompt(request: APIRequestContext, id: string): Promise<string> {
  const { tasks } = (await (await request.get(`${SIM_URL}/__control/tasks`)).json()) as { tasks: Array<{ id: string; prompt: string }> };
  return tasks.find((t) => t.id === id)!.prompt;
}

const API_CALLS: Array<{ name: string; call: (r: APIRequestContext, headers: Record<string, string>) => ReturnType<APIRequestContext["get"]> }> = [
  { name: "POST /api/tasks", call: (r, headers) => r.post("/api/tasks", { data: { ids: [COMPLETED] }, headers }) },
  { name: "GET /api/tasks/{id}", call: (r, headers) => r.get(`/api/tasks/${COMPLETED}`, { headers }) },
  { name: "GET /api/tasks/{id}?refresh=1", call: (r, headers) => r.get(`/api/tasks/${COMPLETED}?refresh=1`, { headers }) },
  { name: "GET /api/tasks/{id}/video", call: (r, headers) => r.get(`/api/tasks/${COMPLETED}/video`, { headers }) },
  { name: "GET /api/tasks/{id}/thumbnail?w=256", call: (r, headers) => r.get(`/api/tasks/${COMPLETED}/thumbnail?w=256`, { headers }) },
  { name: "POST /api/library/contains", call: (r, headers) => r.post("/api/library/contains", { data: { ids: [COMPLETED] }, headers }) },
];

test.describe("API", () => {
  for (const { name, call } of API_CALLS) {
    test(`${name} – 401 JSON with WWW-Authenticate without credentials, also with proxy-bypass headers`, async ({ request }) => {
      const variants: Array<Record<string, string>> = [
        {},
        { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
        { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
        { Cookie: "luma_session=v1.99999999999999.AAAA.forged" },
        { Authorization: `Bearer ${E2E_PASSWORD}` },
      ];
      for (const headers of variants) {
        const response = await call(request, { ...headers, "X-Forwarded-For": uniqueClientIp() });
        expect(response.status(), JSON.stringify(headers)).toBe(401);
        expect(response.headers()["www-authenticate"]).toMatch(/^Basic realm="Luma Gallery"/);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe("unauthorized");
        expect(body.error.message).toMatch(/sign in|password/i);
      }
    });

    test(`${name} – HTTP Basic with the password and any user name works`, async ({ request }) => {
      const response = await call(request, { ...basicAuth(E2E_PASSWORD, `user-${Math.random()}`), "X-Forwarded-For": uniqueClientIp() });
      expect(response.status()).toBe(200);
    });
  }

  test("a wrong Basic password is a 401, and ten of them in a minute lock the client out (429)", async ({ request }) => {
    const ip = uniqueClientIp();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await request.get(`/api/tasks/${COMPLETED}`, { headers: { ...basicAuth(`wrong-${i}`), "X-Forwarded-For": ip } })).status());
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another client is not affected.
    expect((await request.get(`/api/tasks/${COMPLETED}`, { headers: { ...basicAuth(E2E_PASSWORD), "X-Forwarded-For": uniqueClientIp() } })).status()).toBe(200);

    // While locked out, even the right password gets 429 with Retry-After: on the API, the sign-in
    // form and pages. (One client for all of it: every wrong password also counts towards the cap
    // across all clients, which the other tests of this server must stay under.)
    const from = { "X-Forwarded-For": ip };
    const api = await request.get(`/api/tasks/${COMPLETED}`, { headers: { ...basicAuth(E2E_PASSWORD), ...from } });
    expect(api.status()).toBe(429);
    expect(Number(api.headers()["retry-after"])).toBeGreaterThanOrEqual(1);

    const json = await request.post("/api/session", { data: { password: E2E_PASSWORD }, headers: from });
    expect(json.status()).toBe(429);
    expect(json.headers()["set-cookie"]).toBeUndefined();
    const form = await request.post("/api/session", { form: { password: E2E_PASSWORD, next: "/" }, headers: from, maxRedirects: 0 });
    expect(form.status()).toBe(429);
    expect(Number(form.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(form.headers()["set-cookie"]).toBeUndefined();
    expect(await form.text()).toMatch(/Too many wrong passwords/);

    // A page with HTTP Basic: the sign-in form saying so, never the data.
    const prompt = await demoPrompt(request, COMPLETED);
    const page = await request.get(`/tasks/${COMPLETED}`, { headers: { ...basicAuth(E2E_PASSWORD), ...from }, maxRedirects: 0 });
    const html = await page.text();
    expect(html).toContain("Too many wrong passwords");
    expect(html).not.toContain(prompt);
  });

  test("wrong Basic passwords on pages count towards the lock-out too", async ({ request }) => {
    const from = { "X-Forwarded-For": uniqueClientIp() };
    for (let i = 0; i < 5; i++) {
      const response = await request.get(`/tasks/${COMPLETED}`, { headers: { ...basicAuth(`page-guess-${i}`), ...from }, maxRedirects: 0 });
      expect(await response.text()).not.toContain(await demoPrompt(request, COMPLETED));
    }
    for (let i = 0; i < 5; i++) expect((await request.get(`/api/tasks/${COMPLETED}`, { headers: { ...basicAuth(`api-guess-${i}`), ...from } })).status()).toBe(401);
    expect((await request.get(`/api/tasks/${COMPLETED}`, { headers: { ...basicAuth(E2E_PASSWORD), ...from } })).status()).toBe(429);
  });

  test("GET /api/health stays open and says nothing", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});

test.describe("pages", () => {
  const PAGES = ["/", "/lookup", `/lookup?ids=${COMPLETED}`, `/tasks/${COMPLETED}`, `/?ids=${COMPLETED}`];

  for (const path of PAGES) {
    test(`${path} – without access: sent to sign-in, never the data (HTML and RSC)`, async ({ request }) => {
      const prompt = await demoPrompt(request, COMPLETED);
      const variants: Array<Record<string, string>> = [{}, { RSC: "1" }, { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" }];
      for (const headers of variants) {
        const response = await request.get(path, { headers, maxRedirects: 0 });
        expect([302, 303, 307, 308, 200, 401]).toContain(response.status());
        if (response.status() >= 300 && response.status() < 400) {
          const location = response.headers()["location"]!;
          expect(new URL(location, AUTH_APP_URL).pathname).toBe("/sign-in");
          expect(new URL(location, AUTH_APP_URL).searchParams.get("next")).toBe(path);
        }
        const text = await response.text();
        // A page answered in place must be the sign-in form: the gallery and lookup pages fetch
        // their data in the browser, so "no prompt in the HTML" alone would pass with no gate at all.
        if (response.status() === 200) expect(text).toContain("Sign in to Luma Gallery");
        expect(text).not.toContain(prompt);
        expect(text).not.toContain(E2E_KEY);
      }
    });
  }

  test("HTTP Basic works on pages too", async ({ request }) => {
    const response = await request.get("/lookup", { headers: basicAuth(E2E_PASSWORD), maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(await response.text()).not.toContain("Sign in to Luma Gallery");
  });
});

test.describe("sign-in page", () => {
  test("sign in → back where you were, with an httpOnly SameSite=Lax cookie; sign out ends it", async ({ page, context }) => {
    await page.goto("/lookup?ids=" + COMPLETED);
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await expect(page.getByRole("heading", { name: /sign in/i })).toBeVisible();

    await page.getByLabel("Password").fill("not-it");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /not right/i })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in\?error=1&next=/);

    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`/lookup\\?ids=${COMPLETED}$`));

    const cookie = (await context.cookies()).find((c) => c.name === "luma_session")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
    expect(cookie.expires * 1000 - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect(cookie.expires * 1000 - Date.now()).toBeLessThan(7.1 * 24 * 3600_000);
    expect(cookie.value).not.toContain(E2E_PASSWORD);

    // The browser's own API calls now pass.
    expect((await page.request.get(`/api/tasks/${COMPLETED}`)).status()).toBe(200);

    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "You are signed in" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    expect((await context.cookies()).find((c) => c.name === "luma_session")).toBeUndefined();
    expect((await page.request.get(`/api/tasks/${COMPLETED}`)).status()).toBe(401);
  });

  test("POST /api/session – `next` only ever sends the browser to a same-origin path", async ({ request }) => {
    const ip = uniqueClientIp();
    for (const next of ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/api/tasks", "/.//evil.example", "/%2e//evil.example", "/\t/evil.example"]) {
      const response = await request.post("/api/session", { form: { password: E2E_PASSWORD, next }, maxRedirects: 0, headers: { "X-Forwarded-For": ip } });
      expect(response.status()).toBe(303);
      expect(response.headers()["location"], next).toBe("/");
    }
  });

  test("POST and DELETE /api/session – refused from another origin: another site, Origin: null, another scheme or port", async ({ request }) => {
    const ip = uniqueClientIp();
    // An opaque origin (sandboxed frame, file), another scheme or port, another site: the whole origin is compared.
    for (const origin of ["null", AUTH_APP_URL.replace("http:", "https:"), AUTH_APP_URL.replace(/:(\d+)$/, ":1"), "https://evil.example"]) {
      for (const call of [
        () => request.post("/api/session", { form: { password: E2E_PASSWORD, next: "/" }, headers: { Origin: origin, "X-Forwarded-For": ip }, maxRedirects: 0 }),
        () => request.delete("/api/session", { headers: { Origin: origin, "X-Forwarded-For": ip } }),
      ]) {
        const response = await call();
        expect(response.status(), origin).toBe(403);
        expect(response.headers()["set-cookie"], origin).toBeUndefined();
      }
    }
    const crossSiteFetch = await request.post("/api/session", { form: { password: E2E_PASSWORD, next: "/" }, headers: { "Sec-Fetch-Site": "cross-site", "X-Forwarded-For": ip }, maxRedirects: 0 });
    expect(crossSiteFetch.status()).toBe(403);
    // The browser's own form post names this origin; scripts send no Origin and get JSON.
    const own = await request.post("/api/session", { form: { password: E2E_PASSWORD, next: "/" }, headers: { Origin: AUTH_APP_URL, "X-Forwarded-For": ip }, maxRedirects: 0 });
    expect(own.status()).toBe(303);

    const json = await request.post("/api/session", { data: { password: E2E_PASSWORD }, headers: { "X-Forwarded-For": ip } });
    expect(json.status()).toBe(200);
    expect(json.headers()["set-cookie"]).toMatch(/luma_session=.*HttpOnly.*SameSite=Lax/i);
    const wrong = await request.post("/api/session", { data: { password: "nope" }, headers: { "X-Forwarded-For": ip } });
    expect(wrong.status()).toBe(401);
  });

  test("the Continue link of a signed-in visitor never leaves the origin", async ({ request }) => {
    for (const next of ["/.//evil.example", "/%2e//evil.example", "//evil.example", "/\\evil.example"]) {
      const html = await (await request.get(`/sign-in?next=${encodeURIComponent(next)}`, { headers: basicAuth(E2E_PASSWORD) })).text();
      const href = /<a[^>]*href="([^"]*)"[^>]*>Continue/.exec(html)?.[1];
      expect(href, next).toBe("/");
    }
  });

  test("a cookie signed for another password or expired is refused", async ({ request }) => {
    const response = await request.get(`/api/tasks/${COMPLETED}`, {
      headers: { Cookie: "luma_session=v1.1000.AAAAAAAAAAAAAAAA.zDznPyNZ5d0iWxiKcBN04jaVmC2AEgXOa1syrq8t-HI", "X-Forwarded-For": uniqueClientIp() },
    });
    expect(response.status()).toBe(401);
  });
});
