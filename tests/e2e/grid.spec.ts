import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { addToLibrary, createTasks, done, resetSim, setShape, uniqueWord } from "./sim";

// The justified grid every view shares: density, stable layout, keyboard, selection, the player's URL.

const RATIOS = ["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9", "9:21"];
// Cards of the live grid (its server-rendered first screen comes before the page is interactive).
const card = (page: Page, id: string) => page.locator(`[data-layout="rows"] [data-task-id="${id}"]`);
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-task-id") ?? null);
const boxes = (page: Page) =>
  page.locator("[data-task-id]").evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute("data-task-id")!, x: r.x, y: r.y + window.scrollY, width: r.width, height: r.height };
    }),
  );

test.afterEach(async () => {
  await resetSim();
});

test("a gallery of 60 mixed-ratio tasks shows at least 15 cards on a 1440×900 first screen, and nothing moves when thumbnails load", async ({ page }) => {
  const now = Date.now();
  const word = uniqueWord();
  const ids = await createTasks(
    Array.from({ length: 60 }, (_, i) => done({ prompt: `${word} density ${i}`, aspectRatio: RATIOS[i % RATIOS.length], createdAt: now - i * 1000, thumbDelayMs: 1_500 })),
  );
  await page.setViewportSize({ width: 1440, height: 900 });
  await addToLibrary(ids, word);
  await page.goto(`/?q=${word}`);
  await expect(card(page, ids[0]!)).toHaveAttribute("data-state", "completed");
  const before = await boxes(page);

  const onFirstScreen = before.filter((b) => b.y >= 0 && b.y + b.height / 2 <= 900);
  console.log(`first screen at 1440×900: ${onFirstScreen.length} cards (at least half visible)`);
  expect(onFirstScreen.length).toBeGreaterThanOrEqual(15);

  // Rows are justified: the cards of the first row end at the same right edge as the second's.
  const rowsByY = new Map<number, number>();
  for (const b of before) rowsByY.set(Math.round(b.y), Math.max(rowsByY.get(Math.round(b.y)) ?? 0, b.x + b.width));
  const rights = [...rowsByY.entries()].sort((a, b) => a[0] - b[0]).map(([, right]) => right);
  expect(Math.abs(rights[0]! - rights[1]!)).toBeLessThanOrEqual(1);
  // Each card keeps its own ratio: a 9:16 card is taller than wide, a 21:9 one much wider than tall.
  const tall = before.find((b) => b.id === ids[1])!;
  const wide = before.find((b) => b.id === ids[7])!;
  expect(tall.height / tall.width).toBeCloseTo(16 / 9, 1);
  expect(wide.width / wide.height).toBeCloseTo(1568 / 672, 1);

  const firstImg = card(page, ids[0]!).locator("img");
  await expect.poll(() => firstImg.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 10_000 }).toBe(true);
  expect(await boxes(page)).toEqual(before);
  await page.screenshot({ path: "test-results/grid-desktop.png" });
});

test("on a phone the grid shows about two 16:9 cards a row", async ({ page }) => {
  const ids = await createTasks(Array.from({ length: 6 }, (_, i) => done({ prompt: `phone ${i}` })));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/?ids=${ids.join(",")}`);
  await expect(card(page, ids[5]!)).toHaveAttribute("data-state", "completed");
  const b = await boxes(page);
  const firstRow = b.filter((x) => Math.abs(x.y - b[0]!.y) < 1);
  expect(firstRow).toHaveLength(2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("the grid is one tab stop: arrows move by visual position, Enter opens the player at its own URL, Back closes it", async ({ page }) => {
  const ids = await createTasks(
    Array.from({ length: 14 }, (_, i) => done({ prompt: `keys ${i}`, aspectRatio: RATIOS[i % RATIOS.length], createdAt: Date.now() - i * 1000 })),
  );
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/?ids=${ids.join(",")}`);
  await expect(card(page, ids[13]!)).toHaveAttribute("data-state", "completed");
  await expect(page.locator('[role="gridcell"][tabindex="0"]')).toHaveCount(1);

  // Tab from the control before the grid lands on its first card; the next Tab leaves the grid.
  await page.getByRole("combobox", { name: "Sort" }).focus();
  await page.keyboard.press("Tab");
  await expect.poll(() => focusedId(page)).toBe(ids[0]);
  await page.keyboard.press("Tab");
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest("[role=grid]") === null)).toBe(true);
  await card(page, ids[0]!).focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => focusedId(page)).toBe(ids[1]);
  // The focused card shows it: a ring, not only its buttons.
  const ring = (el: Element) => [el.matches(":focus-visible"), getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth];
  expect(await card(page, ids[1]!).evaluate(ring)).toEqual([true, "solid", "2px"]);
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => focusedId(page)).toBe(ids[0]);

  // Down and up go to the card of the neighbouring row whose centre is nearest horizontally.
  await page.keyboard.press("ArrowRight");
  const all = await boxes(page);
  const centre = (b: { x: number; width: number }) => b.x + b.width / 2;
  const nearest = (fromId: string, direction: 1 | -1) => {
    const from = all.find((b) => b.id === fromId)!;
    const ys = all.map((b) => b.y).filter((y) => (direction === 1 ? y > from.y + 1 : y < from.y - 1));
    const rowY = direction === 1 ? Math.min(...ys) : Math.max(...ys);
    return all
      .filter((b) => Math.abs(b.y - rowY) < 1)
      .sort((a, b) => Math.abs(centre(a) - centre(from)) - Math.abs(centre(b) - centre(from)))[0]!.id;
  };
  const below = nearest(ids[1]!, 1);
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => focusedId(page)).toBe(below);
  const above = nearest(below, -1);
  await page.keyboard.press("ArrowUp");
  await expect.poll(() => focusedId(page)).toBe(above);
  await page.keyboard.press("End");
  await expect.poll(() => focusedId(page)).toBe(ids[13]);
  await page.keyboard.press("Home");
  await expect.poll(() => focusedId(page)).toBe(ids[0]);
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => focusedId(page)).toBe(ids[1]);
  await expect(page.locator('[role="gridcell"][tabindex="0"]')).toHaveCount(1);
  await expect(card(page, ids[1]!)).toHaveAttribute("tabindex", "0");

  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "keys 1" })).toBeVisible();
  expect(new URL(page.url()).searchParams.get("play")).toBe(ids[1]);
  // The player's ←/→ follow the grid's order.
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("dialog", { name: "keys 2" })).toBeVisible();
  expect(new URL(page.url()).searchParams.get("play")).toBe(ids[2]);

  await page.goBack();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get("play")).toBeNull();
  expect(new URL(page.url()).searchParams.get("ids")).toBe(ids.join(","));
  await expect.poll(() => focusedId(page)).toBe(ids[2]);

  // A link to the open player opens it; closing it takes ?play= off the address.
  await page.goto(`/?ids=${ids.join(",")}&play=${ids[5]}`);
  await expect(page.getByRole("dialog", { name: "keys 5" })).toBeVisible();
  await page.getByRole("button", { name: "Close player" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get("play")).toBeNull();
});

test("x and Shift+click select, Esc clears, f toggles a favourite that sticks", async ({ page }) => {
  const word = uniqueWord();
  const ids = await createTasks(Array.from({ length: 6 }, (_, i) => done({ prompt: `${word} select ${i}`, createdAt: Date.now() - i * 1000 })));
  await addToLibrary(ids, word);
  await page.goto(`/?q=${word}`);
  await expect(card(page, ids[5]!)).toHaveAttribute("data-state", "completed");

  await card(page, ids[0]!).focus();
  await page.keyboard.press("x");
  await expect(card(page, ids[0]!)).toHaveAttribute("aria-selected", "true");
  await expect(page.getByText("1 selected")).toBeVisible();
  await card(page, ids[3]!).click({ modifiers: ["Shift"] });
  for (const id of ids.slice(0, 4)) await expect(card(page, id)).toHaveAttribute("aria-selected", "true");
  await expect(card(page, ids[4]!)).toHaveAttribute("aria-selected", "false");
  await expect(page.getByText("4 selected")).toBeVisible();
  // While something is selected, a plain click selects too instead of playing.
  await card(page, ids[5]!).click();
  await expect(page.getByText("5 selected")).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  // Esc clears from anywhere outside a dialog, here from the selection bar's own button.
  await page.getByRole("button", { name: "Share as a collection" }).focus();
  await page.keyboard.press("Escape");
  await expect(page.locator('[aria-selected="true"]')).toHaveCount(0);
  await expect(page.getByText(/selected$/)).toHaveCount(0);
  // Ctrl+click starts a selection too; Esc on a card clears it.
  await card(page, ids[1]!).click({ modifiers: ["Control"] });
  await expect(card(page, ids[1]!)).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await card(page, ids[1]!).focus();
  await page.keyboard.press("Escape");
  await expect(card(page, ids[1]!)).toHaveAttribute("aria-selected", "false");

  // Remove selected takes them out of the library.
  await card(page, ids[4]!).focus();
  await page.keyboard.press("x");
  await page.getByRole("button", { name: "Remove selected" }).click();
  await expect(card(page, ids[4]!)).toHaveCount(0);

  const favorite = card(page, ids[2]!).getByRole("button", { name: "Favorite" });
  await expect(favorite).toHaveAttribute("aria-pressed", "false");
  await card(page, ids[2]!).focus();
  const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().endsWith(`/api/library/${ids[2]}`));
  await page.keyboard.press("f");
  await expect(favorite).toHaveAttribute("aria-pressed", "true");
  expect((await saved).status()).toBe(200);
  await page.reload();
  await expect(card(page, ids[2]!).getByRole("button", { name: "Favorite" })).toHaveAttribute("aria-pressed", "true");
  await card(page, ids[2]!).getByRole("button", { name: "Favorite" }).click();
  await expect(card(page, ids[2]!).getByRole("button", { name: "Favorite" })).toHaveAttribute("aria-pressed", "false");
});

test("a swipe in the player moves to the next video", async ({ page }) => {
  const ids = await createTasks([done({ prompt: "swipe one", createdAt: Date.now() - 1000 }), done({ prompt: "swipe two", createdAt: Date.now() - 2000 })]);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/?ids=${ids.join(",")}&play=${ids[0]}`);
  await expect(page.getByRole("dialog", { name: "swipe one" })).toBeVisible();
  const area = page.getByRole("dialog").locator("[data-swipe-area]");
  const swipe = async (fromX: number, toX: number) => {
    await area.dispatchEvent("pointerdown", { pointerType: "touch", pointerId: 7, clientX: fromX, clientY: 300, isPrimary: true });
    await area.dispatchEvent("pointerup", { pointerType: "touch", pointerId: 7, clientX: toX, clientY: 310, isPrimary: true });
  };
  await swipe(300, 100);
  await expect(page.getByRole("dialog", { name: "swipe two" })).toBeVisible();
  await swipe(100, 300);
  await expect(page.getByRole("dialog", { name: "swipe one" })).toBeVisible();
});

test("the player shows the whole prompt with a copy button, the task's details and its raw JSON", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await setShape("official");
  const prompt = "A very long prompt about a lighthouse keeper who paints the sea every morning, ".repeat(4).trim();
  const [id] = await createTasks([done({ prompt })]);
  await page.goto(`/?ids=${id}&play=${id}`);
  const dialog = page.getByRole("dialog");
  await expect(dialog.locator("[data-prompt]")).toHaveText(prompt);
  await dialog.getByRole("button", { name: "Copy prompt" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(prompt);
  const details = dialog.locator("dl");
  await expect(details).toContainText("Model");
  await expect(details).toContainText("ray-2");
  await expect(details).toContainText("Created");
  await expect(details).toContainText("Finished");
  await expect(details).toContainText(id!);
  const raw = dialog.locator("details");
  await expect(raw.locator("pre")).toBeHidden();
  await raw.locator("summary").click();
  await expect(raw.locator("pre")).toContainText(`"id": "${id}"`);
});

test("a failed task opens in the player with its reason; the grid, a selection and the player pass axe", async ({ page }) => {
  const word = uniqueWord();
  const ids = await createTasks([
    done({ prompt: `${word} fine`, createdAt: Date.now() - 1000 }),
    done({ prompt: `${word} broken`, outcome: "failed", failureReason: "Prompt flagged by moderation", createdAt: Date.now() - 2000 }),
  ]);
  await addToLibrary(ids, word);
  await page.goto(`/?q=${word}`);
  await expect(card(page, ids[1]!)).toHaveAttribute("data-state", "failed");
  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);

  await card(page, ids[0]!).focus();
  await page.keyboard.press("x");
  await expect(page.getByText("1 selected")).toBeVisible();
  expect(await serious()).toEqual([]);
  await page.keyboard.press("Escape");

  await card(page, ids[1]!).click();
  const dialog = page.getByRole("dialog", { name: `${word} broken` });
  await expect(dialog).toContainText("Prompt flagged by moderation");
  await expect(dialog.locator("video")).toHaveCount(0);
  expect(await serious()).toEqual([]);
  // ← goes to the previous task in the grid's order, the completed one, which plays.
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("dialog", { name: "fine" }).locator("video")).toHaveCount(1);
});

test("the gallery's server HTML already holds the first screen's cards, sized and placed where the grid keeps them", async ({ page, browser, request }) => {
  const now = Date.now();
  const word = uniqueWord();
  const ids = await createTasks(
    Array.from({ length: 14 }, (_, i) => done({ prompt: `${word} server ${i}`, aspectRatio: RATIOS[i % RATIOS.length], createdAt: now - i * 1000 })),
  );
  await addToLibrary(ids, word);

  // The HTML itself: every card in order, with its ratio, the first thumbnails fetched first and eagerly.
  const html = await (await request.get(`/?q=${word}`)).text();
  expect([...html.matchAll(/data-task-id="([^"]+)"/g)].map((m) => m[1])).toEqual(ids);
  const imgs = [...html.matchAll(/<img[^>]*>/g)].map((m) => m[0]).filter((img) => !img.includes('src="/icon.svg"'));
  expect(imgs).toHaveLength(14);
  expect(imgs[0]).toMatch(/fetchpriority="high"/i);
  expect(imgs[0]).not.toMatch(/loading="lazy"/);
  expect(imgs.at(-1)).toMatch(/loading="lazy"/);
  // Served resized by this app, at the widths its route offers, not fetched full-size from the media host.
  expect(imgs[0]).toMatch(new RegExp(`srcset="/api/tasks/${ids[0]}/thumbnail\\?w=128 128w`, "i"));
  expect(imgs[0]).toMatch(/sizes="[^"]+"/);

  for (const viewport of [{ width: 1440, height: 900 }, { width: 412, height: 823 }]) {
    // Without script: the server's HTML laid out by CSS alone.
    const noScript = await browser.newContext({ javaScriptEnabled: false, viewport });
    const staticPage = await noScript.newPage();
    await staticPage.goto(`/?q=${word}`);
    const served = await boxes(staticPage);
    await noScript.close();
    expect(served.map((b) => b.id)).toEqual(ids);

    await page.setViewportSize(viewport);
    await page.goto(`/?q=${word}`);
    // Hydrated and measured: the virtualized grid has taken over.
    await expect(page.locator('[role="grid"][data-layout="rows"]')).toBeVisible();
    const hydrated = await boxes(page);
    const first = page.locator(`[data-task-id="${ids[0]}"] img`).first();
    await expect.poll(() => first.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const loaded = new URL(await first.evaluate((img: HTMLImageElement) => img.currentSrc));
    expect(loaded.origin).toBe(new URL(page.url()).origin);
    expect(loaded.pathname).toBe(`/api/tasks/${ids[0]}/thumbnail`);
    expect(Number(loaded.searchParams.get("w"))).toBeGreaterThan(0);
    expect(hydrated.map((b) => b.id)).toEqual(ids);
    hydrated.forEach((b, i) => {
      const s = served[i]!;
      for (const key of ["x", "y", "width", "height"] as const) expect(Math.abs(b[key] - s[key]), `${viewport.width}px, card ${i} ${key}`).toBeLessThanOrEqual(1);
    });
  }
});

test("every thumbnail in the server's HTML shows as soon as it arrives, without waiting for the page's script", async ({ browser }) => {
  const now = Date.now();
  const word = uniqueWord();
  const ids = await createTasks(
    Array.from({ length: 24 }, (_, i) => done({ prompt: `${word} no script ${i}`, aspectRatio: RATIOS[i % RATIOS.length], createdAt: now - i * 1000 })),
  );
  await addToLibrary(ids, word);
  for (const viewport of [{ width: 1440, height: 900 }, { width: 412, height: 823 }]) {
    const noScript = await browser.newContext({ javaScriptEnabled: false, viewport });
    const page = await noScript.newPage();
    await page.goto(`/?q=${word}`);
    const thumbnails = page.locator("[data-task-id] img");
    await expect(thumbnails).toHaveCount(ids.length);
    const onScreen = () =>
      thumbnails.evaluateAll((imgs) =>
        imgs
          .filter((img) => img.getBoundingClientRect().top < window.innerHeight)
          .map((img) => ({
            loaded: (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
            opacity: getComputedStyle(img).opacity,
            loading: img.getAttribute("loading"),
          })),
      );
    await expect.poll(async () => (await onScreen()).every((t) => t.loaded), { message: `${viewport.width}px: first screen loaded` }).toBe(true);
    const shown = await onScreen();
    expect(shown.length, `${viewport.width}px`).toBeGreaterThan(5);
    expect(shown.map((t) => t.opacity), `${viewport.width}px`).toEqual(shown.map(() => "1"));
    // A phone's first screen is fetched eagerly, with the HTML, not after layout behind the page's script.
    if (viewport.width < 500) expect(shown.map((t) => t.loading)).toEqual(shown.map(() => "eager"));
    await noScript.close();
  }
});

test("the first screen's thumbnails are the server's elements, painted once: the virtualized grid keeps its whole rows until they are scrolled past", async ({ page }) => {
  const now = Date.now();
  const word = uniqueWord();
  const ids = await createTasks(
    Array.from({ length: 60 }, (_, i) => done({ prompt: `${word} once ${i}`, aspectRatio: RATIOS[i % RATIOS.length], createdAt: now - i * 1000 })),
  );
  await addToLibrary(ids, word);
  // Every <img> the HTML parser makes (React's own elements are not seen here).
  await page.addInitScript(() => {
    const parsed = new WeakSet<Element>();
    (window as unknown as { __parsed: WeakSet<Element> }).__parsed = parsed;
    new MutationObserver((records) => {
      for (const record of records) record.addedNodes.forEach((node) => node instanceof HTMLImageElement && parsed.add(node));
    }).observe(document, { childList: true, subtree: true });
  });
  for (const viewport of [{ width: 1440, height: 900 }, { width: 412, height: 823 }]) {
    await page.setViewportSize(viewport);
    await page.goto(`/?q=${word}`);
    await expect(page.locator('[role="grid"][data-layout="rows"]')).toBeVisible();
    const onScreen = await page.locator("[data-task-id] img").evaluateAll((imgs) =>
      imgs
        .filter((img) => img.getBoundingClientRect().top < window.innerHeight)
        .map((img) => (window as unknown as { __parsed: WeakSet<Element> }).__parsed.has(img)),
    );
    expect(onScreen.length, `${viewport.width}px`).toBeGreaterThan(3);
    expect(onScreen.every(Boolean), `${viewport.width}px: first-screen thumbnails made by the parser`).toBe(true);

    // Scrolled to the end and back, the grid still shows every card where the layout puts it.
    await page.locator(`[data-task-id="${ids[0]}"]`).focus();
    await page.keyboard.press("End");
    await expect(card(page, ids.at(-1)!)).toBeFocused();
    await page.keyboard.press("Home");
    await expect(card(page, ids[0]!)).toBeFocused();
    await expect(card(page, ids[1]!)).toBeVisible();
  }
});

test("nothing shifts while the gallery of a dozen finished tasks loads: CLS 0", async ({ page }) => {
  const now = Date.now();
  const word = uniqueWord();
  const ids = await createTasks(
    Array.from({ length: 12 }, (_, i) => done({ prompt: `${word} shift ${i}`, aspectRatio: RATIOS[i % RATIOS.length], createdAt: now - i * 1000, thumbDelayMs: 800 })),
  );
  await addToLibrary(ids, word);
  await page.addInitScript(() => {
    const shifts: { value: number; moved: string[] }[] = [];
    (window as unknown as { __shifts: typeof shifts }).__shifts = shifts;
    type Source = { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly };
    const rect = (r: DOMRectReadOnly) => `${r.x},${r.y} ${r.width}×${r.height}`;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources: Source[] })[]) {
        if (entry.hadRecentInput) continue;
        const moved = entry.sources.map((s) => `${(s.node as Element | undefined)?.outerHTML?.slice(0, 80) ?? s.node?.nodeName}: ${rect(s.previousRect)} → ${rect(s.currentRect)}`);
        shifts.push({ value: entry.value, moved });
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  // The last pass on a slow link: the page's HTML arrives in pieces, and a browser paints what it has parsed.
  const passes = [{ width: 1440, height: 900, kbPerSecond: 0 }, { width: 412, height: 823, kbPerSecond: 0 }, { width: 1440, height: 900, kbPerSecond: 24 }];
  for (const { kbPerSecond, ...viewport } of passes) {
    await page.setViewportSize(viewport);
    const throughput = kbPerSecond > 0 ? kbPerSecond * 1024 : -1;
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: kbPerSecond > 0 ? 40 : 0, downloadThroughput: throughput, uploadThroughput: throughput });
    await page.goto(`/?q=${word}`, { timeout: 60_000 });
    await expect(card(page, ids[0]!)).toHaveAttribute("data-state", "completed", { timeout: 60_000 });
    const firstImg = card(page, ids[0]!).locator("img");
    await expect.poll(() => firstImg.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 60_000 }).toBe(true);
    // The live stream connects after load and may hand over fresh task objects: give it a moment.
    await page.waitForTimeout(1_500);
    const shifts = await page.evaluate(() => (window as unknown as { __shifts: { value: number; moved: string[] }[] }).__shifts);
    // CLS as Lighthouse reports it (three decimals): a sub-pixel rounding of one card (~1e-5) is 0.000 there, a card that moves is not.
    const cls = shifts.reduce((sum, { value }) => sum + value, 0);
    expect(cls, `layout shifts at ${viewport.width}px${kbPerSecond ? ` over ${kbPerSecond} KB/s` : ""}: ${JSON.stringify(shifts)}`).toBeLessThan(0.0005);
  }
});
