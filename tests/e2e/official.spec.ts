import { expect, test } from "@playwright/test";
import { OFFICIAL_APP_URL } from "./env";
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
