import { expect, test } from "@playwright/test";
import { DEMO_IDS } from "../simulator/demo-set";

// The first thing a newcomer sees: the demo tasks as cards, answered by the simulator.
test("the gallery shows the simulator's demo tasks", async ({ page }) => {
  await page.goto(`/?ids=${DEMO_IDS.join(",")}`);
  const cards = page.locator("[data-task-id]");
  await expect(cards).toHaveCount(DEMO_IDS.length);
  await expect(page.locator('[data-task-id][data-state="completed"]').first()).toBeVisible();
  await expect(page.locator('[data-state="loading"]')).toHaveCount(0);
  await expect(page.locator('[data-task-id="4665a07c-7641-4809-a133-10786201bb56"]')).toContainText("cat dance");
});
