import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { addToLibrary, createTasks, done, resetSim, setFault, uniqueWord } from "./sim";

// Light and dark, English and Chinese, against the production build and the real simulator.

test.afterEach(async () => {
  await resetSim();
});

/** Relative luminance of the page background, 0 (black) to 1 (white). */
const backgroundLuminance = (page: Page) =>
  page.evaluate(() => {
    const canvas = document.createElement("canvas").getContext("2d")!;
    canvas.fillStyle = getComputedStyle(document.body).backgroundColor;
    canvas.fillRect(0, 0, 1, 1);
    const [r, g, b] = canvas.getImageData(0, 0, 1, 1).data;
    return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
  });

/**
 * Relative luminance of an element's background colour, its alpha left aside (a canvas hands back
 * the colour unmixed); NaN for no background at all, which no comparison passes.
 */
const luminanceOf = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => {
    const canvas = document.createElement("canvas").getContext("2d")!;
    canvas.fillStyle = getComputedStyle(el).backgroundColor;
    canvas.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
    return a === 0 ? NaN : (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
  });

async function seriousAxeFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("follows the system's light or dark preference when nothing is chosen", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/lookup");
  expect(await backgroundLuminance(page)).toBeGreaterThan(0.9);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await backgroundLuminance(page)).toBeLessThan(0.1);
});

test("the theme switch is remembered and the server renders it, so a reload does not flash", async ({ page, context, request }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/lookup");
  const themes = page.getByRole("group", { name: "Theme" });
  await expect(themes.getByRole("button", { name: "System theme" })).toHaveAttribute("aria-pressed", "true");
  await themes.getByRole("button", { name: "Light theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  expect(await backgroundLuminance(page)).toBeGreaterThan(0.9);

  const cookie = (await context.cookies()).find((c) => c.name === "theme");
  expect(cookie?.value).toBe("light");
  // The first byte of HTML already says light: no script has to run before the first paint.
  const html = await (await request.get("/lookup", { headers: { Cookie: "theme=light" } })).text();
  expect(html).toMatch(/<html[^>]*data-theme="light"/);

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await expect(themes.getByRole("button", { name: "Light theme" })).toHaveAttribute("aria-pressed", "true");
  expect(await backgroundLuminance(page)).toBeGreaterThan(0.9);

  await themes.getByRole("button", { name: "System theme" }).click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
  expect(await backgroundLuminance(page)).toBeLessThan(0.1);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`axe finds nothing serious in the ${colorScheme} theme on /, /lookup and /tasks/{id}`, async ({ page }) => {
    test.setTimeout(120_000);
    const ids = await createTasks([
      done({ prompt: "a lighthouse in a storm", aspectRatio: "16:9" }),
      done({ prompt: "a paper boat", aspectRatio: "9:16", outcome: "failed", failureReason: "moderation" }),
      { prompt: "still going", pendingMs: 0, processingMs: 600_000 },
    ]);
    await page.emulateMedia({ colorScheme });
    for (const path of [`/?ids=${ids.join(",")}`, `/lookup?ids=${ids.join(",")}`, `/tasks/${ids[0]}`]) {
      await page.goto(path);
      await expect(page.locator(`[data-task-id="${ids[0]}"]`).first()).toHaveAttribute("data-state", "completed");
      expect(await backgroundLuminance(page)).toBeCloseTo(colorScheme === "light" ? 0.98 : 0.04, 1);
      expect({ path, findings: await seriousAxeFindings(page) }).toEqual({ path, findings: [] });
    }
  });
}

test("in the light theme a tile's controls stay dark over its picture, and its menu opens in the page's colours", async ({ page }) => {
  const word = uniqueWord();
  const [wide, square] = (await createTasks([done({ prompt: `${word} wide`, aspectRatio: "16:9" }), done({ prompt: `${word} square`, aspectRatio: "1:1" })])) as [string, string];
  await addToLibrary([wide, square], word);
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(`/?q=${word}`);
  const tile = (id: string) => `[data-layout="rows"] [data-task-id="${id}"]`;
  await expect(page.locator(tile(wide))).toHaveAttribute("data-state", "completed");
  expect(await backgroundLuminance(page)).toBeGreaterThan(0.9);
  await page.locator(tile(wide)).hover();
  for (const part of ['button[aria-label="Favorite"]', "[data-selection-check]"]) {
    expect(await luminanceOf(page, `${tile(wide)} ${part}`), part).toBeLessThan(0.1);
  }

  // A phone-width window: the square tile (80–100 px) offers its menu on hover.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.locator(tile(square)).hover();
  const menuButton = page.locator(`${tile(square)} button[aria-label^="More actions"]`);
  await expect(menuButton).toBeVisible();
  expect(await luminanceOf(page, `${tile(square)} button[aria-label^="More actions"]`)).toBeLessThan(0.1);
  await menuButton.click();
  await expect(page.locator("[popover]:popover-open")).toBeVisible();
  expect(await luminanceOf(page, "[popover]:popover-open")).toBeGreaterThan(0.9);
});

test("English by default: <html lang=en> and the SPEC's accessible names", async ({ page }) => {
  const [id] = await createTasks([done({ prompt: "names hold" })]);
  await page.goto(`/tasks/${id}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "Add to gallery" })).toBeVisible();
  // Lengths and dates go through the locale's formatters.
  await expect(page.locator("dt:text-is('Duration') + dd")).toHaveText(/^(\d+(\.\d)? s|\d+:\d\d)$/);
  await expect(page.locator("dt:text-is('Created') + dd")).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d\d:\d\d [AP]M UTC$/);
  await page.goto("/lookup");
  await expect(page.getByLabel("Task IDs")).toBeVisible();
  await expect(page.getByRole("button", { name: "Look up" })).toBeVisible();
});

test.describe("with Accept-Language zh-CN", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5" } });

  test("the server renders Simplified Chinese and says so in <html lang>", async ({ page, request }) => {
    const html = await (await request.get("/lookup")).text();
    expect(html).toMatch(/<html[^>]*lang="zh-CN"/);
    expect(html).toContain("查询任务");
    const [id] = await createTasks([done({ prompt: "中文页面" })]);
    await page.goto(`/tasks/${id}`);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "画廊", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "添加到画廊" })).toBeVisible();
    await expect(page.locator(`[data-task-id="${id}"]`)).toHaveAttribute("data-state", "completed");
    await expect(page.getByText("已完成", { exact: true })).toBeVisible();
    await expect(page.locator("dt:text-is('时长') + dd")).toHaveText(/^(\d+(\.\d)? 秒|\d+:\d\d)$/);
    await expect(page.locator("dt:text-is('创建时间') + dd")).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日/);
    // The CJK glyphs come from a real font: a missing one would draw the same box as an unassigned code point.
    const widths = await page.evaluate(() => {
      const ctx = document.createElement("canvas").getContext("2d")!;
      ctx.font = `16px ${getComputedStyle(document.body).fontFamily}`;
      return [ctx.measureText("画廊").width, ctx.measureText("\u{10FFFD}\u{10FFFD}").width];
    });
    expect(widths[0]).toBeGreaterThan(20);
    expect(widths[0]).not.toBe(widths[1]);
  });

  test("an outage notice says in Chinese what failed and that the cards are the last known", async ({ page }) => {
    const [running] = await createTasks([{ pendingMs: 0, processingMs: 60_000, prompt: "停电中" }]);
    await page.goto(`/?ids=${running}`);
    await expect(page.locator(`[data-task-id="${running}"]`).first()).toHaveAttribute("data-state", "processing");
    await setFault("500");
    const alert = page.getByRole("alert").filter({ hasText: "HTTP 500" });
    // What kind of failure, in Chinese; the server's own (English) sentence is quoted after it, marked as English.
    await expect(alert).toContainText("网关返回了错误。 显示的是最后已知的状态；恢复后会自动更新。", { timeout: 20_000 });
    await expect(alert.locator('[lang="en"]')).toContainText("HTTP 500");
    await expect(alert).not.toContainText("Showing what was last known");
  });

  test("the language switch is remembered over the browser's languages", async ({ page, context }) => {
    await page.goto("/lookup");
    const language = page.getByRole("combobox", { name: "语言" });
    await expect(language).toHaveValue("zh");
    await language.selectOption("en");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Gallery", exact: true })).toBeVisible();
    expect((await context.cookies()).find((c) => c.name === "NEXT_LOCALE")?.value).toBe("en");
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("combobox", { name: "Language" })).toHaveValue("en");
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
    await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  });
});

test("public/ serves the icons and manifest the layout links", async ({ request }) => {
  const html = await (await request.get("/lookup")).text();
  const head = html.slice(0, html.indexOf("</head>"));
  expect(head).toContain('<link rel="manifest" href="/manifest.webmanifest"');
  expect(head).toContain('<link rel="icon" href="/icon.svg" type="image/svg+xml"');
  expect(head).toContain('<link rel="apple-touch-icon" href="/apple-touch-icon.png"');
  for (const [path, type] of [
    ["/icon.svg", "image/svg+xml"],
    ["/favicon.ico", "image/"],
    ["/apple-touch-icon.png", "image/png"],
    ["/icon-192.png", "image/png"],
    ["/icon-512.png", "image/png"],
    ["/manifest.webmanifest", "application/manifest+json"],
  ] as const) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toContain(type);
  }
  const manifest = (await (await request.get("/manifest.webmanifest")).json()) as { icons: { src: string }[] };
  for (const icon of manifest.icons) expect((await request.get(icon.src)).status(), icon.src).toBe(200);
});
