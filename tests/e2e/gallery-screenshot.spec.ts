import { expect, test } from "@playwright/test";
import { DEMO_IDS } from "../../simulator/demo-set";
import { createTasks, resetSim } from "./sim";

test.afterEach(async () => {
  await resetSim();
});

// The README's picture of the gallery: the simulator's demo set plus a task that is still queued
// and one that is generating, so every state shows.
test("screenshot of the demo gallery for the README (docs/gallery.jpg)", async ({ page }) => {
  const live = await createTasks([
    { pendingMs: 120_000, processingMs: 60_000, prompt: "an astronaut tending a greenhouse on Mars, wide shot", aspectRatio: "16:9" },
    { pendingMs: 0, processingMs: 120_000, prompt: "ink drops blooming in water, macro, slow motion", aspectRatio: "1:1" },
  ]);
  await page.setViewportSize({ width: 1440, height: 1000 });
  // A share link of the set: the e2e library holds every other spec's tasks too.
  await page.goto(`/?ids=${[...live, ...DEMO_IDS].join(",")}`);
  await expect(page.locator(`[data-task-id="${live[1]}"]`)).toHaveAttribute("data-state", "processing");
  await expect(page.locator("[data-state=loading]")).toHaveCount(0);
  // Every thumbnail on screen has arrived and finished fading in.
  await expect
    .poll(() => page.locator("[data-task-id] img").evaluateAll((imgs) => imgs.length > 0 && imgs.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)))
    .toBe(true);
  await page.waitForTimeout(500);
  // Written into docs/ only when asked (`UPDATE_DOCS=1 npm run test:e2e`), so a test run leaves
  // the work tree clean; otherwise it lands with the other test output.
  const path = process.env.UPDATE_DOCS === "1" ? "docs/gallery.jpg" : test.info().outputPath("gallery.jpg");
  await page.screenshot({ path, type: "jpeg", quality: 80 });
});
