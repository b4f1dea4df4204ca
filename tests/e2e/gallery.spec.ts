import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Request } from "@playwright/test";
import { addToLibrary, createTasks, getLibrary, resetSim, setFault, simCalls, uniqueWord } from "./sim";

// Cards of the live grid (its server-rendered first screen comes before the page is interactive).
const card = (page: import("@playwright/test").Page, id: string) => page.locator(`[data-layout="rows"] [data-task-id="${id}"]`);
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

test("the palette placeholder is there before the thumbnail, which then fades in over it; the first screen's first thumbnails load first", async ({ page }) => {
  const ids = await createTasks(Array.from({ length: 13 }, (_, i) => ({ pendingMs: 0, processingMs: 0, thumbDelayMs: i === 12 ? 4_000 : 0, prompt: `slow thumbnail ${i}` })));
  const id = ids[12]!;
  await page.goto(`/?ids=${ids.join(",")}`);
  const placeholder = card(page, id).locator('[data-placeholder="palette"]');
  await expect(placeholder).toBeVisible();
  const style = await placeholder.evaluate((el) => {
    const s = getComputedStyle(el);
    return { image: s.backgroundImage, size: s.backgroundSize };
  });
  expect(style.image).toMatch(/^url\("data:image\/bmp;base64,/);
  expect(style.size).toBe("100% 100%");

  // The first cards' thumbnails are the page's largest paint: fetched eagerly, first, and shown without a fade.
  const first = card(page, ids[0]!).locator("img");
  await expect(first).toHaveAttribute("loading", "eager");
  await expect(first).toHaveAttribute("fetchpriority", "high");
  const img = card(page, id).locator("img");
  await expect(img).toHaveAttribute("loading", "lazy");
  await expect(img).toHaveAttribute("decoding", "async");
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(0);
  // A card in the server's HTML shows its thumbnail as it arrives: a fade would wait for the script.
  await expect(img).toHaveCSS("opacity", "1");

  // Cards made in the browser (a lookup typed into the page) fade theirs in once loaded.
  const later = await createTasks(Array.from({ length: 13 }, (_, i) => ({ pendingMs: 0, processingMs: 0, thumbDelayMs: i === 12 ? 4_000 : 0, prompt: `slow thumbnail, pasted ${i}` })));
  await page.goto("/lookup");
  await page.getByLabel("Task IDs").fill(later.join("\n"));
  await page.getByRole("button", { name: "Look up", exact: true }).click();
  const pasted = card(page, later[12]!).locator("img");
  await expect(pasted).toHaveAttribute("loading", "lazy");
  expect(await pasted.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(0);
  await expect(pasted).toHaveCSS("opacity", "0");
  await pasted.scrollIntoViewIfNeeded();
  await expect.poll(() => pasted.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), { timeout: 10_000 }).toBe(true);
  await expect(pasted).toHaveCSS("opacity", "1");
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
  const word = uniqueWord();
  const ids = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: `${word} shared one` },
    { pendingMs: 0, processingMs: 0, prompt: `${word} shared two` },
  ]);
  await page.goto(`/?ids=${ids.join(",")}`);
  for (const id of ids) await expect(card(page, id)).toHaveAttribute("data-state", "completed");
  await expect(page.getByRole("heading", { name: "Shared set · 2 tasks" })).toBeVisible();
  expect((await getLibrary({ q: word })).counts.all).toBe(0);

  // The state chips come in the library toolbar's order.
  await expect(page.getByRole("group", { name: "Filter by state" }).getByRole("button")).toHaveText([/^All/, /^Pending/, /^Processing/, /^Completed/, /^Failed/]);

  await page.getByRole("button", { name: /add all to my gallery/i }).click();
  await expect(page.getByText("Added 2 tasks.")).toBeVisible();
  await expect(page.getByRole("button", { name: "All in my gallery" })).toBeDisabled();
  await expect.poll(async () => (await getLibrary({ q: word })).items.map((item) => item.id).sort()).toEqual([...ids].sort());

  // Opened again, the set knows from the server which of its tasks the library holds.
  const [third] = await createTasks([{ pendingMs: 0, processingMs: 0, prompt: `${word} shared three` }]);
  await page.goto(`/?ids=${ids.join(",")}`);
  await expect(page.getByRole("button", { name: "All in my gallery" })).toBeDisabled();
  // The server's HTML already says so: the button's words do not change under the reader.
  const html = await (await page.request.get(`/?ids=${[...ids, third].join(",")}`)).text();
  expect(html.includes("Add the other 1 to my gallery"), "the server's HTML offers to add the other 1").toBe(true);
  await page.goto(`/?ids=${[...ids, third].join(",")}`);
  await page.getByRole("button", { name: "Add the other 1 to my gallery" }).click();
  await expect(page.getByText("Added 1 task.")).toBeVisible();

  await page.goto(`/?q=${word}`);
  for (const id of [...ids, third!]) await expect(card(page, id)).toBeVisible();
});

test("the library: paste ids, survive a reload and an outage, remove one with undo", async ({ page }) => {
  const word = uniqueWord();
  const ids = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: `${word} kept one` },
    // Still running, so the reload below has to go upstream (finished tasks come from the server's cache).
    { pendingMs: 0, processingMs: 120_000, prompt: `${word} kept two` },
  ]);
  await page.goto(`/?q=${word}`);
  await expect(page.getByText("No tasks match this filter.")).toBeVisible();
  await page.getByLabel("Task ids to add").fill(`log: created ${ids[0]!.toUpperCase()}\nhttps://x.test/tasks/${ids[1]}`);
  await page.getByRole("button", { name: /Add to gallery/ }).click();
  await expect(page.getByText("Added 2 tasks.")).toBeVisible();
  // Read by the server in the background, then found by the search without a reload.
  await expect(card(page, ids[0]!)).toHaveAttribute("data-state", "completed", { timeout: 10_000 });
  await expect(card(page, ids[1]!)).toHaveAttribute("data-state", "processing");

  await setFault("500");
  await page.reload();
  await expect(outageAlert(page)).toBeVisible({ timeout: 20_000 });
  for (const id of ids) await expect(card(page, id)).toBeVisible();
  await setFault("none");

  await card(page, ids[0]!).hover();
  await page.getByRole("button", { name: `Remove from gallery: ${word} kept one` }).click();
  await expect(card(page, ids[0]!)).toHaveCount(0);
  await expect(page.getByText("Removed 1 task from the gallery.")).toBeVisible();
  // Carried out only when the notice ends: Undo has nothing to put back on the server.
  expect((await getLibrary({ q: word })).counts.all).toBe(2);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(card(page, ids[0]!)).toBeVisible();
  expect((await getLibrary({ q: word })).counts.all).toBe(2);
});

test("an outage shows one true alert, keeps every card, and clears within an interval of recovery", async ({ page }) => {
  const outageWord = uniqueWord();
  const [done, running] = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: `${outageWord} finished before the outage` },
    { pendingMs: 0, processingMs: 8_000, prompt: `${outageWord} running through the outage` },
  ]);
  // A shared set: its stream watches exactly these ids. (The library view's outage is in the paste test.)
  await page.goto(`/?ids=${running},${done}`);
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

test("filters by state with counts, searches prompts, sorts and shows favourites, all kept in the address", async ({ page }) => {
  const word = uniqueWord();
  const now = Date.now();
  const [older, newer, failed] = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: `${word} an old lighthouse`, createdAt: now - 60_000 },
    { pendingMs: 0, processingMs: 0, prompt: `${word} a new harbour`, createdAt: now - 1_000 },
    { pendingMs: 0, processingMs: 0, outcome: "failed", prompt: `${word} broken`, createdAt: now - 30_000 },
  ]);
  await addToLibrary([older!, newer!, failed!], word);
  const order = () => page.locator("[data-task-id]").evaluateAll((els) => els.map((el) => el.getAttribute("data-task-id")));
  const libraryReads: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/library") libraryReads.push(request.url());
  });

  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search prompts" }).fill(word);
  await expect.poll(order).toEqual([newer, failed, older]);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${word}`));
  await expect(page.getByRole("button", { name: "All 3" })).toBeVisible();

  await page.getByRole("combobox", { name: "Sort" }).selectOption("oldest");
  await expect.poll(order).toEqual([older, failed, newer]);
  await page.getByRole("button", { name: "Completed 2" }).click();
  await expect.poll(order).toEqual([older, newer]);
  await expect(page).toHaveURL(/state=completed/);
  // The database answered: every change of filter was a request to the library API.
  expect(libraryReads.some((url) => url.includes("state=completed") && url.includes("sort=oldest") && url.includes(`q=${word}`))).toBe(true);

  // A reload and Back keep what the address says.
  await page.reload();
  await expect.poll(order).toEqual([older, newer]);
  await expect(page.getByRole("button", { name: "Completed 2" })).toHaveAttribute("aria-pressed", "true");
  await page.goBack();
  await expect.poll(order).toEqual([older, failed, newer]);
  // Search ignores case.
  await page.goto(`/?q=${word.toUpperCase()}%20A%20NEW`);
  await expect.poll(order).toEqual([newer]);
  await expect(page.getByRole("searchbox", { name: "Search prompts" })).toHaveValue(`${word.toUpperCase()} A NEW`);
});

test("a favourite is kept on the server: it survives a reload and has its own filter", async ({ page }) => {
  const word = uniqueWord();
  const ids = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: `${word} loved`, createdAt: Date.now() - 1_000 },
    { pendingMs: 0, processingMs: 0, prompt: `${word} plain`, createdAt: Date.now() - 2_000 },
  ]);
  await addToLibrary(ids, word);
  await page.goto(`/?q=${word}`);
  const star = card(page, ids[0]!).getByRole("button", { name: "Favorite" });
  await expect(star).toHaveAttribute("aria-pressed", "false");
  const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().endsWith(`/api/library/${ids[0]}`));
  await card(page, ids[0]!).hover();
  await star.click();
  await expect(star).toHaveAttribute("aria-pressed", "true");
  expect((await saved).status()).toBe(200);

  await page.reload();
  await expect(card(page, ids[0]!).getByRole("button", { name: "Favorite" })).toHaveAttribute("aria-pressed", "true");
  await expect(card(page, ids[1]!).getByRole("button", { name: "Favorite" })).toHaveAttribute("aria-pressed", "false");
  await page.getByRole("button", { name: "Favorites" }).click();
  await expect(page).toHaveURL(/fav=1/);
  await expect(card(page, ids[1]!)).toHaveCount(0);
  await expect(card(page, ids[0]!)).toBeVisible();
  await page.reload();
  await expect(card(page, ids[1]!)).toHaveCount(0);
  await expect(card(page, ids[0]!)).toBeVisible();
});

test("the gallery has no serious accessibility violations", async ({ page }) => {
  const word = uniqueWord();
  const ids = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: `${word} accessible one` },
    { pendingMs: 0, processingMs: 60_000, prompt: `${word} accessible running` },
    { pendingMs: 60_000, processingMs: 60_000, prompt: `${word} accessible queued` },
    { pendingMs: 0, processingMs: 0, outcome: "failed", prompt: word, failureReason: "Out of credits" },
  ]);
  await addToLibrary(ids, word);
  await page.goto(`/?q=${word}`);
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
  const word = uniqueWord();
  const ids = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: `${word} phone one` },
    { pendingMs: 0, processingMs: 0, prompt: `${word} phone two`, aspectRatio: "9:16" },
  ]);
  await page.setViewportSize({ width: 390, height: 844 });
  await addToLibrary(ids, word);
  await page.goto(`/?q=${word}`);
  await expect(card(page, ids[1]!)).toHaveAttribute("data-state", "completed");
  for (const box of await Promise.all(ids.map((id) => card(page, id).boundingBox()))) {
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/gallery-phone.png", fullPage: true });
  await card(page, ids[1]!).click();
  const dialog = page.getByRole("dialog", { name: `${word} phone two` });
  await expect(dialog.getByRole("link", { name: "Download" })).toBeInViewport();
  await page.screenshot({ path: "test-results/gallery-phone-player.png" });
});

test("Share on a shared set copies a /?ids= link of what is on screen", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const ids = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: "share me", createdAt: Date.now() - 1_000 },
    { pendingMs: 0, processingMs: 0, outcome: "failed", prompt: "not me", createdAt: Date.now() - 2_000 },
  ]);
  await page.goto(`/?ids=${ids.join(",")}`);
  await expect(card(page, ids[1]!)).toHaveAttribute("data-state", "failed");
  await page.getByRole("button", { name: "Completed 1" }).click();
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.getByRole("button", { name: "Copied!" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(copied).search).toBe(`?ids=${ids[0]}`);
});

test("another tab's additions to the library show up without a reload", async ({ page, context }) => {
  const word = uniqueWord();
  const [id] = await createTasks([{ pendingMs: 0, processingMs: 0, prompt: `${word} from the other tab` }]);
  await page.goto(`/?q=${word}`);
  await expect(page.getByText("No tasks match this filter.")).toBeVisible();
  const other = await context.newPage();
  await other.goto("/");
  await other.getByLabel("Task ids to add").fill(id!);
  await other.getByRole("button", { name: /Add to gallery/ }).click();
  await expect(card(page, id!)).toHaveAttribute("data-state", "completed", { timeout: 10_000 });
});

test("export and import a JSON file of ids", async ({ page }) => {
  const word = uniqueWord();
  const ids = await createTasks([
    { pendingMs: 0, processingMs: 0, prompt: `${word} exported one` },
    { pendingMs: 0, processingMs: 0, prompt: `${word} exported two` },
  ]);
  await addToLibrary(ids, word);
  await page.goto(`/?q=${word}`);
  await expect(card(page, ids[0]!)).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const file = await (await download).path();
  const { readFile } = await import("node:fs/promises");
  const exported = JSON.parse(await readFile(file, "utf8")) as { ids: string[] };
  // The whole library, which other tests share: ours are in it.
  expect(exported.ids).toEqual(expect.arrayContaining(ids));

  for (const id of ids) expect((await fetch(new URL(`/api/library/${id}`, page.url()), { method: "DELETE" })).status).toBe(204);
  await page.reload();
  await expect(page.locator("[data-task-id]")).toHaveCount(0);
  // A file chosen before React has hydrated the input would go unheard: a person cannot be that quick.
  const fileInput = page.getByLabel("Import a file of task ids");
  await expect.poll(() => fileInput.evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactFiber")))).toBe(true);
  await fileInput.setInputFiles({
    name: "library.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ ids: [...ids, "not-an-id"] })),
  });
  await expect(page.getByText("Imported 2 new tasks, skipped 1 invalid entry.")).toBeVisible();
  for (const id of ids) await expect(card(page, id)).toBeVisible({ timeout: 10_000 });

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
  // The stream closes a few seconds after the tab is hidden; once the server notices (on a busy
  // machine a read or two later), nobody watches the task. A server that kept reading never settles.
  await page.waitForTimeout(5_500);
  let hiddenFrom = -1;
  for (const until = Date.now() + 10_000; Date.now() < until; await page.waitForTimeout(1_500)) {
    const total = (await simCalls()).total;
    if (total === hiddenFrom) break;
    hiddenFrom = total;
  }
  await page.waitForTimeout(3_000);
  expect((await simCalls()).total).toBe(hiddenFrom);
  // The task finished meanwhile; shown again, the first message of the new stream says so.
  await page.waitForTimeout(1_000);
  await setHidden(false);
  await expect(card(page, id!)).toHaveAttribute("data-state", "completed", { timeout: 3_000 });
});
