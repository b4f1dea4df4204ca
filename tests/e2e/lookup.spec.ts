import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { addToLibrary, createTasks, getLibrary, resetSim, setFault, unknownId } from "./sim";

// /lookup against the production build and the real simulator: nothing here fakes the gateway.


const card = (page: Page, id: string) => page.locator(`[data-task-id="${id}"]`).first();
/** Which of `ids` the server library holds. */
const inLibrary = async (ids: readonly string[]) => {
  const held = new Set((await getLibrary()).items.map((item) => item.id));
  return ids.filter((id) => held.has(id));
};

async function lookUp(page: Page, text: string) {
  await page.getByLabel("Task IDs").fill(text);
  await page.getByRole("button", { name: "Look up", exact: true }).click();
}

test.afterEach(async () => {
  await resetSim();
});

test("finds every id in messy text, once each, in order, with not-found cards", async ({ page }) => {
  const [a, b, c] = await createTasks([
    { prompt: "lookup: a lantern in fog", pendingMs: 0, processingMs: 0 },
    { prompt: "lookup: waves at night", pendingMs: 0, processingMs: 0 },
    { prompt: "lookup: failed one", pendingMs: 0, processingMs: 0, outcome: "failed", failureReason: "Prompt was rejected" },
  ]);
  const unknown = unknownId();
  const messy = [
    `2025-03-01T12:00:00.123Z INFO generation submitted id=${a!.toUpperCase()} model=ray-2`,
    JSON.stringify({ data: [{ task_id: b, status: "SUCCESS" }, { task_id: a }] }),
    `see https://gallery.example/tasks/${c}?x=1 and also ${unknown};${b!.toUpperCase()}`,
    "not an id: 4665a07c-7641-4809-a133-10786201bb5 nor ff4665a07c-7641-4809-a133-10786201bb56",
  ].join("\n");

  await page.goto("/lookup");
  await lookUp(page, messy);

  await expect(page.getByText("Found 4 task ids")).toBeVisible();
  await expect(card(page, a!)).toHaveAttribute("data-state", "completed");
  await expect(card(page, b!)).toHaveAttribute("data-state", "completed");
  await expect(card(page, c!)).toHaveAttribute("data-state", "failed");
  await expect(card(page, c!)).toContainText("Prompt was rejected");
  await expect(card(page, unknown)).toHaveAttribute("data-state", "not_found");
  const order = await page.locator("[data-task-id]").evaluateAll((els) => els.map((el) => el.getAttribute("data-task-id")));
  expect(order).toEqual([a, b, c, unknown]);
  await expect(page.getByText("3 found · 1 not found")).toBeVisible();
});

test("puts the ids in the URL, and the URL alone runs the lookup again after a reload", async ({ page }) => {
  const [a, b] = await createTasks([
    { prompt: "lookup url one", pendingMs: 0, processingMs: 0 },
    { prompt: "lookup url two", pendingMs: 0, processingMs: 0 },
  ]);
  const unknown = unknownId();
  const renders: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/lookup") renders.push(request.url());
  });
  await page.goto("/lookup");
  renders.length = 0;
  await lookUp(page, `${b} ${a!.toUpperCase()} ${unknown}`);
  await expect(page).toHaveURL(`/lookup?ids=${b},${a},${unknown}`);
  await expect(card(page, a!)).toHaveAttribute("data-state", "completed");
  // The address changes without a server render of it: the page asks for its tasks once, itself.
  expect(renders).toEqual([]);

  // The nav's "Look up" starts afresh, as a load of its address would; Back returns to the lookup.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Look up" }).click();
  await expect(page).toHaveURL("/lookup");
  await expect(page.getByLabel("Task IDs")).toHaveValue("");
  await expect(page.locator("[data-task-id]")).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(`/lookup?ids=${b},${a},${unknown}`);
  await expect(page.getByLabel("Task IDs")).toHaveValue(`${b}\n${a}\n${unknown}`);
  await expect(card(page, a!)).toHaveAttribute("data-state", "completed");

  await page.reload();
  await expect(page.getByText("Found 3 task ids")).toBeVisible();
  await expect(page.getByLabel("Task IDs")).toHaveValue(`${b}\n${a}\n${unknown}`);
  await expect(card(page, b!)).toHaveAttribute("data-state", "completed");
  await expect(card(page, unknown)).toHaveAttribute("data-state", "not_found");

  // A link made by hand, in upper case with a malformed entry, works the same.
  await page.goto(`/lookup?ids=${a!.toUpperCase()},nope`);
  await expect(page.getByText("Found 1 task id")).toBeVisible();
  await expect(card(page, a!)).toHaveAttribute("data-state", "completed");
  // Ids in repeated parameters count as one list, in the browser as on the server.
  await page.goto(`/lookup?ids=${a}&ids=${b}`);
  await expect(page.getByText("Found 2 task ids")).toBeVisible();
  await expect(card(page, b!)).toHaveAttribute("data-state", "completed");
});

test("shares the lookup as a gallery link that shows the same tasks", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const [a, b] = await createTasks([
    { prompt: "shared one", pendingMs: 0, processingMs: 0 },
    { prompt: "shared two", pendingMs: 0, processingMs: 0 },
  ]);
  await page.goto("/lookup");
  await lookUp(page, `${a}\n${b}`);
  await expect(card(page, b!)).toHaveAttribute("data-state", "completed");

  await page.getByRole("button", { name: "Share these" }).click();
  await expect(page.getByText("Link copied")).toBeVisible();
  const link = await page.locator("[data-share-link]").getAttribute("href");
  expect(link).toBe(`${baseURL}/?ids=${a},${b}`);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  await page.goto(link!);
  await expect(card(page, a!)).toHaveAttribute("data-state", "completed");
  await expect(card(page, b!)).toHaveAttribute("data-state", "completed");
});

test("on a phone every card's actions fit under it: narrow cards keep the icons and give their words to screen readers, the narrowest keep the button", async ({ browser }) => {
  const ratios = ["16:9", "9:16", "1:1", "9:16", "21:9", "3:4", "9:16", "4:3"];
  const ids = await createTasks(ratios.map((aspectRatio, i) => ({ prompt: `actions fit ${i}`, aspectRatio, pendingMs: 0, processingMs: 0 })));
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await phone.newPage();
  await page.goto(new URL("/lookup", test.info().project.use.baseURL).toString());
  await lookUp(page, ids.join(" "));
  for (const id of ids) await expect(card(page, id)).toHaveAttribute("data-state", "completed");

  let narrowest = Infinity;
  for (const id of ids) {
    const tile = (await card(page, id).boundingBox())!;
    const open = card(page, id).getByRole("link", { name: "Open task page" });
    const add = card(page, id).getByRole("button", { name: "Add to gallery" });
    const a = (await add.boundingBox())!;
    const at = `on a ${Math.round(tile.width)} px card`;
    expect(a.x >= tile.x - 0.5 && a.x + a.width <= tile.x + tile.width + 0.5, `the button inside the card ${at}`).toBe(true);
    if (tile.width < 72) {
      await expect(open, `the link ${at}`).toBeHidden();
      continue;
    }
    const o = (await open.boundingBox())!;
    expect(o.x >= tile.x - 0.5, `the link inside the card ${at}`).toBe(true);
    expect(o.x + o.width <= a.x, `the link clear of the button ${at}`).toBe(true);
    // At least the icon, whole.
    expect(o.width, `the link ${at}`).toBeGreaterThanOrEqual(16);
    narrowest = Math.min(narrowest, tile.width);
  }
  expect(narrowest, "a card narrow enough to give its words away").toBeLessThan(150);
  await phone.close();
});

test("adds all found tasks, or one, to the gallery's library", async ({ page }) => {
  const [a, b, c] = await createTasks([
    { prompt: "library one", pendingMs: 0, processingMs: 0 },
    { prompt: "library two", pendingMs: 0, processingMs: 0 },
    { prompt: "library three", pendingMs: 0, processingMs: 0 },
  ]);
  const unknown = unknownId();
  await addToLibrary([c!]);
  await page.goto("/lookup");

  await lookUp(page, `${a} ${unknown}`);
  await expect(card(page, unknown)).toHaveAttribute("data-state", "not_found");
  const item = card(page, a!);
  await item.getByRole("button", { name: "Add to gallery" }).click();
  await expect(item.getByRole("button", { name: /In your gallery/ })).toBeDisabled();
  expect(await inLibrary([a!, b!, c!])).toEqual([a, c]);

  // What the library held before this page opened is not offered either.
  await lookUp(page, `${c}`);
  await expect(card(page, c!).getByRole("button", { name: /In your gallery/ })).toBeDisabled();
  await expect(page.getByRole("button", { name: "All in your gallery" })).toBeDisabled();

  await lookUp(page, `${b}\n${a}\n${unknown}`);
  await expect(card(page, b!)).toHaveAttribute("data-state", "completed");
  await expect(card(page, b!).getByRole("button", { name: "Add to gallery" })).toBeEnabled();
  await expect(card(page, unknown)).toHaveAttribute("data-state", "not_found");
  await page.getByRole("button", { name: "Add all to gallery" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Add only the 2 found" }).click();
  await expect(page.getByText("Added 1 to your gallery (1 already there; 1 not found, skipped).")).toBeVisible();
  expect(await inLibrary([a!, b!, c!, unknown])).toEqual([a, b, c]);

  // The gallery reads the same library: the added tasks are there.
  await page.getByRole("link", { name: "Gallery" }).first().click();
  for (const id of [a, b, c]) await expect(card(page, id!)).toHaveAttribute("data-state", "completed");
});

test("when the server cannot say what the library holds, every card offers to add and adding still works", async ({ page }) => {
  const [a] = await createTasks([{ prompt: "membership unknown", pendingMs: 0, processingMs: 0 }]);
  await addToLibrary([a!]);
  let asked = 0;
  await page.route("**/api/library/contains", (route) => {
    asked += 1;
    return route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "internal", message: "The database is away." } }) });
  });
  await page.goto("/lookup");
  await lookUp(page, a!);
  await expect(card(page, a!)).toHaveAttribute("data-state", "completed");
  // TanStack Query asks 3 more times (1, 2, 4 s apart) before it gives up: the offer holds after that.
  await expect.poll(() => asked, { timeout: 15_000 }).toBe(4);
  await page.waitForTimeout(500);
  await card(page, a!).getByRole("button", { name: "Add to gallery" }).click();
  await expect(page.getByText("Already in your gallery.")).toBeVisible();
  await expect(card(page, a!).getByRole("button", { name: /In your gallery/ })).toBeDisabled();
});

test("looks up thousands of ids through one registered watch instead of refusing them", async ({ page }) => {
  const ids = Array.from({ length: 2000 }, () => unknownId());
  const watched: number[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/watches") watched.push((JSON.parse(request.postData() ?? "{}") as { ids: string[] }).ids.length);
  });
  await page.goto("/lookup");
  await lookUp(page, ids.join("\n"));
  await expect(page.getByText("Found 2,000 task ids")).toBeVisible();
  await expect(page.getByText("2,000 not found")).toBeVisible({ timeout: 30_000 });
  await expect(card(page, ids[0]!)).toHaveAttribute("data-state", "not_found");
  // Too long for a link: the address bar does not pretend to carry them.
  await expect(page).toHaveURL(/\/lookup$/);
  // One virtualized grid, no "Show more": scrolling reaches the last card.
  await expect(page.getByRole("button", { name: /Show .* more/ })).toHaveCount(0);
  const last = card(page, ids[1999]!);
  // Until it is on screen, not merely rendered in the rows kept beyond the viewport's edge.
  const onScreen = async () => {
    if (!(await last.isVisible())) return false;
    const box = await last.boundingBox();
    return box !== null && box.y >= 0 && box.y + box.height <= page.viewportSize()!.height;
  };
  for (let i = 0; i < 300 && !(await onScreen()); i++) await page.mouse.wheel(0, 4000);
  await expect(last).toHaveAttribute("data-state", "not_found");
  await expect(last).toBeInViewport();
  expect(watched).toEqual([2000]);

  // The address is the nav's own, and its "Look up" still starts afresh; opened in a new tab, it leaves this one alone.
  const navLookUp = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Look up" });
  const [tab] = await Promise.all([page.context().waitForEvent("page"), navLookUp.click({ modifiers: ["ControlOrMeta"] })]);
  await tab.close();
  await expect(last).toHaveAttribute("data-state", "not_found");
  await expect(page.getByLabel("Task IDs")).not.toHaveValue("");
  await navLookUp.click();
  await expect(page.getByLabel("Task IDs")).toHaveValue("");
  await expect(page.locator("[data-task-id]")).toHaveCount(0);
  await expect(page).toHaveURL(/\/lookup$/);
});

test("finished tasks stay answered long after they loaded, in every view: nothing empties the task cache under it", async ({ context }) => {
  const [a, b] = await createTasks([
    { prompt: "kept on screen one", pendingMs: 0, processingMs: 0 },
    { prompt: "kept on screen two", pendingMs: 0, processingMs: 0 },
  ]);
  const views: Array<[string, (page: Page) => Promise<void>]> = [
    ["a lookup typed into the page", async (page) => {
      await page.goto("/lookup");
      await lookUp(page, `${a}\n${b}`);
    }],
    ["a shared set", (page) => page.goto(`/?ids=${a},${b}`).then(() => {})],
    ["a task page", (page) => page.goto(`/tasks/${a}`).then(() => {})],
  ];
  for (const [name, open] of views) {
    const page = await context.newPage();
    await page.clock.install();
    await open(page);
    const shown = name === "a task page" ? [a!] : [a!, b!];
    for (const id of shown) await expect(card(page, id), name).toHaveAttribute("data-state", "completed");
    // Past TanStack's default garbage-collection time (5 minutes) for entries no observer holds.
    await page.clock.fastForward("10:00");
    await page.waitForTimeout(1_000);
    for (const id of shown) await expect(card(page, id), `${name}, 10 minutes on`).toHaveAttribute("data-state", "completed");
    await page.close();
  }
});

test("says when the gateway fails and recovers by itself", async ({ page }) => {
  const [a] = await createTasks([{ prompt: "outage", pendingMs: 0, processingMs: 0 }]);
  await setFault({ mode: "500", count: 1000 });
  await page.goto("/lookup");
  await lookUp(page, a!);
  await expect(page.getByRole("alert").filter({ hasText: /gateway/ })).toBeVisible({ timeout: 20_000 });
  await setFault({ mode: "none" });
  await expect(card(page, a!)).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  // (Next's route announcer is also an alert; only the gateway one must go.)
  await expect(page.getByRole("alert").filter({ hasText: /gateway/ })).toHaveCount(0);
});

/**
 * The page's layout shifts, recorded from its first frame: what CLS adds up, or with `afterInput`
 * also those CLS forgives for following a click (the reader still sees them).
 */
async function recordShifts(page: Page, { afterInput = false } = {}) {
  await page.addInitScript((afterInput) => {
    const shifts: { value: number; moved: string[] }[] = [];
    (window as unknown as { __shifts: typeof shifts }).__shifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources: { node?: Node }[] })[]) {
        if (afterInput || !entry.hadRecentInput) shifts.push({ value: entry.value, moved: entry.sources.map((s) => (s.node as Element | undefined)?.outerHTML?.slice(0, 60) ?? "?") });
      }
    }).observe({ type: "layout-shift", buffered: true });
  }, afterInput);
  return async () => {
    const shifts = await page.evaluate(() => (window as unknown as { __shifts: { value: number; moved: string[] }[] }).__shifts);
    return { cls: shifts.reduce((sum, { value }) => sum + value, 0), shifts };
  };
}

test("a lookup link and a share link are rendered with their answers: the first screen is laid out once and nothing moves after", async ({ browser, request }) => {
  // Fresh tasks of six shapes: until the gateway answers, nothing knows how wide a card is.
  const ratios = ["16:9", "9:16", "1:1", "4:3", "3:4", "21:9"];
  const ids = await createTasks(Array.from({ length: 24 }, (_, i) => ({ prompt: `first screen ${i}`, aspectRatio: ratios[i % ratios.length], pendingMs: 0, processingMs: 0 })));
  for (const path of [`/lookup?ids=${ids.join(",")}`, `/?ids=${ids.join(",")}`]) {
    const html = await (await request.get(path)).text();
    for (const id of ids) expect(html, `${path}: the server's HTML has ${id} answered`).toMatch(new RegExp(`data-task-id="${id}"[^>]*data-state="completed"`));
    for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
      const page = await browser.newPage({ viewport });
      const shifts = await recordShifts(page);
      await page.goto(path);
      await expect(page.locator('[data-task-id][data-state="completed"]')).toHaveCount(ids.length);
      // The stream and the library's answer come after load: give them time to move something.
      await page.waitForTimeout(1_500);
      const { cls, shifts: seen } = await shifts();
      expect(cls, `${path} at ${viewport.width}px: ${JSON.stringify(seen)}`).toBeLessThan(0.0005);
      await page.close();
    }
  }
});

test("a lookup typed into the page shows its cards at their own sizes: nothing moves once they are there", async ({ browser }) => {
  const ratios = ["16:9", "9:16", "1:1", "4:3", "3:4", "21:9"];
  for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
    const ids = await createTasks(Array.from({ length: 24 }, (_, i) => ({ prompt: `typed lookup ${i}`, aspectRatio: ratios[i % ratios.length], pendingMs: 0, processingMs: 0 })));
    const page = await browser.newPage({ viewport });
    const shifts = await recordShifts(page, { afterInput: true });
    await page.goto("/lookup");
    await lookUp(page, ids.join("\n"));
    await expect(page.locator('[data-task-id][data-state="completed"]')).toHaveCount(ids.length);
    await page.waitForTimeout(1_500);
    const { cls, shifts: seen } = await shifts();
    expect(cls, `at ${viewport.width}px: ${JSON.stringify(seen)}`).toBeLessThan(0.0005);
    await page.close();
  }
});

test("a lookup link does not wait long for a gateway that hangs: its cards are answered in the browser", async ({ page, request }) => {
  const [a] = await createTasks([{ prompt: "slow gateway", pendingMs: 0, processingMs: 0 }]);
  await setFault({ mode: "hang" });
  const started = Date.now();
  const response = await request.get(`/lookup?ids=${a}`);
  const ms = Date.now() - started;
  expect(response.status()).toBe(200);
  // Well before the gateway's own timeout (2 s here): the render gave up waiting at its deadline.
  expect(ms).toBeLessThan(1_600);
  expect(await response.text()).toMatch(new RegExp(`data-task-id="${a}"[^>]*data-state="loading"`));
  await setFault({ mode: "none" });
  await page.goto(`/lookup?ids=${a}`);
  await expect(card(page, a!)).toHaveAttribute("data-state", "completed", { timeout: 20_000 });
});

test("the lookup page has no serious accessibility violations", async ({ page }) => {
  const [a] = await createTasks([{ prompt: "accessible", pendingMs: 0, processingMs: 0 }]);
  await page.goto(`/lookup?ids=${a},${unknownId()}`);
  await expect(card(page, a!)).toHaveAttribute("data-state", "completed");
  // The page as it is once its script runs, not only the server's HTML of it.
  await expect(page.locator('[role="grid"][data-layout="rows"]')).toBeAttached();
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
