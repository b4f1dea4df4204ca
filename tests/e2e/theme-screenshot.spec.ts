import { expect, test } from "@playwright/test";
import { DEMO_IDS } from "../../simulator/demo-set";
import { createTasks, resetSim } from "./sim";

test.afterEach(async () => {
  await resetSim();
});

// The README's pictures of the light theme and of the Chinese interface: the demo set as a share
// link (the same grid as the gallery), with one task still generating.
for (const { name, colorScheme, locale } of [
  { name: "gallery-light", colorScheme: "light" as const, locale: "en-US" },
  { name: "gallery-zh", colorScheme: "dark" as const, locale: "zh-CN" },
]) {
  test(`screenshot for the README (docs/${name}.jpg)`, async ({ browser }) => {
    // The browser's locale sets Accept-Language, which picks the page's language.
    const context = await browser.newContext({ colorScheme, locale, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const [running] = await createTasks([{ pendingMs: 0, processingMs: 120_000, prompt: "ink drops blooming in water, macro, slow motion", aspectRatio: "1:1" }]);
    await page.goto(`/?ids=${[running, ...DEMO_IDS].join(",")}`);
    await expect(page.locator(`[data-task-id="${running}"]`).first()).toHaveAttribute("data-state", "processing");
    await expect(page.locator("[data-state=loading]")).toHaveCount(0);
    await expect
      .poll(() => page.locator("[data-task-id] img").evaluateAll((imgs) => imgs.length > 0 && imgs.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)))
      .toBe(true);
    await expect(page.locator("html")).toHaveAttribute("lang", locale === "zh-CN" ? "zh-CN" : "en");
    await page.waitForTimeout(500);
    const path = process.env.UPDATE_DOCS === "1" ? `docs/${name}.jpg` : test.info().outputPath(`${name}.jpg`);
    await page.screenshot({ path, type: "jpeg", quality: 80 });
    await context.close();
  });
}
