import { expect, test, type APIRequestContext } from "@playwright/test";
import { AUTH_APP_URL, E2E_PASSWORD, E2E_WEBHOOK_SECRET, basicAuth } from "./env";
import { createTasks, done, resetCalls, resetSim, setFault, simCalls, unknownId } from "./sim";

// The library API against the real app (embedded database in a fresh DATA_DIR) and the simulator.
// The library is shared by every test of the run: each test works with ids of its own.

test.afterEach(async () => {
  await resetSim();
});

interface Item {
  id: string;
  addedAt: string;
  source: string;
  favorite: boolean;
  status: "unread" | "found" | "not_found";
  task: { id: string; state: string; prompt: string | null } | null;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
  counts: Record<string, number>;
}

async function library(request: APIRequestContext, query: Record<string, string> = {}): Promise<Page> {
  const response = await request.get(`/api/library?${new URLSearchParams(query)}`);
  expect(response.status(), await response.text()).toBe(200);
  return response.json() as Promise<Page>;
}

/** Distinct prompt words per test, so `q=` scopes a test's view of the shared library. */
const tag = () => `tag${Math.random().toString(36).slice(2, 10)}`;

test("POST /api/library – adds ids, reads them in the background, and adding again is harmless", async ({ request }) => {
  const word = tag();
  const [first, second] = await createTasks([done({ prompt: `${word} first`, createdAt: "2026-01-01T00:00:00Z" }), done({ prompt: `${word} second`, createdAt: "2026-01-02T00:00:00Z" })]);
  const missing = unknownId();
  const added = await request.post("/api/library", { data: { ids: [first!.toUpperCase(), second, missing], source: "paste" } });
  expect(added.status()).toBe(200);
  expect(await added.json()).toEqual({ added: 3, existing: 0 });
  const again = await request.post("/api/library", { data: { ids: [first, second] } });
  expect(await again.json()).toEqual({ added: 0, existing: 2 });

  await expect.poll(async () => (await library(request, { q: word })).items.map((i) => i.id), { timeout: 15_000 }).toEqual([second, first]);
  const page = await library(request, { q: word });
  expect(page.items[0]).toMatchObject({ id: second, source: "paste", favorite: false, status: "found", task: { id: second, state: "completed", prompt: `${word} second` } });
  expect(page.counts).toEqual({ all: 2, pending: 0, processing: 0, completed: 2, failed: 0, unread: 0, notFound: 0 });
  const notFound = await library(request, { state: "not_found", limit: "200" });
  expect(notFound.items.find((i) => i.id === missing)).toMatchObject({ status: "not_found", task: null });
});

const badAdds: { name: string; body: unknown; message: RegExp }[] = [
  { name: "a malformed id", body: { ids: ["4665a07c-7641-4809-a133-10786201bb56", "cat-dance"] }, message: /"cat-dance" is not a task id/ },
  { name: "no ids", body: { ids: [] }, message: /empty/ },
  { name: "5,001 ids", body: { ids: Array.from({ length: 5001 }, () => crypto.randomUUID()) }, message: /at most 5000/ },
  { name: "an unknown source", body: { ids: [crypto.randomUUID()], source: "fax" }, message: /"source" must be one of/ },
];

for (const row of badAdds) {
  test(`POST /api/library – rejects ${row.name} with 400 and stores nothing`, async ({ request }) => {
    const before = (await library(request)).counts.all;
    const response = await request.post("/api/library", { data: row.body });
    expect(response.status()).toBe(400);
    expect((await response.json()).error.message).toMatch(row.message);
    expect((await library(request)).counts.all).toBe(before);
  });
}

test("POST /api/library – 5,000 ids answer within 2 s and are all read within a minute, ≤ 50 a call", async ({ request }) => {
  test.setTimeout(120_000);
  await resetCalls();
  const ids = Array.from({ length: 5000 }, () => crypto.randomUUID());
  const started = Date.now();
  const response = await request.post("/api/library", { data: { ids, source: "import" } });
  const answeredMs = Date.now() - started;
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ added: 5000, existing: 0 });
  expect(answeredMs).toBeLessThan(2000);
  const wanted = new Set(ids);
  await expect
    .poll(
      async () => {
        const calls = await simCalls();
        return new Set(calls.log.flatMap((c) => c.ids).filter((id) => wanted.has(id))).size;
      },
      { timeout: 60_000 - (Date.now() - started), intervals: [2000] },
    )
    .toBe(5000);
  const calls = await simCalls();
  expect(Math.max(...calls.log.map((c) => c.ids.length))).toBeLessThanOrEqual(50);
});

test("GET /api/library – filters, sorts and pages with a cursor in the database", async ({ request }) => {
  const word = tag();
  const specs = Array.from({ length: 5 }, (_, i) => done({ prompt: `${word} ${i}`, createdAt: `2025-0${i + 1}-01T00:00:00Z`, outcome: i === 4 ? "failed" : "completed" }));
  const ids = await createTasks(specs);
  await request.post("/api/library", { data: { ids } });
  // A search matches prompts, so an item shows in it once it has been read.
  await expect.poll(async () => (await library(request, { q: word })).counts.all, { timeout: 15_000 }).toBe(5);

  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await library(request, { q: word, limit: "2", ...(cursor ? { cursor } : {}) });
    seen.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  expect(seen).toEqual([...ids].reverse());
  expect((await library(request, { q: word, sort: "oldest" })).items.map((i) => i.id)).toEqual(ids);
  const failed = await library(request, { q: word, state: "failed" });
  expect(failed.items.map((i) => i.id)).toEqual([ids[4]]);
  expect(failed.counts).toMatchObject({ all: 5, completed: 4, failed: 1 });
  expect((await library(request, { q: `${word} 3` })).items.map((i) => i.id)).toEqual([ids[3]]);
});

for (const [query, message] of [
  ["state=done", /"state" must be one of/],
  ["sort=random", /"sort" must be one of/],
  ["limit=0", /"limit"/],
  ["limit=201", /"limit"/],
  ["cursor=bm9wZQ", /cursor/],
  ["favorite=maybe", /"favorite"/],
] as const) {
  test(`GET /api/library – rejects ${query} with 400`, async ({ request }) => {
    const response = await request.get(`/api/library?${query}`);
    expect(response.status()).toBe(400);
    expect((await response.json()).error.message).toMatch(message);
  });
}

test("PATCH and DELETE /api/library/{id} – favourite, remove, 404 once gone, 400 for a malformed id", async ({ request }) => {
  const [id] = await createTasks([done()]);
  await request.post("/api/library", { data: { ids: [id] } });
  const patched = await request.patch(`/api/library/${id}`, { data: { favorite: true } });
  expect(patched.status()).toBe(200);
  expect(await patched.json()).toMatchObject({ id, favorite: true });
  expect((await library(request, { favorite: "1", limit: "200" })).items.map((i) => i.id)).toContain(id);
  expect((await request.patch(`/api/library/${id}`, { data: { favorite: "yes" } })).status()).toBe(400);
  expect((await request.delete(`/api/library/${id}`)).status()).toBe(204);
  expect((await request.delete(`/api/library/${id}`)).status()).toBe(404);
  expect((await request.patch(`/api/library/${id}`, { data: { favorite: false } })).status()).toBe(404);
  const malformed = await request.delete("/api/library/not-a-task");
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error.message).toMatch(/"not-a-task" is not a task id/);
});

test("POST /api/library/remove – removes many at once; one malformed id or another site's page removes nothing", async ({ request }) => {
  const ids = [unknownId(), unknownId(), unknownId()];
  await request.post("/api/library", { data: { ids } });
  const malformed = await request.post("/api/library/remove", { data: { ids: [ids[0], "not-a-task"] } });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error.message).toMatch(/"not-a-task" is not a task id/);
  expect((await request.post("/api/library/remove", { data: { ids: [] } })).status()).toBe(400);
  const crossSite = await request.post("/api/library/remove", { data: { ids }, headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" } });
  expect(crossSite.status()).toBe(403);
  for (const id of ids) expect((await request.get(`/api/library/${id}`)).status()).toBe(200);

  const removed = await request.post("/api/library/remove", { data: { ids: [ids[0], ids[1]!.toUpperCase(), unknownId()] } });
  expect(removed.status()).toBe(200);
  expect(await removed.json()).toEqual({ removed: 2 });
  expect((await request.get(`/api/library/${ids[0]}`)).status()).toBe(404);
  expect((await request.get(`/api/library/${ids[1]}`)).status()).toBe(404);
  expect((await request.get(`/api/library/${ids[2]}`)).status()).toBe(200);
});

test("POST /api/library/contains – says which ids the library holds, in any case; a malformed id or another site's page is refused", async ({ request }) => {
  const [held, other] = [unknownId(), unknownId()];
  await request.post("/api/library", { data: { ids: [held] } });
  const answer = await request.post("/api/library/contains", { data: { ids: [held.toUpperCase(), other] } });
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toEqual({ ids: [held] });
  const malformed = await request.post("/api/library/contains", { data: { ids: [held, "not-a-task"] } });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error.message).toMatch(/"not-a-task" is not a task id/);
  expect((await request.post("/api/library/contains", { data: { ids: [] } })).status()).toBe(400);
  const crossSite = await request.post("/api/library/contains", { data: { ids: [held] }, headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" } });
  expect(crossSite.status()).toBe(403);
  // Asking adds nothing.
  expect((await request.get(`/api/library/${other}`)).status()).toBe(404);
});

test("collections – create, read in the order given, list, delete (then 404)", async ({ request }) => {
  const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  const created = await request.post("/api/collections", { data: { title: "  Best of May ", ids: [ids[2]!.toUpperCase(), ids[0], ids[1]] } });
  expect(created.status()).toBe(201);
  const { slug, url } = await created.json();
  expect(url).toMatch(new RegExp(`/c/${slug}$`));
  const read = await request.get(`/api/collections/${slug}`);
  expect(await read.json()).toMatchObject({ slug, title: "Best of May", ids: [ids[2], ids[0], ids[1]] });
  const list = await (await request.get("/api/collections")).json();
  expect(list.collections).toContainEqual(expect.objectContaining({ slug, title: "Best of May", count: 3 }));
  expect((await request.delete(`/api/collections/${slug}`)).status()).toBe(204);
  expect((await request.get(`/api/collections/${slug}`)).status()).toBe(404);
  expect((await request.delete(`/api/collections/${slug}`)).status()).toBe(404);
  const bad = await request.post("/api/collections", { data: { title: "x", ids: ["nope"] } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toMatch(/"nope" is not a task id/);
  expect((await request.post("/api/collections", { data: { title: 7, ids } })).status()).toBe(400);
});

const hook = (secret = E2E_WEBHOOK_SECRET) => `/api/hooks/luma/${secret}`;

test("POST /api/hooks/luma/{secret} – every callback shape adds its task (source webhook) and it is read", async ({ request }) => {
  const word = tag();
  const ids = await createTasks(Array.from({ length: 4 }, (_, i) => done({ prompt: `${word} ${i}` })));
  const bodies = [
    { id: ids[0], state: "completed", request: { keyframes: { frame0: { type: "generation", id: crypto.randomUUID() } } } },
    { task_id: ids[1], status: "SUCCESS", data: null },
    { success: true, task_id: ids[2], state: "completed", video_url: "https://evil.example/v.mp4" },
    { timestamp: 1_700_000_000, data: { task_id: ids[3] } },
  ];
  const timings: number[] = [];
  for (const [i, body] of bodies.entries()) {
    const started = Date.now();
    const response = await request.post(hook(), { data: body });
    timings.push(Date.now() - started);
    expect(response.status()).toBe(202);
    expect(await response.json()).toEqual({ accepted: [ids[i]] });
  }
  expect(Math.max(...timings)).toBeLessThan(1000);
  await expect.poll(async () => (await library(request, { q: word })).counts.completed, { timeout: 15_000 }).toBe(4);
  const page = await library(request, { q: word });
  expect(new Set(page.items.map((i) => i.source))).toEqual(new Set(["webhook"]));
  // The keyframe's generation was not taken: only ids at the top level and in `data` count.
  expect(page.counts.all).toBe(4);
});

test("POST /api/hooks/luma/{secret} – answers 202 at once even while the gateway hangs", async ({ request }) => {
  await setFault({ mode: "hang" });
  const id = crypto.randomUUID();
  const started = Date.now();
  const response = await request.post(hook(), { data: { id } });
  expect(response.status()).toBe(202);
  expect(Date.now() - started).toBeLessThan(1000);
});

test("POST /api/hooks/luma/{secret} – a wrong secret is a 404 before the body is read; no id is a 400", async ({ request }) => {
  // A body over the 256 KB cap: a route that read it first would answer 413, not 404.
  const big = JSON.stringify({ id: crypto.randomUUID(), pad: "x".repeat(300 * 1024) });
  for (const secret of ["wrong", `${E2E_WEBHOOK_SECRET}x`, E2E_WEBHOOK_SECRET.slice(0, -1)]) {
    const response = await request.post(hook(secret), { data: big, headers: { "Content-Type": "application/json" } });
    expect(response.status()).toBe(404);
  }
  const tooBig = await request.post(hook(), { data: big, headers: { "Content-Type": "application/json" } });
  expect(tooBig.status()).toBe(413);
  const noId = await request.post(hook(), { data: { data: { request: { id: crypto.randomUUID() } } } });
  expect(noId.status()).toBe(400);
  expect((await noId.json()).error.message).toMatch(/names no task id/);
});

test("POST /api/archive – streams a zip of the finished videos, named like the video route names them", async ({ request }) => {
  const ids = await createTasks([done({ prompt: "Paper boat, drifting!" }), done({ prompt: "cat dance" }), { pendingMs: 60_000 }]);
  const missing = unknownId();
  for (const body of [
    { data: { ids: [...ids, missing] } },
    { form: { ids: [...ids, missing].join(",") } },
  ]) {
    const response = await request.post("/api/archive", body);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/zip");
    expect(response.headers()["content-disposition"]).toContain("luma-videos-4.zip");
    const zip = await response.body();
    expect(zip.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");
    const text = zip.toString("latin1");
    expect(text).toContain(`paper-boat-drifting-${ids[0]!.slice(0, 8)}.mp4`);
    expect(text).toContain(`cat-dance-${ids[1]!.slice(0, 8)}.mp4`);
    expect(text).toContain("NOT-INCLUDED.txt");
    expect(text).toContain(`${missing}: No task ${missing} at the gateway.`);
  }
  expect((await request.post("/api/archive", { data: { ids: Array(501).fill(ids[0]) } })).status()).toBe(400);
  expect((await request.post("/api/archive", { data: { ids: ["x"] } })).status()).toBe(400);
});

test("GET /api/ready – 200 once the database answers", async ({ request }) => {
  const response = await request.get("/api/ready");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ready: true, checks: [{ name: "database", ok: true }] });
});

test("with DASHBOARD_PASSWORD: the library needs it, callbacks need only their secret", async ({ playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: AUTH_APP_URL });
  expect((await anonymous.get("/api/library")).status()).toBe(401);
  expect((await anonymous.post("/api/collections", { data: { ids: [crypto.randomUUID()] } })).status()).toBe(401);
  expect((await anonymous.post("/api/archive", { data: { ids: [crypto.randomUUID()] } })).status()).toBe(401);
  expect((await anonymous.post(hook(), { data: { id: crypto.randomUUID() } })).status()).toBe(202);
  expect((await anonymous.post(hook("wrong"), { data: { id: crypto.randomUUID() } })).status()).toBe(404);
  await expect.poll(async () => (await anonymous.get("/api/ready")).status(), { timeout: 20_000 }).toBe(200);
  const signedIn = await playwright.request.newContext({ baseURL: AUTH_APP_URL, extraHTTPHeaders: basicAuth(E2E_PASSWORD) });
  expect((await signedIn.get("/api/library")).status()).toBe(200);
  await Promise.all([anonymous.dispose(), signedIn.dispose()]);
});
