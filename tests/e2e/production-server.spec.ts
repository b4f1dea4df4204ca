import { expect, test } from "@playwright/test";
import { API_HEADERS } from "../../lib/api/security-headers.mjs";
import { AUTH_APP_URL, basicAuth, E2E_PASSWORD, uniqueClientIp } from "./env";
import { createTasks, done, resetCalls, resetSim, simCalls } from "./sim";

// `npm start` (server.ts) answers POST /api/tasks itself and leaves everything else to Next. The
// two are separate bundles in one process: these checks hold only if they really share the
// process's cache and rate limits, and answer with the same headers.

test.afterEach(async () => {
  await resetSim();
});

const upstreamCalls = async () => {
  const calls = await simCalls();
  return calls.batch + calls.single;
};

test("POST /api/tasks is answered by the custom server, not through Next's router", async ({ request }) => {
  const [id] = await createTasks([done()]);
  const direct = await request.post("/api/tasks", { data: { ids: [id] } });
  expect(direct.status()).toBe(200);
  // Next adds its RSC Vary to everything it routes; the direct route only varies by encoding.
  expect(direct.headers().vary ?? "").not.toMatch(/rsc/i);
  const routed = await request.get(`/api/tasks/${id}`);
  expect(routed.headers().vary ?? "").toMatch(/rsc/i);
});

test("both ways in carry the same security headers", async ({ request }) => {
  const [id] = await createTasks([done()]);
  const direct = (await request.post("/api/tasks", { data: { ids: [id] } })).headers();
  const routed = (await request.get(`/api/tasks/${id}`)).headers();
  for (const { key, value } of API_HEADERS) {
    expect(direct[key.toLowerCase()], key).toBe(value);
    expect(routed[key.toLowerCase()], key).toBe(value);
  }
  expect(direct["x-powered-by"]).toBeUndefined();
  expect(direct["cache-control"]).toBe(routed["cache-control"]);
});

test("one cache: a task read through the direct route costs Next's routes and pages no upstream call", async ({ request }) => {
  const [id] = await createTasks([done({ prompt: "a heron in the reeds" })]);
  await resetCalls();
  expect((await request.post("/api/tasks", { data: { ids: [id] } })).status()).toBe(200);
  expect(await upstreamCalls()).toBe(1);
  expect((await request.get(`/api/tasks/${id}`)).status()).toBe(200);
  const page = await request.get(`/tasks/${id}`);
  expect(await page.text()).toContain("a heron in the reeds");
  expect(await upstreamCalls()).toBe(1);
});

test("gzips the answer for clients that take it", async ({ request }) => {
  const ids = await createTasks(Array.from({ length: 5 }, () => done()));
  const response = await request.post("/api/tasks", { data: { ids }, headers: { "Accept-Encoding": "gzip" } });
  expect(response.headers()["content-encoding"]).toBe("gzip");
  expect((await response.json()).tasks).toHaveLength(5);
});

test("one rate limit per client: budget spent on the direct route counts on Next's routes (RATE_LIMIT_PER_MINUTE=120)", async ({ request }) => {
  const [id] = await createTasks([done()]);
  const me = { ...basicAuth(E2E_PASSWORD), "X-Forwarded-For": uniqueClientIp() };
  let spent = 0;
  for (; spent < 200; spent++) {
    const response = await request.post(`${AUTH_APP_URL}/api/tasks`, { data: { ids: [id] }, headers: me });
    if (response.status() === 429) break;
    expect(response.status()).toBe(200);
  }
  expect(spent).toBeGreaterThanOrEqual(120);
  const routed = await request.get(`${AUTH_APP_URL}/api/tasks/${id}`, { headers: me });
  expect(routed.status()).toBe(429);
  expect((await routed.json()).error.code).toBe("rate_limited");
});
