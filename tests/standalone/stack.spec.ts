import { expect, test } from "@playwright/test";
import { createTasks, done, resetCalls, resetSim, simCalls } from "../e2e/sim";
import { INSTANCE_A_URL, INSTANCE_B_URL, PROXY_URL, STANDALONE_RATE_LIMIT } from "./env";
import { expectSecurityHeaders, getFrom, openPage } from "./checks";

// compose.yaml's layout without Docker: Caddy (the project's Caddyfile) in front of two standalone
// instances that share one PostgreSQL server and one Redis, each with TRUST_PROXY=1.

test.use({ baseURL: PROXY_URL });

test.afterEach(async () => {
  await resetSim();
});

test("pages and the API answer through the proxy, with the app's headers", async ({ page, request }) => {
  const [id] = await createTasks([done({ prompt: "through the proxy" })]);
  await openPage(page, "/");
  await openPage(page, `/tasks/${id}`);
  await expect(page.locator(`[data-task-id="${id}"]`)).toHaveAttribute("data-state", "completed");
  const answer = await request.post("/api/tasks", { data: { ids: [id] } });
  expect(answer.status()).toBe(200);
  expectSecurityHeaders(answer.headers(), "POST /api/tasks via proxy");
});

test("absolute links name the proxy's origin, which Caddy forwards", async ({ request }) => {
  const [id] = await createTasks([done({ prompt: "canonical behind caddy" })]);
  const html = await (await request.get(`/tasks/${id}`)).text();
  expect(html).toContain(`<link rel="canonical" href="${PROXY_URL}/tasks/${id}"/>`);
});

test("the event stream passes through the proxy unbuffered: a task's change arrives while it is open", async () => {
  const [id] = await createTasks([{ prompt: "streamed through caddy", pendingMs: 0, processingMs: 4_000 }]);
  // Ends the read however the stream behaves, so a failure says what arrived instead of hanging.
  const response = await fetch(`${PROXY_URL}/api/events?ids=${id}`, { signal: AbortSignal.timeout(40_000) });
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const states: string[] = [];
  try {
    while (!states.includes("completed")) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      for (const match of value.matchAll(/"state":"(\w+)"/g)) states.push(match[1]!);
    }
  } catch {
    // the timeout: judged below
  } finally {
    await reader.cancel().catch(() => {});
  }
  // A state at connect, then the change pushed later through the same open response.
  expect(states.length, states.join(" → ")).toBeGreaterThanOrEqual(2);
  expect(states.at(-1), states.join(" → ")).toBe("completed");
});

test("GET /api/ready answers 200 through the proxy and on each instance", async ({ request }) => {
  for (const origin of [PROXY_URL, INSTANCE_A_URL, INSTANCE_B_URL]) {
    const ready = await request.get(`${origin}/api/ready`);
    expect(ready.status(), origin).toBe(200);
    expect(await ready.json(), origin).toEqual({
      ready: true,
      checks: [
        { name: "database", ok: true },
        { name: "redis", ok: true },
      ],
    });
  }
});

test("the client address Caddy forwards is believed, and one a client makes up is not", async ({}, testInfo) => {
  // Fresh addresses on a retry: the budgets of the first attempt's clients are spent.
  const client = `127.0.0.${2 + 2 * testInfo.retry}`;
  const other = `127.0.0.${3 + 2 * testInfo.retry}`;
  const url = `${PROXY_URL}/api/tasks/not-an-id`;
  // Every request claims another forwarded address. Believed, each would be a new client that is
  // never limited; Caddy replaces the claim with the address it sees, so they share one budget.
  // Round robin over two instances, each counting on its own (until rate limits move to Redis)
  // and refilling a token a second: sending until four answers in a row are 429 exhausts both.
  const statuses: number[] = [];
  while (statuses.length < 6 * STANDALONE_RATE_LIMIT && statuses.slice(-4).join() !== "429,429,429,429") {
    const claimed = `203.0.113.${(statuses.length % 250) + 1}`;
    statuses.push((await getFrom(client, url, { "X-Forwarded-For": claimed, "X-Real-IP": claimed })).status);
  }
  expect(statuses.slice(0, STANDALONE_RATE_LIMIT)).not.toContain(429);
  expect(statuses.slice(-4)).toEqual([429, 429, 429, 429]);

  // The address Caddy saw is believed: another one is another client, with its own budget.
  expect((await getFrom(other, url)).status).toBe(400);
});

test("the second instance serves the same tasks from the Redis cache the first filled", async ({ request }) => {
  // The app gives Redis 250 ms before it carries on without it (and then leaves it alone a while),
  // so on a busy machine one read can miss the shared cache. Separate caches never share at all:
  // one read of B that costs no gateway call in a few tries proves the sharing.
  const sharedReads: boolean[] = [];
  for (let attempt = 0; attempt < 5 && !sharedReads.includes(true); attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 1_500));
    const [id] = await createTasks([done({ prompt: `shared through redis ${attempt}` })]);
    await resetCalls();
    const first = await request.get(`${INSTANCE_A_URL}/api/tasks/${id}`);
    expect(first.status()).toBe(200);
    expect((await simCalls()).total).toBe(1);
    const second = await request.get(`${INSTANCE_B_URL}/api/tasks/${id}`);
    expect(second.status()).toBe(200);
    expect(await second.json()).toEqual(await first.json());
    sharedReads.push((await simCalls()).total === 1);
  }
  expect(sharedReads, "instance B read a task from Redis, not from the gateway").toContain(true);
});

test("both instances keep one library in the shared PostgreSQL", async ({ request }) => {
  const [id] = await createTasks([done({ prompt: "one library for the fleet" })]);
  const added = await request.post(`${INSTANCE_A_URL}/api/library`, { data: { ids: [id] } });
  expect(added.status()).toBe(200);
  expect(await added.json()).toEqual({ added: 1, existing: 0 });
  // The same id again, through the other instance, is already there.
  const again = await request.post(`${INSTANCE_B_URL}/api/library`, { data: { ids: [id] } });
  expect(await again.json()).toEqual({ added: 0, existing: 1 });
  // Read back from B (and through the proxy): B's background reader or A's has filled it in.
  for (const origin of [INSTANCE_B_URL, PROXY_URL]) {
    await expect
      .poll(async () => {
        const page = (await (await request.get(`${origin}/api/library?limit=50`)).json()) as { items: { id: string; status: string }[] };
        return page.items.find((item) => item.id === id)?.status;
      }, { message: origin })
      .toBe("found");
  }
  expect((await request.delete(`${INSTANCE_B_URL}/api/library/${id}`)).status()).toBe(204);
});
