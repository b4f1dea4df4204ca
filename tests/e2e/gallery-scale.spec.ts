import { expect, test } from "@playwright/test";
import { createTasks, resetSim, seedLibrary } from "./sim";

test.afterEach(async () => {
  await resetSim();
});

test("1,000 tasks: rows are virtualized, requests chunked at 100 ids, the last card reachable", async ({ page }) => {
  test.setTimeout(120_000);
  const start = Date.now();
  // Explicit, distinct creation times: newest first puts them in exactly this order.
  const ids = await createTasks(
    Array.from({ length: 1000 }, (_, i) => ({ pendingMs: 0, processingMs: 0, prompt: `scale task ${i}`, createdAt: start - i * 60_000 })),
  );
  await seedLibrary(page, ids);
  const batchSizes: number[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/tasks") {
      batchSizes.push((JSON.parse(request.postData() ?? "{}") as { ids: string[] }).ids.length);
    }
  });

  await page.goto("/");
  await expect(page.locator(`[data-task-id="${ids[0]}"]`)).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Completed 1000" })).toBeVisible({ timeout: 30_000 });

  // Every id was asked for, in requests of at most 100.
  expect(batchSizes.length).toBeGreaterThanOrEqual(10);
  expect(batchSizes.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(1000);
  expect(Math.max(...batchSizes)).toBeLessThanOrEqual(100);
  const cards = await page.locator("[data-task-id]").count();
  const elements = await page.evaluate(() => document.querySelectorAll("*").length);
  console.log(`1,000 tasks: ${cards} cards and ${elements} elements in the DOM; ${batchSizes.length} batched requests`);
  expect(cards).toBeGreaterThan(0);
  expect(cards).toBeLessThan(300);
  expect(elements).toBeLessThan(1_400);

  const last = page.locator(`[data-task-id="${ids[999]}"]`);
  // Scroll step by step like a person would, until the virtualizer has rendered the last row.
  for (let i = 0; i < 200 && !(await last.isVisible()); i++) {
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(50);
  }
  await expect(last).toBeVisible();
  await expect(last).toContainText("scale task 999");
  await expect(last).toBeInViewport();
  expect(await page.locator("[data-task-id]").count()).toBeLessThan(300);
});
