import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type BrowserContext, type Page, type Request } from "@playwright/test";
import { APP_PORT, E2E_WEBHOOK_SECRET } from "./env";
import { createTasks, resetSim, setFault } from "./sim";

// Live updates (SPEC §3, §7): the server pushes, tabs share one stream, and a browser that cannot
// stream polls instead.

const card = (page: Page, id: string) => page.locator(`[data-task-id="${id}"]`);
const isStream = (url: string) => new URL(url).pathname === "/api/events";
const isPoll = (method: string, url: string) => method === "POST" && new URL(url).pathname === "/api/tasks";

test.afterEach(async () => {
  await resetSim();
});

/** Streams of a browser context's open pages that are open right now (started, not yet ended). */
function openStreams(context: BrowserContext): () => number {
  const open = new Set<Request>();
  context.on("request", (request) => {
    if (isStream(request.url())) open.add(request);
  });
  context.on("requestfinished", (request) => open.delete(request));
  context.on("requestfailed", (request) => open.delete(request));
  // A closed page's requests end with it, whether or not an event says so.
  return () => [...open].filter((request) => !request.frame().page().isClosed()).length;
}

test("eight tabs of one browser share one stream, and another tab takes over when its holder closes", async ({ context }) => {
  test.setTimeout(120_000);
  // Long enough to be still running once the eighth tab has loaded, on a busy machine too.
  const ids = await createTasks(Array.from({ length: 8 }, (_, i) => ({ pendingMs: 0, processingMs: 30_000 + i * 300, prompt: `tab task ${i}` })));
  const streams = openStreams(context);
  let polls = 0;
  context.on("request", (request) => {
    if (isPoll(request.method(), request.url())) polls += 1;
  });

  const pages: Page[] = [];
  for (const id of ids) {
    const page = await context.newPage();
    await page.goto(`/?ids=${id}`);
    await expect(card(page, id)).toHaveAttribute("data-state", "processing");
    pages.push(page);
  }
  // Over HTTP/1.1 a browser has 6 connections per host: eight streams would starve the eighth tab.
  expect(streams()).toBe(1);

  // Whichever tab holds the stream, closing the first three leaves the others live.
  for (const page of pages.splice(0, 3)) await page.close();
  for (const [i, page] of pages.entries()) {
    await expect(card(page, ids[i + 3]!)).toHaveAttribute("data-state", "completed", { timeout: 40_000 });
  }
  expect(streams()).toBeLessThanOrEqual(1);
  expect(polls).toBe(0);
});

test("a running task's page closes its stream once the task finishes, and a finished task's page opens none", async ({ context }) => {
  const [running, finished] = await createTasks([
    { pendingMs: 0, processingMs: 4_000, prompt: "settles soon" },
    { pendingMs: 0, processingMs: 0, prompt: "settled already" },
  ]);
  const streams = openStreams(context);
  let opened = 0;
  context.on("request", (request) => {
    if (isStream(request.url())) opened += 1;
  });
  const page = await context.newPage();
  await page.goto(`/tasks/${running}`);
  await expect.poll(streams).toBe(1);
  await expect(card(page, running!)).toHaveAttribute("data-state", "completed", { timeout: 20_000 });
  await expect.poll(streams).toBe(0);

  opened = 0;
  await page.goto(`/tasks/${finished}`);
  await expect(card(page, finished!)).toHaveAttribute("data-state", "completed");
  // The running page opened its stream well within this.
  await page.waitForTimeout(2_000);
  expect(opened).toBe(0);
});

/** A reverse proxy that holds every answer until it is complete: an SSE stream never gets through. */
async function startBufferingProxy(targetPort: number): Promise<Server> {
  const server = createServer((req, res) => {
    const upstream = httpRequest({ host: "127.0.0.1", port: targetPort, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => {
        const headers = { ...answer.headers };
        delete headers["transfer-encoding"];
        res.writeHead(answer.statusCode ?? 502, { ...headers, "content-length": Buffer.concat(chunks).length });
        res.end(Buffer.concat(chunks));
      });
    });
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
    res.on("close", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

test("behind a proxy that buffers the stream, the view falls back to polling quietly and still goes live", async ({ page }) => {
  const proxy = await startBufferingProxy(APP_PORT);
  try {
    const [id] = await createTasks([{ pendingMs: 0, processingMs: 9_000, prompt: "behind a buffering proxy" }]);
    let polls = 0;
    page.on("request", (request) => {
      if (isPoll(request.method(), request.url())) polls += 1;
    });
    const base = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    await page.goto(`${base}/?ids=${id}`);
    await expect(card(page, id!)).toHaveAttribute("data-state", "completed", { timeout: 25_000 });
    expect(polls).toBeGreaterThan(0);
    // Nothing alarming: a fallback is not an outage.
    await expect(page.getByRole("alert").filter({ hasText: /gateway|server/i })).toHaveCount(0);
  } finally {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
  }
});

test("a browser without EventSource polls as before", async ({ page }) => {
  await page.addInitScript(() => {
    // @ts-expect-error: an older browser, or one where a policy removed it
    delete window.EventSource;
  });
  const [id] = await createTasks([{ pendingMs: 0, processingMs: 3_000, prompt: "no EventSource" }]);
  let polls = 0;
  page.on("request", (request) => {
    if (isPoll(request.method(), request.url())) polls += 1;
  });
  await page.goto(`/?ids=${id}`);
  await expect(card(page, id!)).toHaveAttribute("data-state", "completed", { timeout: 15_000 });
  expect(polls).toBeGreaterThan(1);
});

test("GET /api/events – the current state at once, then each change once, with headers proxies respect", async ({ request, baseURL }) => {
  const [id] = await createTasks([{ pendingMs: 0, processingMs: 2_000, prompt: "streamed" }]);
  const controller = new AbortController();
  const response = await fetch(`${baseURL}/api/events?ids=${id}`, { signal: controller.signal });
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
  expect(response.headers.get("x-accel-buffering")).toBe("no");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  const reader = response.body!.getReader();
  let text = "";
  const deadline = Date.now() + 10_000;
  while (!/"state":"completed"/.test(text) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  controller.abort();
  expect(text).toMatch(/^retry: \d+\n/);
  const states = [...text.matchAll(/"state":"(\w+)"/g)].map((m) => m[1]);
  // The first state, then the change: each pushed once, not once per read.
  expect(states).toEqual(["processing", "completed"]);
  expect(text).toContain("event: ready");

  const bad = await request.get(`/api/events?ids=not-a-uuid`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toContain("not-a-uuid");
  expect((await request.get(`/api/events`)).status()).toBe(400);
  expect((await request.get(`/api/events?watch=00000000-0000-4000-8000-000000000000`)).status()).toBe(404);
});

/** Reads a stream until `done(text)` or `ms` pass; → what came. */
async function readStream(url: string, done: (text: string) => boolean, ms: number): Promise<string> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  let text = "";
  const deadline = Date.now() + ms;
  while (!done(text) && Date.now() < deadline) {
    const timeout = new Promise<{ value: undefined; done: true }>((r) => setTimeout(() => r({ value: undefined, done: true }), Math.max(0, deadline - Date.now())));
    const { value, done: ended } = await Promise.race([reader.read(), timeout]);
    if (ended) break;
    text += new TextDecoder().decode(value);
  }
  controller.abort();
  return text;
}

const addedIds = (text: string) => [...text.matchAll(/event: added\ndata: (.*)\n/g)].flatMap((m) => (JSON.parse(m[1]!) as { ids: string[] }).ids);

test("GET /api/events?library=1&since= – a stream that replaces another starts with the ids added in between", async ({ baseURL }) => {
  // A gallery reopens its stream whenever its cards change: an id added in between must not be missed.
  const first = await readStream(`${baseURL}/api/events?library=1`, (text) => text.includes("event: hello"), 5_000);
  const since = (JSON.parse(/event: hello\ndata: (.*)\n/.exec(first)![1]!) as { at: number }).at;
  expect(since).toBeGreaterThan(0);

  const [id] = await createTasks([{ pendingMs: 0, processingMs: 0, prompt: "added between two streams" }]);
  const answer = await fetch(`${baseURL}/api/hooks/luma/${E2E_WEBHOOK_SECRET}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ id }) });
  expect(answer.status).toBe(202);

  const resumed = await readStream(`${baseURL}/api/events?library=1&since=${since}`, (text) => addedIds(text).includes(id!), 5_000);
  expect(addedIds(resumed)).toContain(id);
  // A first stream (no `since`) starts without old news: the page it serves was read just now.
  const fresh = await readStream(`${baseURL}/api/events?library=1`, (text) => text.includes("event: ready"), 5_000);
  expect(addedIds(fresh)).not.toContain(id);
  expect((await fetch(`${baseURL}/api/events?library=1&since=yesterday`)).status).toBe(400);
});

test("a thumbnail that still fails after its refresh says so quietly, over the palette", async ({ page }) => {
  // Every media URL the simulator hands out is dead at once, the refreshed one too.
  const [id] = await createTasks([{ pendingMs: 0, processingMs: 0, prompt: "dead thumbnail", mediaTtlMs: 1 }]);
  const refreshes: string[] = [];
  const given = new Set<string>();
  page.on("request", (request) => {
    const url = request.url();
    if (url.includes(`/api/tasks/${id}?refresh=1`)) refreshes.push(url);
    // The media host's own URL, which the card falls back to once the resized one fails.
    if (url.includes(`/media/thumb/${id}`)) given.add(url);
  });
  await page.goto(`/?ids=${id}`);
  await expect(card(page, id!)).toHaveAttribute("data-state", "completed");
  await expect(card(page, id!).getByText("Thumbnail unavailable")).toBeVisible({ timeout: 15_000 });
  await expect(card(page, id!).locator('[data-placeholder="palette"]')).toBeVisible();
  const asked = refreshes.length;
  // One refresh per URL the card was given. Each upstream read hands out new URLs (all dead here),
  // so how many the card meets depends on timing; a second refresh of the same URL never happens.
  expect(asked).toBeGreaterThanOrEqual(1);
  expect(asked).toBeLessThanOrEqual(given.size);
  // And it stops there: no refresh loop once it has said so.
  await page.waitForTimeout(2_000);
  expect(refreshes.length).toBe(asked);
});

test("an outage met when the page loads clears within an interval of the gateway's recovery", async ({ page }) => {
  const [finished, running] = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: "finished before the reload" },
    { pendingMs: 0, processingMs: 120_000, prompt: "running through the reload" },
  ]);
  await page.goto(`/?ids=${finished},${running}`);
  await expect(card(page, running!)).toHaveAttribute("data-state", "processing");
  await setFault("500");
  await page.reload();
  const alert = page.getByRole("alert").filter({ hasText: "gateway" });
  await expect(alert).toBeVisible({ timeout: 15_000 });
  // Both cards show what the server last knew.
  await expect(card(page, finished!)).toHaveAttribute("data-state", "completed");
  await expect(card(page, running!)).toHaveAttribute("data-state", "processing");
  await setFault("none");
  await expect(alert).toHaveCount(0, { timeout: 4_000 });
});
