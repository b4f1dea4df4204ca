import { expect, test, type Locator } from "@playwright/test";
import { addToLibrary, createTasks, resetSim, uniqueWord } from "./sim";

/** Whether any part of the element is on screen (rendered-but-overscanned rows are not). */
const onScreen = (locator: Locator) =>
  locator.evaluateAll((els) => els.some((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }));

test.afterEach(async () => {
  await resetSim();
});

test("300 library tasks: the first page is rendered on the server, infinite scroll pages through the database to the last card", async ({ page }) => {
  test.setTimeout(120_000);
  const start = Date.now();
  const word = uniqueWord();
  // Explicit, distinct creation times: newest first puts them in exactly this order.
  const ids = await createTasks(
    Array.from({ length: 300 }, (_, i) => ({ pendingMs: 0, processingMs: 0, prompt: `${word} scale task ${i}`, createdAt: start - i * 60_000 })),
  );
  await addToLibrary(ids, word);
  const pages: string[] = [];
  let polls = 0;
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (request.method() === "GET" && url.pathname === "/api/library") pages.push(url.search);
    if (request.method() === "POST" && url.pathname === "/api/tasks") polls += 1;
  });

  const response = await page.goto(`/?q=${word}`);
  // The first page is in the HTML itself (the grid lays it out once it knows its width); the next is not.
  const html = await response!.text();
  expect(html).toMatch(new RegExp(`${word} scale task 59(?!\\d)`));
  expect(html).not.toMatch(new RegExp(`${word} scale task 60(?!\\d)`));
  await expect(page.locator(`[data-task-id="${ids[0]}"]`)).toHaveAttribute("data-state", "completed");
  await expect(page.getByRole("button", { name: "All 300" })).toBeVisible();
  expect(pages).toEqual([]);

  const last = page.locator(`[data-task-id="${ids[299]}"]`);
  // Scroll step by step like a person would, until the last page has come and its row is rendered.
  for (let i = 0; i < 300 && !(await onScreen(last)); i++) {
    await page.mouse.wheel(0, 3000);
    await page.waitForTimeout(50);
  }
  await expect(last).toBeVisible();
  await expect(last).toContainText(`${word} scale task 299`);
  await expect(last).toBeInViewport();
  console.log(`300 library tasks: ${pages.length} more pages read while scrolling`);
  // 60 a page: four more pages after the server's, each asked once, with the cursor of the one before.
  const paged = pages.filter((search) => new URLSearchParams(search).get("cursor"));
  expect(paged).toHaveLength(4);
  expect(new Set(paged).size).toBe(4);
  expect(polls).toBe(0);
  const cards = await page.locator("[data-task-id]").count();
  expect(cards).toBeLessThan(300);
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
