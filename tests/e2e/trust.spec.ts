import net from "node:net";
import { expect, test } from "@playwright/test";
import { DEMO_IDS } from "../../simulator/demo-set";
import { simCalls, unknownId } from "./sim";
import { STRICT_APP_PORT, STRICT_APP_URL, STRICT_BODY_TIMEOUT_MS, STRICT_RATE_LIMIT } from "./env";

// The trust boundaries of a bare `npm start` (TRUST_PROXY=0, no PUBLIC_URL): the fourth server.
// With TRUST_PROXY=0 every client is one, so this file's tests share one budget of
// STRICT_RATE_LIMIT a minute: they run in order, and only the last one spends it all.
test.describe.configure({ mode: "serial" });
test.use({ baseURL: STRICT_APP_URL });

const COMPLETED = DEMO_IDS[4]!;

/** Gateway calls that asked for any of these ids. */
async function gatewayCallsFor(ids: readonly string[]): Promise<number> {
  const { log } = await simCalls();
  return log.filter((entry) => entry.ids.some((id) => ids.includes(id))).length;
}

test("a body trickled in a byte at a time is cut off with 408 at the deadline", async () => {
  // A raw socket: the declared body never arrives in full, one byte every 400 ms.
  const socket = net.connect(STRICT_APP_PORT, "127.0.0.1");
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  let answer = "";
  socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  socket.write(`POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1:${STRICT_APP_PORT}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n{`);
  const started = Date.now();
  const drip = setInterval(() => socket.writable && socket.write(" "), 400);
  try {
    await expect.poll(() => answer, { timeout: STRICT_BODY_TIMEOUT_MS + 8000 }).toMatch(/^HTTP\/1\.1 \d{3}/);
  } finally {
    clearInterval(drip);
    socket.end();
  }
  const took = Date.now() - started;
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
  expect(answer).toContain("request_timeout");
  expect(took).toBeGreaterThanOrEqual(STRICT_BODY_TIMEOUT_MS - 100);
  expect(took).toBeLessThan(STRICT_BODY_TIMEOUT_MS + 5000);
  socket.destroy();
  await closed;
});

test("X-Forwarded-Host never reaches canonical or og links without a trusted proxy, nor a Host that is not a plain host", async ({ request }) => {
  const cases: Array<Record<string, string>> = [
    { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" },
    { "X-Forwarded-Host": "evil.example, 127.0.0.1" },
    { Host: "a@evil.example:8080" },
  ];
  for (const headers of cases) {
    const html = await (await request.get(`/tasks/${COMPLETED}`, { headers })).text();
    expect(html, JSON.stringify(headers)).not.toContain("evil.example");
    if (!headers.Host) {
      expect(html).toContain(`<link rel="canonical" href="${STRICT_APP_URL}/tasks/${COMPLETED}"/>`);
      expect(html).toContain(`<meta property="og:video" content="${STRICT_APP_URL}/api/tasks/${COMPLETED}/video?inline=1"/>`);
    }
  }
});

test("TRUST_PROXY=0: X-Forwarded-For buys no fresh budget, and task pages then stop reaching the gateway", async ({ request }) => {
  // A missing id asked for by ten page loads costs the gateway one call: "not found" is remembered.
  const missing = unknownId();
  for (let i = 0; i < 10; i++) expect((await request.get(`/tasks/${missing}`)).status()).toBe(404);
  expect(await gatewayCallsFor([missing])).toBe(1);

  // Spend the one shared budget, naming a different client each time: all the same client.
  const statuses: number[] = [];
  for (let i = 0; i < STRICT_RATE_LIMIT + 5; i++) {
    statuses.push((await request.get(`/api/tasks/not-an-id`, { headers: { "X-Forwarded-For": `203.0.113.${i}` } })).status());
  }
  expect(statuses.at(-1)).toBe(429);
  expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);

  // Over budget: new task pages say so instead of asking the gateway.
  const fresh = [unknownId(), unknownId(), unknownId()];
  for (const id of fresh) {
    const response = await request.get(`/tasks/${id}`, { headers: { "X-Forwarded-For": "198.51.100.99" } });
    expect(await response.text()).toMatch(/Too many requests/);
  }
  expect(await gatewayCallsFor(fresh)).toBe(0);
  // Nor does a lookup link's server render answer its ids: the page goes out without them.
  const linked = [unknownId(), unknownId()];
  const lookup = await request.get(`/lookup?ids=${linked.join(",")}`, { headers: { "X-Forwarded-For": "198.51.100.99" } });
  expect(lookup.status()).toBe(200);
  expect(await lookup.text()).toContain(`data-task-id="${linked[0]}"`);
  expect(await gatewayCallsFor(linked)).toBe(0);
});
