import { expect, test, type Locator, type Page } from "@playwright/test";
import { addToLibrary, createTasks, resetSim, uniqueWord } from "./sim";

test.afterEach(async () => {
  await resetSim();
});

/** Holds every script of the page until the returned function is called, so the test types into the server's HTML. */
async function holdScripts(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/**/*.js", async (route) => {
    await released;
    await route.fallback();
  });
  return release;
}

/** Resolves once React has hydrated the element (it then carries React's fiber). */
async function hydrated(field: Locator) {
  await expect.poll(() => field.evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactFiber")))).toBe(true);
}

test("ids pasted into the gallery's box before the page hydrates are kept and counted", async ({ page }) => {
  const [id] = await createTasks([{ pendingMs: 0, processingMs: 0, prompt: "pasted early" }]);
  const release = await holdScripts(page);
  await page.goto("/", { waitUntil: "commit" });
  const box = page.getByLabel("Task ids to add");
  await box.fill(`made by a script: ${id}`);
  release();
  await expect(page.getByRole("button", { name: "Add to gallery (1)" })).toBeEnabled();
  await expect(box).toHaveValue(`made by a script: ${id}`);
});

test("ids pasted into the lookup box before the page hydrates are looked up", async ({ page }) => {
  const [id] = await createTasks([{ pendingMs: 0, processingMs: 0, prompt: "looked up early" }]);
  const release = await holdScripts(page);
  await page.goto("/lookup", { waitUntil: "commit" });
  const box = page.getByLabel("Task IDs");
  await box.fill(`log: ${id}`);
  release();
  await hydrated(box);
  await page.getByRole("button", { name: "Look up", exact: true }).click();
  await expect(page.locator(`[data-task-id="${id}"]`)).toBeVisible();
});

test("words typed into the gallery's search before the page hydrates are searched for", async ({ page }) => {
  const word = uniqueWord();
  const ids = await createTasks([{ pendingMs: 0, processingMs: 0, prompt: `${word} in the library` }]);
  await addToLibrary(ids, word);
  const release = await holdScripts(page);
  await page.goto("/", { waitUntil: "commit" });
  const search = page.getByRole("searchbox", { name: "Search prompts" });
  await search.fill(`${word} early`);
  release();
  await hydrated(search);
  await search.press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]q=${word}(\\+|%20)early`));
});
