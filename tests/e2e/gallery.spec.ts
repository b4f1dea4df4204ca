import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Request } from "@playwright/test";
import { createTasks, LIBRARY_KEY, resetSim, seedLibrary, setFault, simCalls } from "./sim";

const card = (page: import("@playwright/test").Page, id: string) => page.locator(`[data-task-id="${id}"]`);
// Next.js renders its own (empty) route announcer with role="alert": look for ours by its words.
const outageAlert = (page: import("@playwright/test").Page) => page.getByRole("alert").filter({ hasText: "gateway" });
const isPoll = (request: Request) => request.method() === "POST" && new URL(request.url()).pathname === "/api/tasks";

test.afterEach(async () => {
  await resetSim();
});

test("a running task goes pending → processing → completed without a reload or a single poll", async ({ page }) => {
  const [id] = await createTasks([{ pendingMs: 5_000, processingMs: 5_000, prompt: "live task" }]);
  const polls: number[] = [];
  const streams: string[] = [];
  page.on("request", (request) => {
    if (isPoll(request)) polls.push(Date.now());
    if (new URL(request.url()).pathname === "/api/events") streams.push(request.url());
  });

  await page.goto(`/?ids=${id}`);
  await expect(card(page, id!)).toHaveAttribute("data-state", "pending");
  await expect(card(page, id!)).toHaveAttribute("data-state", "processing", { timeout: 10_000 });
  await expect(card(page, id!).getByRole("progressbar")).toBeVisible();
  await expect(card(page, id!)).toHaveAttribute("data-state", "completed", { timeout: 20_000 });
  await expect(card(page, id!).locator("img")).toBeVisible();

  // Every change was pushed over one stream: the page never polled.
  expect(polls).toEqual([]);
  expect(streams).toHaveLength(1);
  expect(new URL(streams[0]!).searchParams.get("ids")).toBe(id);
});

test("the palette placeholder is there before the thumbnail, which then fades in over it", async ({ page }) => {
  const [id] = await createTasks([{ pendingMs: 0, processingMs: 0, thumbDelayMs: 4_000, prompt: "slow thumbnail" }]);
  await page.goto(`/?ids=${id}`);
  const placeholder = card(page, id!).locator('[data-placeholder="palette"]');
  await expect(placeholder).toBeVisible();
  const style = await placeholder.evaluate((el) => {
    const s = getComputedStyle(el);
    return { image: s.backgroundImage, size: s.backgroundSize };
  });
  expect(style.image).toMatch(/^url\("data:image\/bmp;base64,/);
  expect(style.size).toBe("100% 100%");

  const img = card(page, id!).locator("img");
  await expect(img).toHaveAttribute("loading", "lazy");
  await expect(img).toHaveAttribute("decoding", "async");
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(0);
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), { timeout: 10_000 }).toBe(true);
  await expect(img).toHaveCSS("opacity", "1");
});

test("a prompt full of HTML shows as text", async ({ page }) => {
  const prompt = `<img src=x onerror="window.__xss=1"><b>bold</b> & <script>window.__xss=2</script>`;
  const [id] = await createTasks([{ pendingMs: 0, processingMs: 0, prompt }]);
  await page.goto(`/?ids=${id}`);
  await expect(card(page, id!)).toHaveAttribute("data-state", "completed");
  await expect(card(page, id!)).toContainText("<b>bold</b> & <script>");
  await expect(card(page, id!).locator("b, script, img[src='x']")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
});

test("a failed task shows its reason; an unknown id shows as not found", async ({ page }) => {
  const [id] = await createTasks([{ pendingMs: 0, processingMs: 0, outcome: "failed", failureReason: "Prompt rejected by moderation" }]);
  const unknown = "00000000-0000-4000-8000-000000000000";
  await page.goto(`/?ids=${id},${unknown}`);
  await expect(card(page, id!)).toHaveAttribute("data-state", "failed");
  await expect(card(page, id!)).toContainText("Prompt rejected by moderation");
  await expect(card(page, unknown)).toHaveAttribute("data-state", "not_found");
});

test("the player plays the video, moves with the arrow keys and gives focus back on Esc", async ({ page }) => {
  const ids = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: "first video", createdAt: Date.now() - 1_000 },
    { pendingMs: 0, processingMs: 0, prompt: "second video", createdAt: Date.now() - 2_000 },
  ]);
  await page.goto(`/?ids=${ids.join(",")}`);
  await expect(card(page, ids[1]!)).toHaveAttribute("data-state", "completed");

  await card(page, ids[0]!).click();
  const dialog = page.getByRole("dialog", { name: "first video" });
  await expect(dialog).toBeVisible();
  const video = dialog.locator("video");
  await expect(video).toHaveAttribute("controls", "");
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(dialog.getByRole("link", { name: "Download" })).toHaveAttribute("href", `/api/tasks/${ids[0]}/video`);
  await expect(dialog.getByRole("link", { name: "Open task page" })).toHaveAttribute("href", `/tasks/${ids[0]}`);

  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("dialog", { name: "second video" })).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("dialog", { name: "first video" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(card(page, ids[0]!)).toBeFocused();

  // Enter on a focused card opens it too.
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "first video" })).toBeVisible();
});

test("a share link shows its tasks without touching the library, and adds them all on request", async ({ page }) => {
  const ids = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: "shared one" },
    { pendingMs: 0, processingMs: 0, prompt: "shared two" },
  ]);
  await page.goto(`/?ids=${ids.join(",")}`);
  for (const id of ids) await expect(card(page, id)).toHaveAttribute("data-state", "completed");
  expect(await page.evaluate((key) => localStorage.getItem(key), LIBRARY_KEY)).toBeNull();

  await page.getByRole("button", { name: /add.*gallery/i }).click();
  expect(JSON.parse((await page.evaluate((key) => localStorage.getItem(key), LIBRARY_KEY))!)).toEqual(ids);

  await page.goto("/");
  for (const id of ids) await expect(card(page, id)).toBeVisible();
});

test("the library: paste ids, survive a reload and an outage, remove one, clear with confirmation", async ({ page }) => {
  const ids = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: "kept one" },
    // Still running, so the reload below has to go upstream (finished tasks come from the server's cache).
    { pendingMs: 0, processingMs: 120_000, prompt: "kept two" },
  ]);
  await page.goto("/");
  await expect(page.getByText("Your gallery is empty")).toBeVisible();
  await page.getByLabel("Task ids to add").fill(`log: created ${ids[0]!.toUpperCase()}\nhttps://x.test/tasks/${ids[1]}`);
  await page.getByRole("button", { name: /Add to gallery/ }).click();
  await expect(card(page, ids[0]!)).toHaveAttribute("data-state", "completed");
  await expect(card(page, ids[1]!)).toHaveAttribute("data-state", "processing");

  await setFault("500");
  await page.reload();
  await expect(outageAlert(page)).toBeVisible({ timeout: 20_000 });
  for (const id of ids) await expect(card(page, id)).toBeVisible();
  expect(JSON.parse((await page.evaluate((key) => localStorage.getItem(key), LIBRARY_KEY))!)).toHaveLength(2);
  await setFault("none");

  await card(page, ids[0]!).hover();
  await page.getByRole("button", { name: "Remove from gallery: kept one" }).click();
  await expect(card(page, ids[0]!)).toHaveCount(0);

  await page.getByRole("button", { name: "Clear…" }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(card(page, ids[1]!)).toBeVisible();
  await page.getByRole("button", { name: "Clear…" }).click();
  await page.getByRole("button", { name: "Yes, clear" }).click();
  await expect(page.locator("[data-task-id]")).toHaveCount(0);
});

test("an outage shows one true alert, keeps every card, and clears within an interval of recovery", async ({ page }) => {
  const [done, running] = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: "finished before the outage" },
    { pendingMs: 0, processingMs: 8_000, prompt: "running through the outage" },
  ]);
  await seedLibrary(page, [running!, done!]);
  await page.goto("/");
  await expect(card(page, running!)).toHaveAttribute("data-state", "processing");
  await expect(card(page, done!)).toHaveAttribute("data-state", "completed");

  await setFault("500");
  await expect(outageAlert(page)).toContainText("HTTP 500", { timeout: 20_000 });
  await expect(card(page, done!)).toHaveAttribute("data-state", "completed");
  await expect(card(page, running!)).toHaveAttribute("data-state", "processing");

  // The notice follows what the upstream says now, not what it said first.
  await setFault("401");
  await expect(outageAlert(page)).toContainText("rejected the API key", { timeout: 10_000 });
  await expect(outageAlert(page)).not.toContainText("500");

  await setFault("none");
  const recovered = Date.now();
  await expect(outageAlert(page)).toHaveCount(0, { timeout: 10_000 });
  // One interval (1 s here) plus the read itself and the push.
  expect(Date.now() - recovered).toBeLessThan(3_000);
  await expect(card(page, running!)).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
});

test("filters by state with counts, searches prompts and sorts", async ({ page }) => {
  const now = Date.now();
  const [older, newer, failed] = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: "an old lighthouse", createdAt: now - 60_000 },
    { pendingMs: 0, processingMs: 0, prompt: "a new harbour", createdAt: now - 1_000 },
    { pendingMs: 0, processingMs: 0, outcome: "failed", prompt: "broken", createdAt: now - 30_000 },
  ]);
  await page.goto(`/?ids=${older},${newer},${failed}`);
  await expect(card(page, failed!)).toHaveAttribute("data-state", "failed");
  const order = () => page.locator("[data-task-id]").evaluateAll((els) => els.map((el) => el.getAttribute("data-task-id")));
  await expect.poll(order).toEqual([newer, failed, older]);

  await page.getByRole("combobox", { name: "Sort" }).selectOption("oldest");
  await expect.poll(order).toEqual([older, failed, newer]);

  await page.getByRole("button", { name: "Completed 2" }).click();
  await expect.poll(order).toEqual([older, newer]);
  await page.getByRole("searchbox", { name: "Search prompts" }).fill("HARBOUR");
  await expect.poll(order).toEqual([newer]);
});

test("the gallery has no serious accessibility violations", async ({ page }) => {
  const ids = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: "accessible one" },
    { pendingMs: 0, processingMs: 60_000, prompt: "accessible running" },
    { pendingMs: 60_000, processingMs: 60_000, prompt: "accessible queued" },
    { pendingMs: 0, processingMs: 0, outcome: "failed", failureReason: "Out of credits" },
  ]);
  await seedLibrary(page, ids);
  await page.goto("/");
  await expect(card(page, ids[0]!)).toHaveAttribute("data-state", "completed");
  const scan = async () => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  };
  expect(await scan()).toEqual([]);
  await card(page, ids[0]!).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(await scan()).toEqual([]);
});

test("hovering a finished card plays a muted looping preview, removed again on leave", async ({ page }) => {
  const [id] = await createTasks([{ pendingMs: 0, processingMs: 0, prompt: "hover me" }]);
  await page.goto(`/?ids=${id}`);
  await expect(card(page, id!)).toHaveAttribute("data-state", "completed");
  const preview = card(page, id!).locator("video");
  await expect(preview).toHaveCount(0);
  await card(page, id!).hover();
  await expect(preview).toHaveCount(1);
  expect(await preview.evaluate((v: HTMLVideoElement) => ({ muted: v.muted, loop: v.loop, inline: v.playsInline }))).toEqual({
    muted: true,
    loop: true,
    inline: true,
  });
  await page.mouse.move(0, 0);
  await expect(preview).toHaveCount(0);
  // Keyboard focus previews too.
  await card(page, id!).focus();
  await expect(preview).toHaveCount(1);
});

test("an expired video link is refreshed once through ?refresh=1 and then plays", async ({ page }) => {
  const [id] = await createTasks([{ pendingMs: 0, processingMs: 0, prompt: "short-lived media", mediaTtlMs: 2_500 }]);
  const refreshes: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes(`/api/tasks/${id}?refresh=1`)) refreshes.push(request.url());
  });
  await page.goto(`/?ids=${id}`);
  await expect(card(page, id!)).toHaveAttribute("data-state", "completed");
  await page.waitForTimeout(3_000); // the URLs the page holds have now expired (the simulator answers 403)
  await card(page, id!).click();
  const video = page.getByRole("dialog").locator("video");
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  expect(refreshes).toHaveLength(1);
});

test("works at phone width: every card and control reachable, nothing wider than the screen", async ({ page }) => {
  const ids = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: "phone one" },
    { pendingMs: 0, processingMs: 0, prompt: "phone two", aspectRatio: "9:16" },
  ]);
  await page.setViewportSize({ width: 390, height: 844 });
  await seedLibrary(page, ids);
  await page.goto("/");
  await expect(card(page, ids[1]!)).toHaveAttribute("data-state", "completed");
  for (const box of await Promise.all(ids.map((id) => card(page, id).boundingBox()))) {
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/gallery-phone.png", fullPage: true });
  await card(page, ids[1]!).click();
  const dialog = page.getByRole("dialog", { name: "phone two" });
  await expect(dialog.getByRole("link", { name: "Download" })).toBeInViewport();
  await page.screenshot({ path: "test-results/gallery-phone-player.png" });
});

test("Share copies a /?ids= link of what is on screen", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const ids = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: "share me", createdAt: Date.now() - 1_000 },
    { pendingMs: 0, processingMs: 0, outcome: "failed", prompt: "not me", createdAt: Date.now() - 2_000 },
  ]);
  await seedLibrary(page, ids);
  await page.goto("/");
  await expect(card(page, ids[1]!)).toHaveAttribute("data-state", "failed");
  await page.getByRole("button", { name: "Completed 1" }).click();
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.getByRole("button", { name: "Copied!" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(copied).search).toBe(`?ids=${ids[0]}`);
});

test("another tab's changes to the library show up without a reload", async ({ page, context }) => {
  const [id] = await createTasks([{ pendingMs: 0, processingMs: 0, prompt: "from the other tab" }]);
  await page.goto("/");
  await expect(page.getByText("Your gallery is empty")).toBeVisible();
  const other = await context.newPage();
  await other.goto("/");
  await other.getByLabel("Task ids to add").fill(id!);
  await other.getByRole("button", { name: /Add to gallery/ }).click();
  await expect(card(page, id!)).toHaveAttribute("data-state", "completed");
});

test("export and import a JSON file of ids", async ({ page }) => {
  const ids = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: "exported one" },
    { pendingMs: 0, processingMs: 0, prompt: "exported two" },
  ]);
  await seedLibrary(page, ids);
  await page.goto("/");
  await expect(card(page, ids[0]!)).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const file = await (await download).path();
  const { readFile } = await import("node:fs/promises");
  const exported = JSON.parse(await readFile(file, "utf8")) as { ids: string[] };
  expect(exported.ids).toEqual(ids);

  await page.getByRole("button", { name: "Clear…" }).click();
  await page.getByRole("button", { name: "Yes, clear" }).click();
  await expect(page.locator("[data-task-id]")).toHaveCount(0);
  await page.getByLabel("Import a file of task ids").setInputFiles({
    name: "library.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ ids: [...exported.ids, "not-an-id"] })),
  });
  await expect(page.getByText("Imported 2 new tasks, skipped 1 invalid entry.")).toBeVisible();
  for (const id of ids) await expect(card(page, id)).toBeVisible();

  await page.getByLabel("Import a file of task ids").setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from("nope") });
  await expect(page.getByText(/not JSON/)).toBeVisible();
});

test("a hidden tab closes its stream (the gateway is not read for it) and catches up when shown", async ({ page }) => {
  const [id] = await createTasks([{ pendingMs: 0, processingMs: 9_000, prompt: "watched in the background" }]);
  await page.goto(`/?ids=${id}`);
  await expect(card(page, id!)).toHaveAttribute("data-state", "processing");
  const setHidden = (hidden: boolean) =>
    page.evaluate((h) => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => (h ? "hidden" : "visible") });
      Object.defineProperty(document, "hidden", { configurable: true, get: () => h });
      document.dispatchEvent(new Event("visibilitychange"));
    }, hidden);
  await setHidden(true);
  // The stream closes a few seconds after the tab is hidden; then nobody watches the task.
  await page.waitForTimeout(5_500);
  const hiddenFrom = (await simCalls()).total;
  await page.waitForTimeout(3_000);
  expect((await simCalls()).total).toBe(hiddenFrom);
  // The task finished meanwhile; shown again, the first message of the new stream says so.
  await page.waitForTimeout(1_000);
  await setHidden(false);
  await expect(card(page, id!)).toHaveAttribute("data-state", "completed", { timeout: 3_000 });
});
