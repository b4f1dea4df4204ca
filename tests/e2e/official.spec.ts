import { expect, test } from "@playwright/test";
import { APP_URL, OFFICIAL_APP_URL } from "./env";
import { createTasks, done, resetSim, setFault, simCalls, unknownId } from "./sim";

// LUMA_PROVIDER=official: the same build reads Luma's own API (the simulator's
// /dream-machine/v1), one GET per id, with the same views and errors as through a gateway.
test.use({ baseURL: OFFICIAL_APP_URL });

test.afterEach(async () => {
  await resetSim();
});

test("official provider – a task page plays the video Luma's API gives, read with single GETs", async ({ page }) => {
  const [id] = await createTasks([done({ prompt: "a kite over a windy beach, official API", aspectRatio: "4:3" })]);
  await page.goto(`/tasks/${id}`);
  const view = page.locator(`[data-task-id="${id}"]`).first();
  await expect(view).toHaveAttribute("data-state", "completed");
  await expect(page.getByText("a kite over a windy beach, official API").first()).toBeVisible();
  const video = page.locator("video").first();
  await expect(video).toBeVisible();
  await expect.poll(() => video.evaluate((v) => (v as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(1);
  const calls = await simCalls();
  expect(calls.batch).toBe(0);
  expect(calls.log.some((c) => c.route === "single" && c.ids.includes(id!))).toBe(true);
});

test("official provider – POST /api/tasks reads many ids, unknown ones not found, states mapped", async ({ request }) => {
  const [completed, queued, dreaming] = await createTasks([done(), { pendingMs: 60_000 }, { pendingMs: 0, processingMs: 60_000 }]);
  const unknown = unknownId();
  const response = await request.post("/api/tasks", { data: { ids: [completed, queued, dreaming, unknown] } });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { tasks: Array<{ id: string; state: string; model: string | null }>; notFound: string[] };
  const state = (id: string) => body.tasks.find((t) => t.id === id)?.state;
  expect([state(completed!), state(queued!), state(dreaming!)]).toEqual(["completed", "pending", "processing"]);
  expect(body.tasks.every((t) => t.model === "ray-2")).toBe(true);
  expect(body.notFound).toEqual([unknown]);
});

test("official provider – Luma's errors become the same clear upstream errors", async ({ request }) => {
  const [id] = await createTasks([done()]);
  await setFault({ mode: "401" });
  const refused = await request.get(`/api/tasks/${id}`);
  expect(refused.status()).toBe(502);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/rejected the API key/);
  await setFault({ mode: "none" });
  expect((await request.get(`/api/tasks/${id}`)).status()).toBe(200);
});

interface LibraryAnswer {
  items: Array<{ id: string; source: string; status: string; task: { state: string } | null }>;
  counts: { all: number };
}

test("official provider – the account is listed into the library at start, and Sync brings new generations in", async ({ request }) => {
  // The simulator's account: the demo set and 300 older generations.
  const library = async () => (await (await request.get("/api/library?limit=50")).json()) as LibraryAnswer;
  await expect.poll(async () => (await library()).counts.all, { timeout: 30_000 }).toBeGreaterThanOrEqual(316);
  const listed = await library();
  expect(listed.items.every((item) => item.source === "provider" || item.source === "webhook")).toBe(true);
  // Stored from the listing itself: found at once, no second read per id.
  expect(listed.items.filter((item) => item.source === "provider").every((item) => item.status === "found" && item.task !== null)).toBe(true);

  const [fresh] = await createTasks([done({ prompt: "a newly made generation, synced" })]);
  const sync = await request.post("/api/library/sync");
  expect(sync.status()).toBe(200);
  expect(((await sync.json()) as { added: number }).added).toBeGreaterThanOrEqual(1);
  const item = (await library()).items.find((i) => i.id === fresh);
  expect(item).toMatchObject({ source: "provider", status: "found", task: { state: "completed" } });
});

test("official provider – the gallery's Sync lists new generations in now and says when it last synced", async ({ page }) => {
  await page.goto("/");
  const sync = page.locator("[data-account-sync]");
  const button = sync.getByRole("button", { name: "Sync" });
  await expect(button).toBeVisible();
  const status = sync.locator("[data-sync-status]");
  const [fresh] = await createTasks([done({ prompt: "made a moment ago, brought in by Sync" })]);
  const before = await status.locator("time").getAttribute("datetime").catch(() => null);

  await button.click();
  await expect(status).toContainText(/\d+ new generations?/);
  await expect(button).toBeEnabled();
  const after = await status.locator("time").getAttribute("datetime");
  expect(after).not.toBeNull();
  if (before) expect(Date.parse(after!)).toBeGreaterThan(Date.parse(before));
  // Newest first: the generation made just now is at the top of the gallery.
  await expect(page.locator(`[data-task-id="${fresh}"]`)).toHaveAttribute("data-state", "completed");

  // The time is kept in the database: a reload still says it.
  await page.reload();
  await expect(sync.locator("[data-sync-status] time")).toHaveAttribute("datetime", after!);
});

test("the gallery has no Sync with a gateway (callbacks bring tasks in instead)", async ({ page }) => {
  await page.goto(`${APP_URL}/`);
  await expect(page.getByRole("heading", { name: "Gallery" })).toBeVisible();
  await expect(page.locator("[data-account-sync]")).toHaveCount(0);
});

test("POST /api/library/sync – 409 with a gateway, which calls back instead", async ({ request }) => {
  const response = await request.post(`${APP_URL}/api/library/sync`);
  expect(response.status()).toBe(409);
  expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/LUMA_PROVIDER=official/);
});
