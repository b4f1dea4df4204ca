import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_KEY, E2E_TIMEOUT_MS } from "./env";
import { createTasks, resetSim, setFault } from "./sim";
import type { FaultMode } from "../../simulator/server";

// Upstream faults end to end: the simulator misbehaves, the app answers with a clear
// {"error": {code, message}} and the right status, and recovers by itself afterwards.
// Each test uses fresh task ids so the app's cache of finished tasks cannot hide the fault.

/** Fresh finished-later tasks, so the app's cache of finished tasks cannot hide a fault. */
async function freshIds(n = 1): Promise<string[]> {
  return createTasks(Array.from({ length: n }, (_, i) => ({ prompt: `fault probe ${i}` })));
}

async function lookUp(request: APIRequestContext, ids: string[]) {
  const started = Date.now();
  const response = await request.post("/api/tasks", { data: { ids } });
  const text = await response.text();
  expect(text, "no response ever contains the key").not.toContain(E2E_KEY);
  return { response, body: JSON.parse(text) as Record<string, unknown>, ms: Date.now() - started };
}

function expectError(body: Record<string, unknown>, code: string, message: RegExp) {
  const error = body.error as { code: string; message: string };
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
}

test.beforeEach(async () => {
  await resetSim();
});

// Always leave the simulator healthy for the next spec, whatever happened here.
test.afterEach(async () => {
  await resetSim();
});

test("429 once, with Retry-After – the app waits as asked, retries, and succeeds", async ({ request }) => {
  const ids = await freshIds();
  await setFault({ mode: "429", count: 1, retryAfter: 1 });
  const { response, body, ms } = await lookUp(request, ids);
  expect(response.status()).toBe(200);
  expect((body.tasks as Array<{ id: string }>).map((t) => t.id)).toEqual(ids);
  expect(ms, "Retry-After: 1 was honoured").toBeGreaterThanOrEqual(900);
});

test("429 persistently – 429 rate_limited with Retry-After after bounded retries, then recovery", async ({ request }) => {
  const ids = await freshIds();
  await setFault({ mode: "429", retryAfter: 1 });
  const { response, body, ms } = await lookUp(request, ids);
  expect(response.status()).toBe(429);
  expect(Number(response.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expectError(body, "rate_limited", /rate limit/i);
  expect(ms).toBeLessThan(15_000);

  await setFault({ mode: "none" });
  expect((await lookUp(request, ids)).response.status()).toBe(200);
});

test("500 once – recovered by the retry", async ({ request }) => {
  const ids = await freshIds();
  await setFault({ mode: "500", count: 1 });
  const { response } = await lookUp(request, ids);
  expect(response.status()).toBe(200);
});

// Table-driven: persistent faults and what the app must say about them.
const PERSISTENT: Array<{ mode: FaultMode; status: number; code: string; message: RegExp }> = [
  { mode: "500", status: 502, code: "bad_gateway", message: /gateway answered with HTTP 500/i },
  { mode: "malformed", status: 502, code: "bad_gateway", message: /malformed JSON/i },
  { mode: "html", status: 502, code: "bad_gateway", message: /HTML error page/i },
  { mode: "unexpected", status: 502, code: "bad_gateway", message: /unexpected shape/i },
  { mode: "401", status: 502, code: "bad_gateway", message: /rejected the API key/i },
];

for (const fault of PERSISTENT) {
  test(`POST /api/tasks – upstream ${fault.mode} → ${fault.status} ${fault.code}, then recovers`, async ({ request }) => {
    const ids = await freshIds();
    await setFault({ mode: fault.mode });
    const { response, body } = await lookUp(request, ids);
    expect(response.status()).toBe(fault.status);
    expect(response.headers()["content-type"]).toContain("application/json");
    expectError(body, fault.code, fault.message);

    // The single-task route says the same.
    const single = await request.get(`/api/tasks/${ids[0]}`);
    expect(single.status()).toBe(fault.status);
    expect(await single.text()).not.toContain(E2E_KEY);

    await setFault({ mode: "none" });
    const healed = await lookUp(request, ids);
    expect(healed.response.status()).toBe(200);
    expect((healed.body.tasks as unknown[]).length).toBe(1);
  });
}

test("hang – 504 gateway_timeout within the timeout, then recovers", async ({ request }) => {
  const ids = await freshIds();
  await setFault({ mode: "hang" });
  const { response, body, ms } = await lookUp(request, ids);
  expect(response.status()).toBe(504);
  expectError(body, "gateway_timeout", /did not answer within/i);
  expect(ms).toBeGreaterThanOrEqual(E2E_TIMEOUT_MS - 200);
  expect(ms).toBeLessThan(E2E_TIMEOUT_MS + 4000);

  await setFault({ mode: "none" });
  expect((await lookUp(request, ids)).response.status()).toBe(200);
});
