import { expect, test } from "@playwright/test";
import { E2E_KEY } from "../e2e/env";
import { createTasks, done, resetSim } from "../e2e/sim";
import { INSTANCE_A_PORT, INSTANCE_A_URL } from "./env";
import { stylesheetCopies } from "../e2e/stylesheet-copies";
import { expectSecurityHeaders, listenerUid, openPage } from "./checks";

// `node .next/standalone/start.mjs` on its own, as the container image runs it (instance A).

test.afterEach(async () => {
  await resetSim();
});

test("runs as an unprivileged user", () => {
  expect(listenerUid(INSTANCE_A_PORT)).not.toBe(0);
});

test("the pages render with every script and style they load", async ({ page }) => {
  for (const path of ["/", "/lookup"]) await openPage(page, path);
});

test("the standalone server's pages carry their stylesheet twice, not three times", async ({ request }) => {
  const html = await (await request.get(`${INSTANCE_A_URL}/`)).text();
  expect(stylesheetCopies(html)).toBe(2);
});

test("a task page shows a finished task with its player", async ({ page }) => {
  const [id] = await createTasks([done({ prompt: "a lighthouse in a storm, standalone" })]);
  await openPage(page, `/tasks/${id}`);
  const view = page.locator(`[data-task-id="${id}"]`);
  await expect(view).toHaveAttribute("data-state", "completed");
  await expect(view.locator("video")).toHaveCount(1);
  await expect(page).toHaveTitle(/a lighthouse in a storm, standalone/);
});

test("the lookup page works in the browser (its scripts hydrated)", async ({ page }) => {
  const [id] = await createTasks([done({ prompt: "hydrated lookup" })]);
  await openPage(page, "/lookup");
  await page.getByLabel("Task IDs").fill(`see ${id!.toUpperCase()} here`);
  await page.getByRole("button", { name: "Look up", exact: true }).click();
  await expect(page.locator(`[data-task-id="${id}"]`)).toHaveAttribute("data-state", "completed");
});

test("POST /api/tasks answers tasks and not-found ids; GET /api/tasks/{id} too", async ({ request }) => {
  const [id] = await createTasks([done({ prompt: "api through standalone" })]);
  const unknown = "00000000-0000-4000-8000-000000000000";
  const batch = await request.post("/api/tasks", { data: { ids: [id, unknown] } });
  expect(batch.status()).toBe(200);
  const body = (await batch.json()) as { tasks: { id: string; state: string; prompt: string }[]; notFound: string[] };
  expect(body.tasks).toEqual([expect.objectContaining({ id, state: "completed", prompt: "api through standalone" })]);
  expect(body.notFound).toEqual([unknown]);
  expect((await request.get(`/api/tasks/${id}`)).status()).toBe(200);
  expect((await request.get("/api/tasks/not-an-id")).status()).toBe(400);
  expect(JSON.stringify(body)).not.toContain(E2E_KEY);
});

test("pages, API answers and build assets carry the security headers", async ({ request }) => {
  const pageAnswer = await request.get("/");
  expectSecurityHeaders(pageAnswer.headers(), "/");
  for (const path of ["/api/health", "/api/ready", "/api/tasks/not-an-id"]) expectSecurityHeaders((await request.get(path)).headers(), path);
  const asset = /\/_next\/static\/[^"']+\.js/.exec(await pageAnswer.text())?.[0];
  expect(asset).toBeDefined();
  const assetAnswer = await request.get(`${INSTANCE_A_URL}${asset}`);
  expect(assetAnswer.status()).toBe(200);
  expectSecurityHeaders(assetAnswer.headers(), asset!);
});

test("GET /api/ready answers 200 once the database and Redis answer, naming only the services", async ({ request }) => {
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({
    ready: true,
    checks: [
      { name: "database", ok: true },
      { name: "redis", ok: true },
    ],
  });
});
