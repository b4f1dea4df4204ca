import { expect, test } from "@playwright/test";
import { addToLibrary, createTasks, done, resetSim, uniqueWord } from "./sim";
import { stylesheetCopies } from "./stylesheet-copies";

test.afterEach(async () => {
  await resetSim();
});

// The inlined stylesheet is the largest part of every page's HTML: once to paint with and once in
// the RSC payload (Next's documented cost of inlining), not a third time for the global-error boundary.
test("every page carries its stylesheet twice, not three times", async ({ request }) => {
  for (const path of ["/", "/lookup", "/no-such-page"]) {
    const html = await (await request.get(path)).text();
    expect(stylesheetCopies(html), path).toBe(2);
  }
});

// The first ICU formatter a page builds (number or date) is a long task on a slow phone, and the
// gallery's cards would build one in hydration for nothing but "3 s".
test("the gallery loads and hydrates without building an ICU number or date formatter", async ({ page }) => {
  const word = uniqueWord();
  const ids = await createTasks(Array.from({ length: 6 }, (_, i) => done({ prompt: `${word} formatter ${i}` })));
  await addToLibrary(ids, word);
  await page.addInitScript(() => {
    const built: string[] = [];
    (window as unknown as { __icuBuilt: string[] }).__icuBuilt = built;
    for (const name of ["NumberFormat", "DateTimeFormat", "RelativeTimeFormat"] as const) {
      const Original = Intl[name] as unknown as new (...args: unknown[]) => object;
      const Counting = function (...args: unknown[]) {
        built.push(name);
        return new Original(...args);
      };
      Counting.prototype = Original.prototype;
      Object.defineProperty(Intl, name, { value: Counting, configurable: true, writable: true });
    }
  });
  await page.goto(`/?q=${word}`);
  const card = page.locator(`[data-layout="rows"] [data-task-id="${ids[0]}"]`);
  await expect(card).toBeVisible();
  await expect(card).toContainText("3 s");
  expect(await page.evaluate(() => (window as unknown as { __icuBuilt: string[] }).__icuBuilt)).toEqual([]);
});
