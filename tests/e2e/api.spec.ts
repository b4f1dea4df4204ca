import { expect, test } from "@playwright/test";
import { E2E_KEY } from "./env";
import { createTasks, done, resetSim, setBatchRoute, setShape, simCalls } from "./sim";

const SEED_ID = "4665a07c-7641-4809-a133-10786201bb56";
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

test.afterEach(async () => {
  await resetSim();
});

test("POST /api/tasks – answers tasks and notFound, lower-cased and deduplicated", async ({ request }) => {
  const [id] = await createTasks([done({ prompt: "a lighthouse in a storm", aspectRatio: "9:16" })]);
  const response = await request.post("/api/tasks", { data: { ids: [id!.toUpperCase(), id, UNKNOWN] } });
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  const body = await response.json();
  expect(body.notFound).toEqual([UNKNOWN]);
  expect(body.tasks).toHaveLength(1);
  expect(body.tasks[0]).toMatchObject({ id, state: "completed", prompt: "a lighthouse in a storm", aspectRatio: "9:16" });
  expect(body.tasks[0].palette).toHaveLength(25);
  expect(body.tasks[0].video.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\/video\//);
});

const badBodies: { name: string; body: string; contentType?: string; status: number; message: RegExp }[] = [
  { name: "not JSON", body: "{ids: [", status: 400, message: /not valid JSON/ },
  { name: "empty body", body: "", status: 400, message: /empty/ },
  { name: "an array instead of an object", body: "[]", status: 400, message: /JSON object/ },
  { name: "ids not an array", body: '{"ids": "x"}', status: 400, message: /array/ },
  { name: "no ids", body: "{}", status: 400, message: /array/ },
  { name: "empty ids", body: '{"ids": []}', status: 400, message: /empty/ },
  { name: "101 ids", body: JSON.stringify({ ids: Array(101).fill(SEED_ID) }), status: 400, message: /at most 100/ },
  { name: "a malformed id", body: JSON.stringify({ ids: [SEED_ID, "cat-dance"] }), status: 400, message: /"cat-dance" is not a task id/ },
  { name: "a number as id", body: '{"ids": [7]}', status: 400, message: /"7" is not a task id/ },
  { name: "a body over 64 KB", body: JSON.stringify({ ids: [SEED_ID], pad: "x".repeat(70_000) }), status: 413, message: /larger than 64 KB/ },
  { name: "a form post", body: "ids=1", contentType: "application/x-www-form-urlencoded", status: 415, message: /JSON/ },
];

for (const row of badBodies) {
  test(`POST /api/tasks – rejects ${row.name} with ${row.status}`, async ({ request }) => {
    const response = await request.post("/api/tasks", {
      data: Buffer.from(row.body),
      headers: { "content-type": row.contentType ?? "application/json" },
    });
    expect(response.status()).toBe(row.status);
    const body = await response.json();
    expect(body.error.code).toEqual(expect.any(String));
    expect(body.error.message).toMatch(row.message);
  });
}

test("GET /api/tasks/{id} – 200 for a known task in any case, 404 unknown, 400 malformed", async ({ request }) => {
  const [id] = await createTasks([done()]);
  const ok = await request.get(`/api/tasks/${id!.toUpperCase()}`);
  expect(ok.status()).toBe(200);
  expect((await ok.json()).id).toBe(id);

  const missing = await request.get(`/api/tasks/${UNKNOWN}`);
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("not_found");

  for (const bad of ["nope", "4665a07c", `${SEED_ID}x`, "%E0%A4%A"]) {
    const response = await request.get(`/api/tasks/${bad}`);
    expect(response.status(), bad).toBe(400);
    expect((await response.json()).error.message).toMatch(/not a task id|Task ids are UUIDs/);
  }
  // The thumbnail route too: broken percent-encoding is answered by the proxy, the rest by the route.
  for (const bad of ["%E0%A4%A", "nope"]) {
    const response = await request.get(`/api/tasks/${bad}/thumbnail?w=256`);
    expect(response.status(), bad).toBe(400);
  }
  expect((await request.get(`/api/tasks/${UNKNOWN}/thumbnail?w=256`)).status()).toBe(404);
});

test("GET /api/tasks/{id}?refresh=1 – skips the cache of finished tasks", async ({ request }) => {
  const [id] = await createTasks([done()]);
  await request.get(`/api/tasks/${id}`);
  const before = (await simCalls()).total;
  await request.get(`/api/tasks/${id}`);
  expect((await simCalls()).total).toBe(before);
  const refreshed = await request.get(`/api/tasks/${id}?refresh=1`);
  expect(refreshed.status()).toBe(200);
  expect((await simCalls()).total).toBe(before + 1);
});

test("GET /api/tasks/{id}/video – streams the file as an attachment with a readable name", async ({ request }) => {
  const [id] = await createTasks([done({ prompt: "Paper boat, at dusk!", emptyDownloadUrl: true })]);
  const response = await request.get(`/api/tasks/${id}/video`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^video\//);
  expect(response.headers()["content-disposition"]).toContain(`filename="paper-boat-at-dusk-${id!.slice(0, 8)}.mp4"`);
  const bytes = await response.body();
  expect(bytes.length).toBeGreaterThan(1000);
  expect(bytes.subarray(4, 8).toString()).toBe("ftyp");
});

test("GET /api/tasks/{id}/video – 409 while the task runs, 404 unknown, 400 malformed", async ({ request }) => {
  const [running] = await createTasks([{ pendingMs: 60_000, processingMs: 60_000 }]);
  expect((await request.get(`/api/tasks/${running}/video`)).status()).toBe(409);
  expect((await request.get(`/api/tasks/${UNKNOWN}/video`)).status()).toBe(404);
  expect((await request.get(`/api/tasks/nope/video`)).status()).toBe(400);
});

for (const shape of ["envelope", "official"] as const) {
  test(`POST /api/tasks – reads the ${shape} shape the same way`, async ({ request }) => {
    await setShape(shape);
    const [finished, running, failed] = await createTasks([
      done({ prompt: `${shape} finished` }),
      { prompt: `${shape} running`, pendingMs: 0, processingMs: 60_000 },
      done({ outcome: "failed", failureReason: "Prompt flagged by content moderation" }),
    ]);
    const body = await (await request.post("/api/tasks", { data: { ids: [finished, running, failed, UNKNOWN] } })).json();
    const byId = Object.fromEntries(body.tasks.map((t: { id: string }) => [t.id, t]));
    expect(byId[finished!]).toMatchObject({ state: "completed", prompt: `${shape} finished` });
    expect(byId[finished!].video.url).toMatch(/^http/);
    expect(byId[finished!].thumbnail.url).toMatch(/^http/);
    expect(byId[running!]).toMatchObject({ state: "processing", video: null });
    expect(byId[failed!]).toMatchObject({ state: "failed", failureReason: "Prompt flagged by content moderation" });
    expect(body.notFound).toEqual([UNKNOWN]);
  });
}

test("POST /api/tasks – asks the gateway for at most 50 ids a call", async ({ request }) => {
  const ids = await createTasks(Array.from({ length: 100 }, () => done()));
  const response = await request.post("/api/tasks", { data: { ids } });
  expect((await response.json()).tasks).toHaveLength(100);
  const batches = (await simCalls()).log.filter((c) => c.route === "batch");
  expect(batches.length).toBeGreaterThanOrEqual(2);
  for (const call of batches) expect(call.ids.length).toBeLessThanOrEqual(50);
});

test("POST /api/tasks – falls back to single GETs when the gateway has no batch route", async ({ request }) => {
  await setBatchRoute(false);
  const ids = await createTasks([done(), done()]);
  const unknown = crypto.randomUUID();
  const body = await (await request.post("/api/tasks", { data: { ids: [...ids, unknown] } })).json();
  expect(body.tasks.map((t: { id: string }) => t.id).sort()).toEqual([...ids].sort());
  expect(body.notFound).toEqual([unknown]);
  const calls = await simCalls();
  expect(calls.single).toBeGreaterThanOrEqual(3);
});

test("no API answer, good or bad, contains the gateway key", async ({ request }) => {
  const [id] = await createTasks([done()]);
  const answers = await Promise.all([
    request.post("/api/tasks", { data: { ids: [id] } }),
    request.post("/api/tasks", { data: "{" }),
    request.get(`/api/tasks/${id}`),
    request.get(`/api/tasks/${UNKNOWN}`),
    request.get("/api/health"),
  ]);
  for (const answer of answers) expect(await answer.text()).not.toContain(E2E_KEY);
});

test("GET /api/tasks/{id}/thumbnail – redirects to the task's current thumbnail; 404 before there is one", async ({ request }) => {
  const [finished, running] = await createTasks([done(), { pendingMs: 60_000, processingMs: 60_000 }]);
  const response = await request.get(`/api/tasks/${finished}/thumbnail`, { maxRedirects: 0 });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toMatch(new RegExp(`/media/thumb/${finished}\\.jpg\\?expires=\\d+$`));
  const image = await request.get(`/api/tasks/${finished}/thumbnail`);
  expect(image.headers()["content-type"]).toBe("image/jpeg");

  const early = await request.get(`/api/tasks/${running}/thumbnail`, { maxRedirects: 0 });
  expect(early.status()).toBe(404);
  expect((await early.json()).error.message).toMatch(/no thumbnail yet/);
  expect((await request.get("/api/tasks/nope/thumbnail")).status()).toBe(400);
});

test("GET /api/tasks/{id}/video?inline=1 – plays inline and passes Range on, so players can seek", async ({ request }) => {
  const [id] = await createTasks([done({ prompt: "seekable" })]);
  const whole = await request.get(`/api/tasks/${id}/video?inline=1`);
  expect(whole.status()).toBe(200);
  expect(whole.headers()["content-disposition"]).toMatch(/^inline;/);
  const size = (await whole.body()).length;

  const part = await request.get(`/api/tasks/${id}/video?inline=1`, { headers: { Range: "bytes=0-99" } });
  expect(part.status()).toBe(206);
  expect(part.headers()["content-range"]).toBe(`bytes 0-99/${size}`);
  expect((await part.body()).length).toBe(100);
});

test("GET /api/tasks/{id}/video?inline=1 – still works after the gateway's media URL expired", async ({ request }) => {
  const [id] = await createTasks([done({ mediaTtlMs: 1000 })]);
  expect((await request.get(`/api/tasks/${id}/video?inline=1`)).status()).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const later = await request.get(`/api/tasks/${id}/video?inline=1`);
  expect(later.status()).toBe(200);
  expect((await later.body()).subarray(4, 8).toString()).toBe("ftyp");
});
