import { chromium, expect, test, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "../../scripts/lib/browser";
import { APP_URL } from "./env";
import { addToLibrary, clearLibrary, createTasks, done, getLibrary, resetSim, setFault, setShape, uniqueWord, unknownId } from "./sim";

// Fit and finish in the gallery (the server library): removal that Undo takes back without loss,
// removal's place on a touch screen, and what narrow tiles keep, by touch and by mouse. Each test
// looks at its own tasks (a word in the prompts).

// Cards of the hydrated grid: a server-rendered card can show before the page takes keys and clicks.
const card = (page: Page, id: string) => page.locator(`[data-layout="rows"] [data-task-id="${id}"]`);
const gridOrder = (page: Page) => page.locator('[role="grid"] [data-task-id]').evaluateAll((cells) => cells.map((c) => c.getAttribute("data-task-id")));
/** The one live notice that offers Undo. */
const undoNotice = (page: Page) => page.getByRole("status").filter({ has: page.getByRole("button", { name: "Undo" }) });

async function libraryItem(id: string) {
  const response = await fetch(`${APP_URL}/api/library/${id}`);
  if (response.status === 404) return null;
  // What a removal and its Undo must keep; the task's own media links may be refreshed meanwhile.
  const { addedAt, favorite, source } = (await response.json()) as { addedAt: string; favorite: boolean; source: string };
  return { id, addedAt, favorite, source };
}

/** Three finished tasks in the library, newest first as listed: [a, b, c]. */
async function threeInLibrary(word: string) {
  const now = Date.now();
  const ids = await createTasks([
    done({ prompt: `${word} first`, createdAt: now - 1_000 }),
    done({ prompt: `${word} second`, createdAt: now - 2_000 }),
    done({ prompt: `${word} third`, createdAt: now - 3_000 }),
  ]);
  await addToLibrary(ids, word);
  return ids as [string, string, string];
}

test.afterEach(async () => {
  await resetSim();
});

test("remove then Undo loses nothing: the favourite, the added time and the place survive a reload", async ({ page }) => {
  const word = uniqueWord();
  const [a, b, c] = await threeInLibrary(word);
  await page.goto(`/?q=${word}`);
  await expect(card(page, c)).toBeVisible();

  const favorite = card(page, b).getByRole("button", { name: "Favorite" });
  const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().endsWith(`/api/library/${b}`));
  await card(page, b).hover();
  await favorite.click();
  await saved;
  const before = await libraryItem(b);
  expect(before).toMatchObject({ favorite: true });
  const order = await gridOrder(page);
  expect(order).toEqual([a, b, c]);

  await card(page, b).hover();
  await page.getByRole("button", { name: `Remove from gallery: ${word} second` }).click();
  await expect(card(page, b)).toHaveCount(0);
  await expect(undoNotice(page)).toHaveCount(1);
  await expect(undoNotice(page)).toContainText("Removed 1 task from the gallery.");
  // Nothing is carried out while Undo is on offer.
  expect(await libraryItem(b)).toEqual(before);
  await expect(page.getByRole("button", { name: "All 2", exact: false })).toBeVisible();

  await undoNotice(page).getByRole("button", { name: "Undo" }).click();
  await expect(card(page, b)).toBeVisible();
  await expect(undoNotice(page)).toHaveCount(0);
  await page.reload();
  await expect(card(page, c)).toBeVisible();
  expect(await gridOrder(page)).toEqual(order);
  await expect(card(page, b).getByRole("button", { name: "Favorite" })).toHaveAttribute("aria-pressed", "true");
  expect(await libraryItem(b)).toEqual(before);
});

test("a removal is carried out when its notice ends, and when the page is left before that", async ({ page }) => {
  const word = uniqueWord();
  const [a, b] = await threeInLibrary(word);
  await page.goto(`/?q=${word}`);
  // From the keyboard: the card's own Remove button; focus moves on to the next card, not to the page.
  await card(page, a).focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveAttribute("aria-label", `Remove from gallery: ${word} first`);
  await page.keyboard.press("Enter");
  await expect(undoNotice(page)).toBeVisible();
  await expect(card(page, b)).toBeFocused();
  expect(await libraryItem(a)).not.toBeNull();
  // A few seconds, then gone for good.
  await expect(undoNotice(page)).toHaveCount(0, { timeout: 15_000 });
  await expect.poll(() => libraryItem(a)).toBeNull();
  await expect(card(page, a)).toHaveCount(0);

  // Leaving while the notice shows: the removal goes out with the page, not half-done.
  await card(page, b).hover();
  await page.getByRole("button", { name: `Remove from gallery: ${word} second` }).click();
  await expect(undoNotice(page)).toBeVisible();
  await page.goto("/lookup");
  await expect.poll(() => libraryItem(b), { timeout: 5_000 }).toBeNull();
  expect((await getLibrary({ q: word })).counts.all).toBe(1);
});

test("removing a selection offers Undo too, and Undo brings every card back", async ({ page }) => {
  const word = uniqueWord();
  const [a, b, c] = await threeInLibrary(word);
  await page.goto(`/?q=${word}`);
  await card(page, a).click({ modifiers: ["Control"] });
  await card(page, c).click({ modifiers: ["Control"] });
  await expect(page.getByText("2 selected")).toBeVisible();
  await page.getByRole("button", { name: "Remove selected" }).click();
  await expect(card(page, a)).toHaveCount(0);
  await expect(card(page, c)).toHaveCount(0);
  await expect(undoNotice(page)).toContainText("Removed 2 tasks from the gallery.");
  // A pointer moved onto the notice holds it past its time (6 s), so Undo can be reached.
  await undoNotice(page).hover();
  await page.waitForTimeout(7_000);
  await expect(undoNotice(page)).toContainText("Removed 2 tasks from the gallery.");
  expect((await getLibrary({ q: word })).counts.all).toBe(3);
  await undoNotice(page).getByRole("button", { name: "Undo" }).click();
  expect(await gridOrder(page)).toEqual([a, b, c]);

  // The notice takes the place of the selection's bar, under the resting pointer: it runs out all the same.
  await card(page, b).click({ modifiers: ["Control"] });
  await page.getByRole("button", { name: "Remove selected" }).click();
  await expect(undoNotice(page)).toBeVisible();
  await expect(undoNotice(page)).toHaveCount(0, { timeout: 15_000 });
  await expect.poll(async () => (await getLibrary({ q: word })).counts.all).toBe(2);
  await page.reload();
  await expect(card(page, a)).toBeVisible();
  expect(await gridOrder(page)).toEqual([a, c]);
});

/** Eleven finished tasks of mixed ratios, two of them failed (a 9:16 and a 1:1), newest first; the prompt of task i. */
const failedIndexes = [3, 4];

async function markFavorite(id: string) {
  const response = await fetch(`${APP_URL}/api/library/${id}`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ favorite: true }) });
  if (!response.ok) throw new Error(`PATCH /api/library/${id}: HTTP ${response.status}`);
}

async function mixedRatios(word: string) {
  const now = Date.now();
  const ratios = ["16:9", "9:16", "16:9", "9:16", "1:1", "16:9", "9:16", "16:9", "9:16", "3:4", "4:3"];
  const failed = new Set(failedIndexes);
  const prompt = (i: number) => `${word} narrow ${i}, a long prompt about a misty valley`;
  const ids = await createTasks(
    ratios.map((aspectRatio, i) =>
      done({ prompt: prompt(i), aspectRatio, createdAt: now - i * 1_000, ...(failed.has(i) ? { outcome: "failed", failureReason: "Prompt flagged by the moderation filter" } : {}) }),
    ),
  );
  return { ids, prompt };
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** What shows on each tile of the hydrated grid: its check, the buttons one can see, its badge and its texts. */
async function tileFaces(page: Page, state: "completed" | "failed") {
  return page.locator(`[data-layout="rows"] [data-task-id][data-state="${state}"]`).evaluateAll((cards) =>
    cards.map((c) => {
      const box = (el: Element) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      };
      const area = (el: Element) => el.getBoundingClientRect().width * el.getBoundingClientRect().height;
      const badge = c.querySelector("[data-state-badge]");
      const reason = c.querySelector("[data-failure-reason]");
      const mark = c.querySelector("[data-favorite-mark]");
      return {
        id: c.getAttribute("data-task-id")!,
        width: c.getBoundingClientRect().width,
        tile: box(c),
        check: box(c.querySelector("[data-selection-check]")!),
        // Buttons one can see: laid out and not faded out (a menu's button fades with its wrapper).
        buttons: [...c.querySelectorAll("button")]
          .filter((b) => b.getBoundingClientRect().width > 0 && getComputedStyle(b).opacity !== "0" && getComputedStyle(b.parentElement!).opacity !== "0")
          .map((b) => ({ name: b.getAttribute("aria-label")!.replace(/:.*/, ""), ...box(b) })),
        promptOpacity: getComputedStyle(c.querySelector("p[title]")!).opacity,
        badge: badge ? { ...box(badge), text: badge.textContent, wordArea: area(badge.lastElementChild!) } : null,
        reason: reason ? { ...box(reason), opacity: getComputedStyle(reason).opacity, background: getComputedStyle(reason).backgroundColor } : null,
        mark: mark && getComputedStyle(mark).display !== "none" ? box(mark) : null,
      };
    }),
  );
}

test("on a touch phone narrow tiles keep their check clear of buttons, their picture clear of a clipped prompt, and the check selects", async ({ browser }) => {
  const word = uniqueWord();
  const { ids, prompt } = await mixedRatios(word);
  // The envelope shape is the gateway answer that carries a progress figure.
  await setShape("envelope");
  const [running] = await createTasks([{ prompt: `${word} still running`, aspectRatio: "16:9", pendingMs: 0, processingMs: 120_000 }]);
  await addToLibrary([...ids, running!], word);
  // Favourites among the failed tiles: the mark of a narrow one must stay clear of its state.
  await Promise.all(failedIndexes.map((i) => markFavorite(ids[i]!)));
  const phone = await browser.newContext({ baseURL: APP_URL, viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, hasTouch: true, isMobile: true });
  const page = await phone.newPage();
  await page.goto(`/?q=${word}`);
  for (const id of ids) await expect(card(page, id)).toBeVisible();
  expect(await page.evaluate(() => matchMedia("(hover: none)").matches)).toBe(true);

  // A narrow running tile: its badge would sit under the buttons, so its middle label takes the percent.
  const runningTile = card(page, running!);
  await expect(runningTile).toHaveAttribute("data-state", "processing");
  expect((await runningTile.boundingBox())!.width).toBeLessThan(240);
  // Out of sight (its box clipped to a pixel), still read out; the label shows what it said.
  const badge = runningTile.locator("[data-state-badge]");
  expect(await badge.evaluate((b) => { const r = b.parentElement!.getBoundingClientRect(); return r.width * r.height; })).toBeLessThanOrEqual(1);
  await expect(badge).toHaveText(/^Processing \d+%$/);
  await expect(runningTile.locator("p[aria-hidden]").filter({ has: page.locator("[data-elapsed]") })).toHaveText(/^Processing \d+% · \d+:\d\d$/, { useInnerText: true });

  const tiles = await tileFaces(page, "completed");
  const widths = `tile widths: ${tiles.map((t) => Math.round(t.width)).join(", ")}`;
  const tiny = tiles.filter((t) => t.width < 80);
  const narrow = tiles.filter((t) => t.width >= 80 && t.width < 120);
  const wide = tiles.filter((t) => t.width >= 150);
  for (const group of [tiny, narrow, wide]) expect(group.length, widths).toBeGreaterThan(0);
  for (const t of tiles) {
    const expected = t.width < 80 ? [] : t.width < 120 ? ["More actions"] : ["Favorite", "More actions"];
    expect(t.buttons.map((b) => b.name), `the buttons of a ${Math.round(t.width)} px tile`).toEqual(expected);
    for (const button of t.buttons) expect(overlaps(button, t.check), `${button.name} over the check on a ${Math.round(t.width)} px tile`).toBe(false);
    if (t.buttons.length === 2) expect(overlaps(t.buttons[0]!, t.buttons[1]!), `the buttons over each other on a ${Math.round(t.width)} px tile`).toBe(false);
    expect(t.promptOpacity, `the prompt on a ${Math.round(t.width)} px tile`).toBe(t.width < 150 ? "0" : "1");
  }

  // Failed tiles (a tiny one and one of 96–208 px): the badge sits in the middle, clear of the
  // check and the buttons; the tiny one keeps its dot, the word left to screen readers; the
  // reason waits for the player (a touch screen has no hover).
  const failed = await tileFaces(page, "failed");
  const failedWidths = `failed tile widths: ${failed.map((t) => Math.round(t.width)).join(", ")}`;
  expect(failed.some((t) => t.width < 80) && failed.some((t) => t.width >= 96 && t.width < 208), failedWidths).toBe(true);
  for (const t of failed) {
    const at = `on a ${Math.round(t.width)} px failed tile`;
    const b = t.badge!;
    expect(b.text, at).toBe("Failed");
    expect(b.left >= t.tile.left && b.right <= t.tile.right, `the badge inside the tile ${at}`).toBe(true);
    expect(Math.abs((b.top + b.bottom) / 2 - (t.tile.top + t.tile.bottom) / 2), `the badge in the middle ${at}`).toBeLessThan(2);
    expect(overlaps(b, t.check), `the badge over the check ${at}`).toBe(false);
    for (const button of t.buttons) expect(overlaps(button, b), `${button.name} over the badge ${at}`).toBe(false);
    if (t.width < 96) expect(b.wordArea, `the badge's word ${at}`).toBeLessThanOrEqual(1);
    else expect(b.wordArea, `the badge's word ${at}`).toBeGreaterThan(100);
    expect(t.reason!.opacity, `the reason ${at}`).toBe("0");
    if (t.width < 120) {
      expect(t.mark, `the favourite mark ${at}`).not.toBeNull();
      expect(overlaps(t.mark!, b), `the favourite mark over the badge ${at}`).toBe(false);
      expect(t.mark!.left >= t.tile.left && t.mark!.top >= t.tile.top, `the favourite mark inside the tile ${at}`).toBe(true);
    }
  }
  expect(failed.some((t) => t.width >= 80 && t.width < 120 && t.tile.bottom - t.tile.top < 124), `a short failed tile of 80–120 px: ${failedWidths}`).toBe(true);

  // A narrow tile's favourite lives in its menu.
  const { id } = narrow[0]!;
  const title = prompt(ids.indexOf(id));
  await card(page, id).getByRole("button", { name: `More actions: ${title}` }).tap();
  const favorite = page.getByRole("menu", { name: `More actions: ${title}` }).getByRole("menuitemcheckbox", { name: "Favorite" });
  await expect(favorite).toHaveAttribute("aria-checked", "false");
  await favorite.tap();
  await expect.poll(async () => (await libraryItem(id))?.favorite).toBe(true);
  // No star on its face: a mark under the check says so.
  await expect(card(page, id).locator("[data-favorite-mark]")).toBeVisible();
  await card(page, id).getByRole("button", { name: `More actions: ${title}` }).tap();
  await expect(favorite).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("Escape");

  // A tap on a tiny tile's check selects it; a tap on its picture opens it only when nothing is selected.
  const tinyTile = card(page, tiny[0]!.id);
  await tinyTile.locator("[data-selection-check]").tap();
  await expect(tinyTile).toHaveAttribute("aria-selected", "true");
  // Had that tap opened the player, its modal dialog would take this one.
  await tinyTile.locator("[data-selection-check]").tap();
  await expect(tinyTile).toHaveAttribute("aria-selected", "false");
  await tinyTile.tap();
  const player = page.getByRole("dialog", { name: prompt(ids.indexOf(tiny[0]!.id)) });
  await expect(player).toBeVisible();

  // With no star on the tile, the player holds its favourite (a tap, or f).
  const isFavorite = async () => (await libraryItem(tiny[0]!.id))?.favorite;
  const playerStar = player.getByRole("button", { name: "Favorite" });
  await expect(playerStar).toHaveAttribute("aria-pressed", "false");
  await playerStar.tap();
  await expect(playerStar).toHaveAttribute("aria-pressed", "true");
  await expect.poll(isFavorite).toBe(true);
  await page.keyboard.press("f");
  await expect(playerStar).toHaveAttribute("aria-pressed", "false");
  await expect.poll(isFavorite).toBe(false);
  await phone.close();
});

test("a running tile's middle label fits its width: state and time on one line, the time on its own line below 150 px, the time alone below 80 px", async ({ browser }) => {
  const word = uniqueWord();
  // The array shape: the gateway's answer carries the aspect ratio, but no progress figure.
  const now = Date.now();
  const [wide, square, portrait] = (await createTasks([
    { prompt: `${word} wide`, aspectRatio: "16:9", pendingMs: 0, processingMs: 120_000, createdAt: now },
    { prompt: `${word} square`, aspectRatio: "1:1", pendingMs: 0, processingMs: 120_000, createdAt: now - 1_000 },
    { prompt: `${word} portrait`, aspectRatio: "9:16", pendingMs: 0, processingMs: 120_000, createdAt: now - 2_000 },
  ])) as [string, string, string];
  await addToLibrary([wide, square, portrait], word);
  const phone = await browser.newContext({ baseURL: APP_URL, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await phone.newPage();
  await page.goto(`/?q=${word}`);
  const label = (id: string) => card(page, id).locator("p[aria-hidden]").filter({ has: page.locator("[data-elapsed]") });
  await expect(label(wide)).toHaveText(/\d:\d\d/, { useInnerText: true });

  const widths = await Promise.all([wide, square, portrait].map(async (id) => Math.round((await card(page, id).boundingBox())!.width)));
  const [w, s, p] = widths as [number, number, number];
  expect(w >= 150 && w < 240 && s >= 80 && s < 150 && p < 80, `tile widths ${widths.join(", ")}`).toBe(true);
  await expect(label(wide)).toHaveText(/^Processing · \d+:\d\d$/, { useInnerText: true });
  await expect(label(square)).toHaveText(/^Processing\n\d+:\d\d$/, { useInnerText: true });
  await expect(label(portrait)).toHaveText(/^\d+:\d\d$/, { useInnerText: true });
  for (const id of [wide, square, portrait]) {
    const tile = (await card(page, id).boundingBox())!;
    const pill = (await label(id).locator("> span").boundingBox())!;
    expect(pill.x >= tile.x && pill.x + pill.width <= tile.x + tile.width, `the label inside its ${Math.round(tile.width)} px tile`).toBe(true);
  }
  await phone.close();
});

test("with a mouse in a phone-width window narrow tiles trade their buttons for the menu; a failed one shows its state in the middle and its reason on hover", async ({ browser }) => {
  const word = uniqueWord();
  const { ids, prompt } = await mixedRatios(word);
  await addToLibrary(ids, word);
  const narrowWindow = await browser.newContext({ baseURL: APP_URL, viewport: { width: 390, height: 844 } });
  const page = await narrowWindow.newPage();
  await page.goto(`/?q=${word}`);
  for (const id of ids) await expect(card(page, id)).toBeVisible();
  expect(await page.evaluate(() => matchMedia("(hover: hover)").matches)).toBe(true);

  const widths = (await tileFaces(page, "completed")).map((t) => ({ id: t.id, width: t.width }));
  const bands = `tile widths: ${widths.map((t) => Math.round(t.width)).join(", ")}`;
  for (const [low, high] of [[0, 80], [80, 100], [100, 1000]]) expect(widths.some((t) => t.width >= low! && t.width < high!), bands).toBe(true);
  for (const { id, width } of widths) {
    await card(page, id).hover();
    const face = async () => (await tileFaces(page, "completed")).find((f) => f.id === id)!;
    const expected = width < 80 ? [] : width < 100 ? ["More actions"] : ["Favorite", "Remove from gallery"];
    await expect.poll(async () => (await face()).buttons.map((b) => b.name), `the buttons of a ${Math.round(width)} px tile on hover`).toEqual(expected);
    const t = await face();
    for (const button of t.buttons) expect(overlaps(button, t.check), `${button.name} over the check on a ${Math.round(width)} px tile`).toBe(false);
    if (t.buttons.length === 2) expect(overlaps(t.buttons[0]!, t.buttons[1]!), `the buttons over each other on a ${Math.round(width)} px tile`).toBe(false);
  }

  // The menu of an 80–100 px tile offers what its buttons would: the favourite, then a mark under the check.
  const menuTile = widths.find((t) => t.width >= 80 && t.width < 100)!;
  const title = prompt(ids.indexOf(menuTile.id));
  await card(page, menuTile.id).hover();
  await card(page, menuTile.id).getByRole("button", { name: `More actions: ${title}` }).click();
  const menu = page.getByRole("menu", { name: `More actions: ${title}` });
  await expect(menu.getByRole("menuitem", { name: "Remove from gallery" })).toBeVisible();
  await menu.getByRole("menuitemcheckbox", { name: "Favorite" }).click();
  await expect.poll(async () => (await libraryItem(menuTile.id))?.favorite).toBe(true);
  await page.mouse.move(0, 0);
  await expect(card(page, menuTile.id).locator("[data-favorite-mark]")).toBeVisible();

  // A failed tile under 208 px: its badge in the middle, a selected one's too; on hover its reason,
  // as a panel below the check and the buttons.
  const failed = (await tileFaces(page, "failed")).filter((t) => t.width < 208);
  expect(failed.length, `failed tile widths: ${(await tileFaces(page, "failed")).map((t) => Math.round(t.width)).join(", ")}`).toBeGreaterThan(0);
  for (const { id, width } of failed) {
    const at = `on a ${Math.round(width)} px failed tile`;
    const before = (await tileFaces(page, "failed")).find((face) => face.id === id)!;
    expect(before.reason!.opacity, `the reason before hover ${at}`).toBe("0");
    expect(Math.abs((before.badge!.left + before.badge!.right) / 2 - (before.tile.left + before.tile.right) / 2), `the badge in the middle ${at}`).toBeLessThan(2);
    await card(page, id).hover();
    await expect.poll(async () => (await tileFaces(page, "failed")).find((face) => face.id === id)!.reason!.opacity, `the reason on hover ${at}`).toBe("1");
    const hovered = (await tileFaces(page, "failed")).find((face) => face.id === id)!;
    const panel = hovered.reason!;
    expect(panel.background, `the panel's background ${at}`).not.toBe("rgba(0, 0, 0, 0)");
    // Clear of the check's 34 px target and of the buttons; down to the tile's foot, over the badge.
    expect(panel.top, `the reason below the check ${at}`).toBeGreaterThanOrEqual(hovered.check.bottom + 4);
    for (const button of hovered.buttons) expect(button.bottom, `${button.name} above the reason ${at}`).toBeLessThanOrEqual(panel.top);
    expect(Math.abs(panel.bottom - hovered.tile.bottom), `the reason to the tile's foot ${at}`).toBeLessThan(2);
    expect(panel.top < hovered.badge!.top && panel.bottom > hovered.badge!.bottom, `the reason over the badge ${at}`).toBe(true);
    // A click on the check still selects, and the selected tile's badge stays in the middle.
    await card(page, id).locator("[data-selection-check]").click();
    await expect(card(page, id)).toHaveAttribute("aria-selected", "true");
    const selected = (await tileFaces(page, "failed")).find((face) => face.id === id)!;
    expect(Math.abs((selected.badge!.left + selected.badge!.right) / 2 - (selected.tile.left + selected.tile.right) / 2), `a selected badge in the middle ${at}`).toBeLessThan(2);
    await card(page, id).locator("[data-selection-check]").click();
    await expect(card(page, id)).toHaveAttribute("aria-selected", "false");
  }
  await narrowWindow.close();
});

test("on a touch tablet a failed tile's reason starts below its buttons, a selected tile's ring is drawn over its picture, and the header scrolls with the page only on a phone", async ({ browser }) => {
  const word = uniqueWord();
  const now = Date.now();
  const [failed, finished] = (await createTasks([
    done({ prompt: `${word} failed`, createdAt: now, outcome: "failed", failureReason: "The request exceeded the account's concurrency capacity" }),
    done({ prompt: `${word} finished`, createdAt: now - 1_000 }),
  ])) as [string, string];
  await addToLibrary([failed, finished], word);
  const tablet = await browser.newContext({ baseURL: APP_URL, viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: true });
  const page = await tablet.newPage();
  await page.goto(`/?q=${word}`);
  await expect(card(page, failed)).toHaveAttribute("data-state", "failed");
  const face = (await tileFaces(page, "failed")).find((t) => t.id === failed)!;
  expect(face.width, "a failed tile wide enough to show its reason").toBeGreaterThanOrEqual(208);
  expect(face.reason!.opacity).toBe("1");
  for (const button of face.buttons) expect(face.reason!.top, `the reason below ${button.name}`).toBeGreaterThanOrEqual(button.bottom);

  await card(page, finished).locator("[data-selection-check]").tap();
  await expect(card(page, finished)).toHaveAttribute("aria-selected", "true");
  const ring = (id: string) => card(page, id).locator("> div").first().evaluate((media) => getComputedStyle(media, "::after").boxShadow);
  expect(await ring(finished)).toContain("4px");
  expect(await ring(failed)).toBe("none");

  const position = () => page.locator("header").first().evaluate((header) => getComputedStyle(header).position);
  expect(await position()).toBe("sticky");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await position()).not.toBe("sticky");
  await tablet.close();
});

test("on a touch phone removal lives in the card's menu, not on its face", async ({ browser }) => {
  const word = uniqueWord();
  const [a, b] = await threeInLibrary(word);
  const phone = await browser.newContext({ baseURL: APP_URL, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await phone.newPage();
  await page.goto(`/?q=${word}`);
  await expect(card(page, a)).toBeVisible();
  expect(await page.evaluate(() => matchMedia("(hover: none)").matches || matchMedia("(pointer: coarse)").matches)).toBe(true);

  await expect(card(page, a).getByRole("button", { name: `Remove from gallery: ${word} first` })).toBeHidden();
  const menuButton = card(page, a).getByRole("button", { name: `More actions: ${word} first` });
  await expect(menuButton).toBeVisible();
  const size = (await menuButton.boundingBox())!;
  expect(Math.min(size.width, size.height)).toBeGreaterThanOrEqual(36);

  await menuButton.tap();
  const menu = page.getByRole("menu", { name: `More actions: ${word} first` });
  await expect(menu.getByRole("menuitem", { name: "Open task page" })).toHaveAttribute("href", `/tasks/${a}`);
  // A tap elsewhere closes it, removing nothing.
  const heading = (await page.getByRole("heading", { level: 1 }).boundingBox())!;
  await page.touchscreen.tap(heading.x + 10, heading.y + heading.height / 2);
  await expect(menu).toHaveCount(0);
  await expect(card(page, a)).toBeVisible();

  await menuButton.tap();
  await menu.getByRole("menuitem", { name: "Remove from gallery" }).tap();
  await expect(card(page, a)).toHaveCount(0);
  await expect(undoNotice(page)).toBeVisible();
  await undoNotice(page).getByRole("button", { name: "Undo" }).tap();
  await expect(card(page, a)).toBeVisible();
  await expect(card(page, b)).toBeVisible();
  expect((await getLibrary({ q: word })).counts.all).toBe(3);
  await phone.close();
});

test("on a laptop with a touch screen the card's buttons are in sight and finger-sized, and removal is in the menu", async () => {
  const word = uniqueWord();
  const [a] = await threeInLibrary(word);
  // A touch laptop: its primary pointer is a trackpad that hovers, and a finger is one of its pointers.
  const laptop = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: [...CHROMIUM_ARGS, "--blink-settings=primaryPointerType=4,primaryHoverType=2,availablePointerTypes=6,availableHoverTypes=3"],
  });
  const page = await laptop.newPage({ baseURL: APP_URL, viewport: { width: 1280, height: 800 } });
  await page.goto(`/?q=${word}`);
  await expect(card(page, a)).toBeVisible();
  expect(await page.evaluate(() => [matchMedia("(hover: hover)").matches, matchMedia("(any-pointer: coarse)").matches])).toEqual([true, true]);
  // The pointer rests away from the grid: nothing is hovered.
  await page.mouse.move(5, 5);

  const opacity = (name: string) => card(page, a).getByRole("button", { name }).evaluate((el) => getComputedStyle(el).opacity);
  const star = card(page, a).getByRole("button", { name: "Favorite" });
  const menuButton = card(page, a).getByRole("button", { name: `More actions: ${word} first` });
  // A finger cannot hover, so what hover would reveal is shown; an unseen Remove could be tapped by mistake.
  await expect(card(page, a).getByRole("button", { name: `Remove from gallery: ${word} first` })).toBeHidden();
  await expect.poll(() => opacity("Favorite")).toBe("1");
  await expect.poll(() => opacity(`More actions: ${word} first`)).toBe("1");
  for (const button of [star, menuButton]) {
    const box = (await button.boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(36);
  }

  await menuButton.click();
  await page.getByRole("menu", { name: `More actions: ${word} first` }).getByRole("menuitem", { name: "Remove from gallery" }).click();
  await expect(card(page, a)).toHaveCount(0);
  await expect(undoNotice(page)).toBeVisible();
  await laptop.close();
});

test("on a phone the selection's actions float at the foot of the screen: choosing a card moves no card, and scrolling hides nothing under the header", async ({ browser }) => {
  const word = uniqueWord();
  const now = Date.now();
  const ids = await createTasks(Array.from({ length: 30 }, (_, i) => done({ prompt: `${word} ${i}`, createdAt: now - i * 1_000 })));
  await addToLibrary(ids, word);
  const phone = await browser.newContext({ baseURL: APP_URL, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await phone.newPage();
  await page.goto(`/?q=${word}`);
  const [first, second] = [card(page, ids[0]!), card(page, ids[1]!)];
  await expect(first).toBeVisible();
  const before = (await second.boundingBox())!;
  await first.locator("[data-selection-check]").tap();
  await expect(first).toHaveAttribute("aria-selected", "true");
  const bar = page.getByRole("region", { name: "Selection" });
  const remove = bar.getByRole("button", { name: "Remove selected" });
  await expect(remove).toBeVisible();
  expect((await second.boundingBox())!.y, "the next card after the bar appeared").toBeCloseTo(before.y, 0);

  await page.evaluate(() => window.scrollTo(0, 1500));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
  const box = (await remove.boundingBox())!;
  const header = (await page.locator("header").first().boundingBox())!;
  expect(box.y, "the bar below the header").toBeGreaterThanOrEqual(header.y + header.height);
  expect(box.y + box.height, "the bar on the screen").toBeLessThanOrEqual(844);
  // Nothing covers it: a tap there reaches the button.
  expect(await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest("button")?.textContent, [box.x + box.width / 2, box.y + box.height / 2])).toBe("Remove selected");
  await phone.close();
});

test("ids the gateway does not know sort last under every order, have their own filter, and go in one action", async ({ page }) => {
  // Needs the library to itself: its order is what is looked at.
  await clearLibrary();
  const word = uniqueWord();
  const found = await createTasks([
    done({ prompt: `${word} older`, createdAt: Date.now() - 60_000 }),
    done({ prompt: `${word} newer`, createdAt: Date.now() - 30_000 }),
  ]);
  await addToLibrary(found, word);
  // Pasted after the real ones: the newest additions of all.
  const missing = [unknownId(), unknownId(), unknownId()];
  await addToLibrary(missing);
  await expect.poll(async () => (await getLibrary()).counts.notFound, { timeout: 15_000 }).toBe(3);

  await page.goto("/");
  await expect(page.locator('[role="grid"] [data-task-id]')).toHaveCount(5);
  const states = () => page.locator('[role="grid"] [data-task-id]').evaluateAll((cells) => cells.map((c) => c.getAttribute("data-state")));
  expect(await states()).toEqual(["completed", "completed", "not_found", "not_found", "not_found"]);
  await page.getByRole("combobox", { name: "Sort" }).selectOption("oldest");
  await expect(page).toHaveURL(/sort=oldest/);
  await expect.poll(() => gridOrder(page)).toEqual([found[0], found[1], expect.any(String), expect.any(String), expect.any(String)]);
  expect(await states()).toEqual(["completed", "completed", "not_found", "not_found", "not_found"]);

  await page.getByRole("button", { name: "Not found 3" }).click();
  await expect(page).toHaveURL(/state=not_found/);
  await expect.poll(async () => (await gridOrder(page)).sort()).toEqual([...missing].sort());

  await page.goto("/");
  await page.getByRole("button", { name: "Remove all not found" }).click();
  await expect(page.locator('[role="grid"] [data-state="not_found"]')).toHaveCount(0);
  await expect(undoNotice(page)).toContainText("Removed 3 tasks from the gallery.");
  await undoNotice(page).getByRole("button", { name: "Undo" }).click();
  await expect(page.locator('[role="grid"] [data-state="not_found"]')).toHaveCount(3);
  await page.getByRole("button", { name: "Remove all not found" }).click();
  await expect(undoNotice(page)).toHaveCount(0, { timeout: 15_000 });
  await expect.poll(async () => (await getLibrary()).counts).toMatchObject({ all: 2, notFound: 0 });
  await expect(page.getByRole("button", { name: "Remove all not found" })).toHaveCount(0);
});

test("the shared view and the lookup both ask before adding ids the gateway does not know", async ({ page }) => {
  const word = uniqueWord();
  const [a, b, c, d] = await createTasks([done({ prompt: `${word} a` }), done({ prompt: `${word} b` }), done({ prompt: `${word} c` }), done({ prompt: `${word} d` })]) as [string, string, string, string];
  const [x, y] = [unknownId(), unknownId()];

  await page.goto(`/?ids=${a},${x},${b}`);
  await expect(card(page, x)).toHaveAttribute("data-state", "not_found");
  await expect(card(page, b)).toHaveAttribute("data-state", "completed");
  await page.getByRole("button", { name: /Add all .*gallery/ }).click();
  const dialog = page.getByRole("dialog", { name: "1 of these 3 ids were not found. Add them anyway?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Add only the 2 found" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Added 2 tasks." })).toBeVisible();
  expect(await libraryItem(a)).not.toBeNull();
  expect(await libraryItem(b)).not.toBeNull();
  expect(await libraryItem(x)).toBeNull();

  await page.goto(`/lookup?ids=${c},${y},${d}`);
  await expect(card(page, y)).toHaveAttribute("data-state", "not_found");
  await expect(card(page, d)).toHaveAttribute("data-state", "completed");
  const addAll = page.getByRole("button", { name: "Add all to gallery" });
  await addAll.click();
  const asked = page.getByRole("dialog", { name: "1 of these 3 ids were not found. Add them anyway?" });
  await asked.getByRole("button", { name: "Cancel" }).click();
  await expect(asked).toBeHidden();
  expect(await libraryItem(c)).toBeNull();
  await addAll.click();
  await asked.getByRole("button", { name: "Add all 3 anyway" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 3 to your gallery" })).toBeVisible();
  expect(await libraryItem(y)).not.toBeNull();
  expect(await libraryItem(c)).not.toBeNull();
});

test("the gallery's paste box asks before adding ids the gateway does not know", async ({ page }) => {
  const word = uniqueWord();
  const [a, b] = (await createTasks([done({ prompt: `${word} a` }), done({ prompt: `${word} b` })])) as [string, string];
  const [x, y] = [unknownId(), unknownId()];
  await page.goto("/");
  const box = page.getByLabel("Task ids to add");
  const add = page.getByRole("button", { name: /^Add to gallery/ });

  await box.fill(`made by a script: ${a}\nthen ${x} and ${b}`);
  await expect(add).toHaveText("Add to gallery (3)");
  await add.click();
  const dialog = page.getByRole("dialog", { name: "1 of these 3 ids were not found. Add them anyway?" });
  await dialog.getByRole("button", { name: "Add only the 2 found" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 2 tasks." })).toBeVisible();
  expect(await libraryItem(a)).not.toBeNull();
  expect(await libraryItem(b)).not.toBeNull();
  expect(await libraryItem(x)).toBeNull();

  await box.fill(y);
  await add.click();
  await expect(page.getByRole("status").filter({ hasText: "None of these ids is known to the gateway" })).toBeVisible();
  expect(await libraryItem(y)).toBeNull();
});

test("while the gateway fails the paste box cannot tell unknown ids, so it adds what was pasted and nothing is lost", async ({ page }) => {
  const word = uniqueWord();
  const [a] = (await createTasks([done({ prompt: `${word} a` })])) as [string];
  const x = unknownId();
  await page.goto(`/?q=${word}`);
  const box = page.getByLabel("Task ids to add");
  const add = page.getByRole("button", { name: /^Add to gallery/ });
  await expect(async () => {
    await box.fill(`${a} ${x}`);
    await expect(add).toHaveText("Add to gallery (2)", { timeout: 1_000 });
  }).toPass();
  await setFault("500");
  try {
    await add.click();
    await expect(page.getByRole("status").filter({ hasText: "Added 2 tasks." })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole("dialog")).toHaveCount(0);
  } finally {
    await setFault("none");
  }
  expect(await libraryItem(a)).not.toBeNull();
  expect(await libraryItem(x)).not.toBeNull();
  // Read once the gateway is back: the unknown id is filed as not found.
  const status = async (id: string) => ((await (await fetch(`${APP_URL}/api/library/${id}`)).json()) as { status: string }).status;
  await expect.poll(() => status(x), { timeout: 20_000 }).toBe("not_found");
  await expect.poll(() => status(a), { timeout: 20_000 }).toBe("found");
});

test("on a touch phone the toolbar's chips, the sort, the actions and the header's switches are finger-sized", async ({ browser }) => {
  const word = uniqueWord();
  await threeInLibrary(word);
  const phone = await browser.newContext({ baseURL: APP_URL, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await phone.newPage();
  await page.goto(`/?q=${word}`);
  const targets = {
    "a state chip": page.getByRole("group", { name: "Filter by state" }).getByRole("button").first(),
    "the favourites chip": page.getByRole("button", { name: "Favorites" }),
    "the search box": page.getByRole("searchbox", { name: "Search prompts" }),
    "the sort": page.getByRole("combobox", { name: /Sort/ }),
    Export: page.getByRole("button", { name: "Export" }),
    "the language": page.getByRole("combobox", { name: "Language" }),
    "a theme button": page.getByRole("button", { name: "Dark theme" }),
  };
  for (const [name, target] of Object.entries(targets)) {
    const box = (await target.boundingBox())!;
    expect(Math.min(box.width, box.height), name).toBeGreaterThanOrEqual(40);
  }
  await phone.close();
});

test("the search and the sort take a row of their own under the chips, from its start, until the chips leave them room", async ({ page }) => {
  const word = uniqueWord();
  await threeInLibrary(word);
  await page.setViewportSize({ width: 700, height: 900 });
  await page.goto(`/?q=${word}`);
  const chips = page.getByRole("group", { name: "Filter by state" });
  const search = page.getByRole("searchbox", { name: "Search prompts" });
  const sort = page.getByRole("combobox", { name: /Sort/ });
  await expect(search).toBeVisible();
  let [c, s] = [(await chips.boundingBox())!, (await search.boundingBox())!];
  const o = (await sort.boundingBox())!;
  expect(s.y).toBeGreaterThanOrEqual(c.y + c.height);
  expect(Math.abs(s.x - c.x)).toBeLessThan(1);
  // The search fills the row up to the sort, which ends where the grid does.
  const grid = (await page.getByRole("grid").boundingBox())!;
  expect(Math.abs(o.x + o.width - (grid.x + grid.width))).toBeLessThan(1);
  expect(o.x - (s.x + s.width)).toBeLessThan(100);

  await page.setViewportSize({ width: 1440, height: 900 });
  [c, s] = [(await chips.boundingBox())!, (await search.boundingBox())!];
  expect(Math.abs(s.y + s.height / 2 - (c.y + c.height / 2))).toBeLessThan(4);
  expect(s.x).toBeGreaterThan(c.x + c.width);
});

test("a filter that matches nothing offers the way back to every task", async ({ page }) => {
  const word = uniqueWord();
  await page.goto(`/?fav=1&state=failed&q=${word}`);
  await expect(page.getByText("No tasks match this filter.")).toBeVisible();
  await page.getByRole("button", { name: "Show all tasks" }).click();
  await expect(page).toHaveURL(`${APP_URL}/`);
  await expect(page.getByRole("searchbox", { name: "Search prompts" })).toHaveValue("");
  await expect(page.getByRole("button", { name: "Favorites" })).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByRole("group", { name: "Filter by state" }).getByRole("button").first()).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText("No tasks match this filter.")).toHaveCount(0);
});
