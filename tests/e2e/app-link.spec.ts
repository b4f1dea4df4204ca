import { expect, test } from "@playwright/test";

// The app's own links (components/common/app-link.tsx): followed by the app router, not by a reload.

test("a header link goes to its page without reloading, and prefetches it when pointed at", async ({ page }) => {
  await page.goto("/lookup");
  await page.evaluate(() => Object.assign(window, { keptAcrossNavigation: true }));
  const nav = page.getByRole("navigation", { name: "Main" });

  const prefetch = page.waitForRequest((request) => new URL(request.url()).pathname === "/" && request.headers()["rsc"] === "1");
  await nav.getByRole("link", { name: "Gallery", exact: true }).hover();
  await prefetch;

  await nav.getByRole("link", { name: "Gallery", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Gallery", level: 1 })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Gallery", exact: true })).toHaveAttribute("aria-current", "page");
  expect(await page.evaluate(() => "keptAcrossNavigation" in window)).toBe(true);

  await page.goBack();
  await expect(page).toHaveURL(/\/lookup$/);
  expect(await page.evaluate(() => "keptAcrossNavigation" in window)).toBe(true);
});

test("a modified click is left to the browser: Ctrl+click opens the page in a new tab", async ({ page, context }) => {
  await page.goto("/lookup");
  const opened = context.waitForEvent("page");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Gallery", exact: true }).click({ modifiers: ["Control"] });
  const tab = await opened;
  await tab.waitForLoadState();
  expect(new URL(tab.url()).pathname).toBe("/");
  await expect(page).toHaveURL(/\/lookup$/);
});
