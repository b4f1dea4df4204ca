import { expect, test, type Browser, type Page } from "@playwright/test";
import { APP_URL } from "./env";
import { addToLibrary, createTasks, done, resetSim, setShape, unknownId, uniqueWord } from "./sim";

// Fit and finish over the views outside the gallery: what a newcomer, a keyboard user and a phone
// see. Real Chromium, the production build, the real simulator.

const card = (page: Page, id: string) => page.locator(`[data-task-id="${id}"]`).first();
const gridVideos = (page: Page) => page.locator('[role="grid"] video');

async function lookUp(page: Page, ids: readonly string[]) {
  await page.getByLabel("Task IDs").fill(ids.join("\n"));
  await page.getByRole("button", { name: "Look up", exact: true }).click();
}

test.afterEach(async () => {
  await resetSim();
});

test("every card opens its task view; a failed one shows its reason and offers to copy the prompt", async ({ page }) => {
  const [failed, running, completed] = await createTasks([
    done({ prompt: "finish: a failed kite", outcome: "failed", failureReason: "Prompt was rejected by the moderation filter" }),
    { prompt: "finish: a slow river", pendingMs: 0, processingMs: 120_000 },
    done({ prompt: "finish: a done lamp" }),
  ]);
  await page.goto(`/lookup?ids=${failed},${running},${completed}`);
  await expect(card(page, failed!)).toHaveAttribute("data-state", "failed");
  // The cards are in the server's HTML before the page's script runs: act once the grid is live.
  await expect(page.locator('[role="grid"][data-layout="rows"]')).toBeAttached();

  for (const [id, name] of [[running, "finish: a slow river"], [completed, "finish: a done lamp"]] as const) {
    await card(page, id!).click();
    await expect(page.getByRole("dialog", { name })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
  }
  await card(page, failed!).click();
  const dialog = page.getByRole("dialog", { name: "finish: a failed kite" });
  await expect(dialog).toContainText("Prompt was rejected by the moderation filter");
  await expect(dialog.getByRole("button", { name: "Copy prompt" })).toBeVisible();
  await expect(dialog.getByRole("link", { name: "Open task page" })).toHaveAttribute("href", `/tasks/${failed}`);
});

test("the page of a failed task is compact: no screen-sized empty box", async ({ page }) => {
  const [failed] = await createTasks([done({ prompt: "finish: failed page", outcome: "failed", failureReason: "Out of credits", aspectRatio: "9:16" })]);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/tasks/${failed}`);
  const view = page.locator(`article[data-task-id="${failed}"]`);
  await expect(view).toHaveAttribute("data-state", "failed");
  await expect(view).toContainText("Out of credits");
  const media = view.locator(":scope > div.grid > :first-child");
  const box = (await media.boundingBox())!;
  console.log(`failed task page: media area ${Math.round(box.width)}×${Math.round(box.height)} px`);
  expect(box.height).toBeLessThan(100);
  // This gateway gives no finish time for a failure: the details say so rather than show a blank.
  await expect(view.locator("dl")).toContainText("FinishedNot given by the gateway");

  // In the player the failure fills a panel where the video would be, not a line in a black box.
  await page.goto(`/?ids=${failed}`);
  await page.locator(`[data-layout="rows"] [data-task-id="${failed}"]`).click();
  const panel = page.getByRole("dialog").locator("[data-failed-media]");
  await expect(panel).toContainText("no video");
  expect((await panel.boundingBox())!.height).toBeGreaterThanOrEqual(160);
});

test("a hover preview plays only while hovered, frees its decoder after, and never starts under a resting pointer", async ({ page }) => {
  const ids = await createTasks(Array.from({ length: 12 }, (_, i) => done({ prompt: `finish hover ${i}`, aspectRatio: "16:9" })));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/lookup");
  // The pointer rests where the cards are about to be laid out; the lookup is started from the keyboard.
  await page.mouse.move(300, 700);
  await page.getByLabel("Task IDs").fill(ids.join("\n"));
  await page.getByLabel("Task IDs").press("Control+Enter");
  await expect(card(page, ids[11]!)).toHaveAttribute("data-state", "completed");
  expect(await page.evaluate(() => document.elementFromPoint(300, 700)?.closest("[data-task-id]") != null)).toBe(true);
  await page.waitForTimeout(1500);
  await expect(gridVideos(page)).toHaveCount(0);

  const target = card(page, ids[0]!);
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3, { steps: 4 });
  await expect(target.locator("video")).toHaveCount(1);
  const video = await target.locator("video").elementHandle();
  await expect.poll(() => video!.evaluate((v: HTMLVideoElement) => !v.paused && v.currentTime > 0), { timeout: 10_000 }).toBe(true);

  await page.mouse.move(5, 5, { steps: 4 });
  await expect(gridVideos(page)).toHaveCount(0);
  // The element left the page with its decoder released: paused, no source, reloaded empty.
  expect(await video!.evaluate((v: HTMLVideoElement) => ({ paused: v.paused, src: v.getAttribute("src"), networkState: v.networkState }))).toEqual({
    paused: true,
    src: null,
    networkState: 0, // NETWORK_EMPTY
  });
});

test("Back from a task page restores the lookup's scroll position", async ({ page }) => {
  const ids = await createTasks(Array.from({ length: 60 }, (_, i) => done({ prompt: `finish scroll ${i}`, aspectRatio: i % 2 ? "16:9" : "1:1" })));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/lookup");
  await lookUp(page, ids);
  await expect(card(page, ids[0]!)).toHaveAttribute("data-state", "completed");
  await page.evaluate(() => window.scrollTo(0, 1100));
  await page.waitForTimeout(300);
  // A card in the middle of the screen, opened through its own link (a client-side navigation).
  const id = await page.evaluate(() => document.elementFromPoint(720, 450)?.closest("[data-task-id]")?.getAttribute("data-task-id"));
  expect(id).toBeTruthy();
  await card(page, id!).getByRole("link", { name: "Open task page" }).click();
  await expect(page).toHaveURL(/\/tasks\//);
  await expect(page.locator("article[data-task-id]")).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/\/lookup\?ids=/);
  await expect.poll(() => page.evaluate(() => Math.round(window.scrollY)), { timeout: 10_000 }).toBeGreaterThan(1090);
  expect(await page.evaluate(() => Math.round(window.scrollY))).toBeLessThan(1110);

  // A full page load there and back (the player's plain link, a typed address): the grid is
  // empty when the browser restores, so the app has to.
  await page.evaluate(() => window.scrollTo(0, 1300));
  await page.waitForTimeout(300);
  await page.goto(`/tasks/${id}`);
  await expect(page.locator("article[data-task-id]")).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/lookup\?ids=/);
  await expect.poll(() => page.evaluate(() => Math.round(window.scrollY)), { timeout: 10_000 }).toBeGreaterThan(1290);
  expect(await page.evaluate(() => Math.round(window.scrollY))).toBeLessThan(1310);
});

test("newcomers: the lookup explains task ids and offers the demo, the demo says so, the nav marks the page", async ({ page }) => {
  await page.goto("/lookup");
  await expect(page.locator("[data-demo-banner]")).toContainText("Demo");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Look up" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Gallery", exact: true })).not.toHaveAttribute("aria-current", /.*/);

  await expect(page.getByRole("heading", { name: "What is a task id?" })).toBeVisible();
  await expect(page.getByText("in the id field of the API's answer")).toBeVisible();
  await page.getByRole("button", { name: "Try it with the demo tasks" }).click();
  await expect(page).toHaveURL(/\/lookup\?ids=/);
  await expect(page.locator('[role="grid"] [data-task-id]').first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "What is a task id?" })).toHaveCount(0);
});

test("one word for each state, one look for Download, on cards, the player and the task page", async ({ page }) => {
  const [running, completed] = await createTasks([{ prompt: "finish: words", pendingMs: 0, processingMs: 120_000 }, done({ prompt: "finish: download" })]);
  await page.goto(`/lookup?ids=${running},${completed}`);
  const badge = card(page, running!).locator("[data-state-badge]");
  await expect(badge).toContainText("Processing");
  const cardWord = (await badge.innerText()).replace(/\s*\d+%$/, "");

  await card(page, completed!).click();
  const playerDownload = await page.getByRole("dialog").getByRole("link", { name: "Download" }).getAttribute("class");

  await page.goto(`/tasks/${running}`);
  const pageBadge = page.locator("article [data-state-badge]");
  await expect(pageBadge).toContainText("Processing");
  expect((await pageBadge.innerText()).replace(/\s*\d+%$/, "")).toBe(cardWord);

  await page.goto(`/tasks/${completed}`);
  expect(await page.locator("article").getByRole("link", { name: "Download" }).getAttribute("class")).toBe(playerDownload);
});

async function createdTime(browser: Browser, url: string, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ baseURL: APP_URL, timezoneId: "Asia/Shanghai", javaScriptEnabled, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  const time = page.locator("dd time").first();
  if (javaScriptEnabled) await expect(time).toHaveAttribute("data-local", "");
  const result = { text: await time.innerText(), height: (await time.boundingBox())!.height, width: (await time.boundingBox())!.width };
  await context.close();
  return result;
}

test("times are rendered in UTC, labelled, then in the viewer's zone without moving the layout", async ({ browser }) => {
  const [id] = await createTasks([done({ prompt: "finish: clock", createdAt: "2026-03-01T10:15:00Z" })]);
  const server = await createdTime(browser, `/tasks/${id}`, false);
  const hydrated = await createdTime(browser, `/tasks/${id}`, true);
  console.log(`server: "${server.text}" (${server.width}×${server.height}); browser: "${hydrated.text}" (${hydrated.width}×${hydrated.height})`);
  expect(server.text).toBe("Mar 1, 2026, 10:15 AM UTC");
  expect(hydrated.text).toBe("Mar 1, 2026, 06:15 PM GMT+8");
  expect(hydrated.height).toBe(server.height);
});

test("running tasks show their elapsed time and progress; the task page says In gallery when it is", async ({ page, request }) => {
  // The envelope shape is the gateway answer that carries a progress figure.
  await setShape("envelope");
  const [running, other] = await createTasks([{ prompt: "finish: elapsed", pendingMs: 0, processingMs: 120_000 }, done({ prompt: "finish: not yet added" })]);
  await page.goto(`/lookup?ids=${running}`);
  const elapsed = card(page, running!).locator("[data-elapsed]");
  await expect(elapsed).toHaveText(/^\d+:\d\d$/);
  // Beside its badge ("Processing 12%") the label in the middle says the time alone, not the state again.
  await expect(card(page, running!).locator("[data-state-badge]")).toContainText(/Processing \d+%/);
  await expect(card(page, running!).locator("p[aria-hidden]").filter({ has: page.locator("[data-elapsed]") })).toHaveText(/^\d+:\d\d$/, { useInnerText: true });
  const first = await elapsed.innerText();
  await expect.poll(() => elapsed.innerText(), { timeout: 5_000 }).not.toBe(first);
  await expect(card(page, running!).getByRole("progressbar")).toHaveAttribute("aria-valuenow", /\d+/);

  await page.goto(`/tasks/${running}`);
  await expect(page.locator("article [data-elapsed]")).toHaveText(/^\d+:\d\d$/);
  await expect(page.locator("article [data-state-badge]")).toContainText(/Processing \d+%/);

  expect((await request.get(`/api/library/${running}`)).status()).toBe(404);
  expect((await request.post("/api/library", { data: { ids: [running] } })).ok()).toBe(true);
  const item = await request.get(`/api/library/${running}`);
  expect(item.status()).toBe(200);
  expect(await item.json()).toMatchObject({ id: running });
  expect((await request.get("/api/library/not-an-id")).status()).toBe(400);

  await page.reload();
  await expect(page.getByText("In gallery", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add to gallery" })).toHaveCount(0);

  await page.goto(`/tasks/${other}`);
  await page.getByRole("button", { name: "Add to gallery" }).click();
  await expect(page.getByText("In gallery", { exact: true })).toBeVisible();
});

test("a skip link is the first tab stop, and the grid is one tab stop with its card's own actions", async ({ page }) => {
  const ids = await createTasks([done({ prompt: "finish tab 0" }), done({ prompt: "finish tab 1" }), done({ prompt: "finish tab 2" })]);
  await page.goto(`/lookup?ids=${ids.join(",")}`);
  await expect(card(page, ids[2]!)).toHaveAttribute("data-state", "completed");
  // A lookup link's cards are in the server's HTML; the skip link's jump into the grid is script.
  await expect(page.locator('[role="grid"][data-layout="rows"]')).toBeAttached();
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveText("Skip to content");
  await expect(page.locator(":focus")).toBeVisible();
  // Enter on the skip link lands on the grid's one tab stop: two key presses to the first video.
  await page.keyboard.press("Enter");
  expect(await page.evaluate(() => document.activeElement?.getAttribute("data-task-id"))).toBe(ids[0]);
  // The card's own link and button, then out of the grid: no second card on the way.
  const after: (string | null)[] = [];
  for (let i = 0; i < 3; i += 1) {
    await page.keyboard.press("Tab");
    after.push(await page.evaluate(() => document.activeElement?.closest("[data-task-id]")?.getAttribute("data-task-id") ?? null));
  }
  expect(after.slice(0, 2)).toEqual([ids[0], ids[0]]);
  expect(after[2]).toBeNull();
});

test("Tab, Enter on the skip link: the first card of every view with a grid; the content elsewhere", async ({ page, request }) => {
  const word = uniqueWord();
  const ids = await createTasks([done({ prompt: `${word} key 0` }), done({ prompt: `${word} key 1` }), done({ prompt: `${word} key 2` })]);
  await addToLibrary(ids, word);
  const collection = await request.post("/api/collections", { data: { title: `${word} keys`, ids } });
  const { url } = (await collection.json()) as { url: string };
  const views = [`/?q=${word}`, `/lookup?ids=${ids.join(",")}`, `/?ids=${ids.join(",")}`, new URL(url, "http://x").pathname];
  for (const view of views) {
    await page.goto(view);
    await expect(page.locator('[role="grid"] [data-grid-index="0"]')).toHaveAttribute("data-state", "completed");
    // The server's HTML shows the cards before the page is interactive; the skip link's jump to the
    // grid is script, so wait for the grid that scripts have taken over.
    await expect(page.locator('[role="grid"][data-layout="rows"]')).toBeAttached();
    await page.keyboard.press("Tab");
    await expect(page.locator(":focus")).toHaveText("Skip to content");
    await page.keyboard.press("Enter");
    const focused = await page.evaluate(() => ({ role: document.activeElement?.getAttribute("role"), index: document.activeElement?.getAttribute("data-grid-index") }));
    expect(focused, view).toEqual({ role: "gridcell", index: "0" });
    await expect(page.locator('[role="grid"] [data-grid-index="0"]')).toBeInViewport();
  }
  // No grid: the page's content, as the link's own target says.
  await page.goto("/lookup");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.locator("main#content")).toBeFocused();
});

test("Share opens the system share sheet where there is one; errors show beside the action", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "share", {
      configurable: true,
      value: async (data: ShareData) => {
        (window as unknown as { shared: ShareData[] }).shared = [...((window as unknown as { shared?: ShareData[] }).shared ?? []), data];
      },
    });
  });
  const [a] = await createTasks([done({ prompt: "finish share" })]);
  const unknown = unknownId();
  await page.goto(`/lookup?ids=${a},${unknown}`);
  await expect(card(page, a!)).toHaveAttribute("data-state", "completed");
  // The cards are in the server's HTML before the page's script runs: act once the grid is live.
  await expect(page.locator('[role="grid"][data-layout="rows"]')).toBeAttached();
  await page.getByRole("button", { name: "Share these" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Shared." })).toBeVisible();
  const shared = await page.evaluate(() => (window as unknown as { shared: ShareData[] }).shared);
  expect(shared).toEqual([{ url: `${APP_URL}/?ids=${a},${unknown}` }]);

  await page.goto(`/tasks/${a}`);
  await page.locator("article").getByRole("button", { name: "Copy link" }).click();
  await expect(page.locator("article").getByRole("button", { name: "Shared" })).toBeVisible();
  expect((await page.evaluate(() => (window as unknown as { shared: ShareData[] }).shared))[0]!.url).toBe(`${APP_URL}/tasks/${a}`);

  // Nothing known to add: the notice is announced, right beside the button that was pressed.
  await page.goto(`/lookup?ids=${unknown}`);
  await expect(card(page, unknown)).toHaveAttribute("data-state", "not_found");
  // The cards are in the server's HTML before the page's script runs: act once the grid is live.
  await expect(page.locator('[role="grid"][data-layout="rows"]')).toBeAttached();
  const button = page.getByRole("button", { name: "Add all to gallery" });
  await button.click();
  const notice = page.getByRole("status").filter({ hasText: "None of these ids is known" });
  await expect(notice).toBeVisible();
  const [b, n] = [(await button.boundingBox())!, (await notice.boundingBox())!];
  expect(Math.abs(b.y + b.height / 2 - (n.y + n.height / 2))).toBeLessThan(40);
  // The count of matches is there too.
  await expect(page.getByRole("status").filter({ hasText: "1 not found" })).toBeVisible();
});

test("the Ctrl/⌘ + Enter hint is hidden on a touch phone and shown with a mouse", async ({ browser, page }) => {
  await page.goto("/lookup");
  await expect(page.locator("[data-shortcut-hint]")).toBeVisible();
  const phone = await browser.newContext({ baseURL: APP_URL, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const mobile = await phone.newPage();
  await mobile.goto("/lookup");
  await expect(mobile.getByLabel("Task IDs")).toBeVisible();
  await expect(mobile.locator("[data-shortcut-hint]")).toBeHidden();
  await phone.close();
});

test("Back from a task page restores the shared view's scroll position", async ({ page }) => {
  const ids = await createTasks(Array.from({ length: 120 }, (_, i) => done({ prompt: `finish share scroll ${i}`, aspectRatio: i % 2 ? "9:16" : "1:1" })));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/?ids=${ids.join(",")}`);
  // Every task answered (a count of cards in the loading state would be 0 before the grid exists).
  await expect(page.getByRole("button", { name: "Completed 120" })).toBeVisible({ timeout: 30_000 });
  await page.evaluate(() => window.scrollTo(0, 1100));
  await page.waitForTimeout(300);
  const id = await page.evaluate(() => document.elementFromPoint(720, 450)?.closest("[data-task-id]")?.getAttribute("data-task-id"));
  expect(id).toBeTruthy();
  await page.goto(`/tasks/${id}`);
  await expect(page.locator("article[data-task-id]")).toBeVisible();
  // The tasks come back late (the app's own answers held for a moment, passed on unchanged): the
  // grid first lays out placeholders of a guessed size, and restoring then would land elsewhere.
  await page.route(/\/api\/(events|tasks|watches)/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goBack();
  await expect(page).toHaveURL(/\/\?ids=/);
  await expect.poll(() => page.evaluate(() => Math.round(window.scrollY)), { timeout: 10_000 }).toBeGreaterThan(1090);
  expect(await page.evaluate(() => Math.round(window.scrollY))).toBeLessThan(1110);
  // The same card where it was: restored once the cards had their real sizes, not before.
  await expect(page.getByRole("button", { name: "Completed 120" })).toBeVisible();
  expect(await page.evaluate(() => document.elementFromPoint(720, 450)?.closest("[data-task-id]")?.getAttribute("data-task-id"))).toBe(id);
});
