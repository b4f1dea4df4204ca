import { expect, test, type Locator } from "@playwright/test";
import { createTasks, resetSim, seedLibrary } from "./sim";

/** Whether any part of the element is on screen (rendered-but-overscanned rows are not). */
const onScreen = (locator: Locator) =>
  locator.evaluateAll((els) => els.some((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }));

test.afterEach(async () => {
  await resetSim();
});

test("1,000 tasks: rows are virtualized, streamed through one registered watch, the last card reachable", async ({ page }) => {
  test.setTimeout(120_000);
  const start = Date.now();
  // Explicit, distinct creation times: newest first puts them in exactly this order.
  const ids = await createTasks(
    Array.from({ length: 1000 }, (_, i) => ({ pendingMs: 0, processingMs: 0, prompt: `scale task ${i}`, createdAt: start - i * 60_000 })),
  );
  await seedLibrary(page, ids);
  const watched: number[] = [];
  let polls = 0;
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (request.method() === "POST" && path === "/api/watches") watched.push((JSON.parse(request.postData() ?? "{}") as { ids: string[] }).ids.length);
    if (request.method() === "POST" && path === "/api/tasks") polls += 1;
  });

  await page.goto("/");
  await expect(page.locator(`[data-task-id="${ids[0]}"]`)).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Completed 1000" })).toBeVisible({ timeout: 30_000 });

  // Too many ids for a URL: registered once, then streamed; nothing polled.
  expect(watched).toEqual([1000]);
  expect(polls).toBe(0);
  const cards = await page.locator("[data-task-id]").count();
  const elements = await page.evaluate(() => document.querySelectorAll("*").length);
  console.log(`1,000 tasks: ${cards} cards and ${elements} elements in the DOM`);
  expect(cards).toBeGreaterThan(0);
  expect(cards).toBeLessThan(300);
  expect(elements).toBeLessThan(1_400);

  const last = page.locator(`[data-task-id="${ids[999]}"]`);
  // Scroll step by step like a person would, until the virtualizer has rendered the last row.
  for (let i = 0; i < 200 && !(await onScreen(last)); i++) {
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(50);
  }
  await expect(last).toBeVisible();
  await expect(last).toContainText("scale task 999");
  await expect(last).toBeInViewport();
  expect(await page.locator("[data-task-id]").count()).toBeLessThan(300);
});

test("1,000 looked-up ids: the same virtualized grid, DOM under 1,400 elements, no Show more, the last card reachable", async ({ page }) => {
  test.setTimeout(120_000);
  const ids = await createTasks(Array.from({ length: 1000 }, (_, i) => ({ pendingMs: 0, processingMs: 0, prompt: `lookup scale ${i}`, aspectRatio: i % 3 === 0 ? "9:16" : "16:9" })));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/lookup");
  await page.getByLabel("Task IDs").fill(ids.join("\n"));
  await page.getByRole("button", { name: "Look up", exact: true }).click();
  await expect(page.getByText("1,000 found")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("grid", { name: "Lookup results" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Show .* more/ })).toHaveCount(0);

  const elements = await page.evaluate(() => document.querySelectorAll("*").length);
  const cards = await page.locator("[data-task-id]").count();
  console.log(`lookup of 1,000 ids: ${cards} cards and ${elements} elements in the DOM`);
  expect(elements).toBeLessThan(1_400);

  const last = page.locator(`[data-task-id="${ids[999]}"]`);
  for (let i = 0; i < 200 && !(await onScreen(last)); i++) {
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(50);
  }
  await expect(last).toContainText("lookup scale 999");
  await expect(last).toBeInViewport();
  await expect(last.getByRole("button", { name: "Add to gallery" })).toBeVisible();
  expect(await page.evaluate(() => document.querySelectorAll("*").length)).toBeLessThan(1_400);
});
