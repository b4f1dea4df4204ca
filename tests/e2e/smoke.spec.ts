import { expect, test } from "@playwright/test";
import { DEMO_IDS } from "../../simulator/demo-set";
import { clearLibrary } from "./sim";

// The first thing a newcomer sees after `npm run demo`: an empty gallery that offers the demo set.
test("an empty gallery offers the simulator's demo tasks, which then fill it", async ({ page }) => {
  // The e2e servers' library is shared by every spec: this one needs it empty.
  await clearLibrary();
  await page.goto("/");
  await expect(page.getByText("Your gallery is empty")).toBeVisible();
  await page.getByRole("button", { name: `Add the ${DEMO_IDS.length} demo tasks to my gallery` }).click();
  await expect(page.locator('[data-task-id][data-state="completed"]').first()).toBeVisible();
  await expect(page.locator('[data-task-id="4665a07c-7641-4809-a133-10786201bb56"]')).toContainText("cat dance");
  await expect(page.locator('[data-state="loading"]')).toHaveCount(0);

  // The library lasts: a reload shows the same tasks without asking again.
  await page.reload();
  await expect(page.locator('[data-task-id="4665a07c-7641-4809-a133-10786201bb56"]')).toBeVisible();
  await expect(page.getByText("Your gallery is empty")).toHaveCount(0);

  // Every demo task is in: nothing more to offer. The server's HTML already knows it.
  await expect(page.getByRole("button", { name: "Import" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add the demo tasks" })).toHaveCount(0);
  expect(await (await page.request.get("/")).text()).not.toMatch(/>Add the demo tasks<\/button>/);

  // The demo's own callbacks fill a gallery within a minute, so the empty state's offer is gone:
  // while a demo task is missing, the offer stays among the gallery's actions.
  const response = await page.request.delete(`/api/library/${DEMO_IDS[0]}`);
  expect(response.status()).toBe(204);
  expect(await (await page.request.get("/")).text()).toMatch(/>Add the demo tasks<\/button>/);
  await page.reload();
  await page.getByRole("button", { name: "Add the demo tasks" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 1 task." })).toBeVisible();
  // Pressed, it stays under the reader's focus; pressed again, it says there is nothing to add.
  await page.getByRole("button", { name: "Add the demo tasks" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Those tasks are already in the gallery." })).toBeVisible();
});

test("the gallery's actions end with their last button: an empty status line takes no room", async ({ page }) => {
  await page.goto("/");
  const importButton = page.getByRole("button", { name: "Import" });
  const row = importButton.locator("xpath=..");
  const [button, box] = [await importButton.boundingBox(), await row.boundingBox()];
  expect(box!.x + box!.width - (button!.x + button!.width)).toBeLessThan(0.5);
});
