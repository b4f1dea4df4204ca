import { expect, test, type Page } from "@playwright/test";
import { E2E_WEBHOOK_SECRET } from "./env";
import { addToLibrary, createTasks, done, getLibrary, LIBRARY_KEY, resetSim, seedV1Library, uniqueWord } from "./sim";

// The gallery over the server library: callbacks reaching an open page, the v1 move, collections,
// zips. The e2e app's library is shared by every spec: each test looks at its own tasks.

// Cards of the live grid (its server-rendered first screen comes before the page is interactive).
const card = (page: Page, id: string) => page.locator(`[data-layout="rows"] [data-task-id="${id}"]`);

test.afterEach(async () => {
  await resetSim();
});

test("a callback makes its task's card appear in an open gallery without a reload, within a second", async ({ page, browser }) => {
  const [id] = await createTasks([done({ prompt: `${uniqueWord()} called back` })]);
  const stream = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/events");
  await page.goto("/");
  expect(new URL((await stream).url()).searchParams.get("library")).toBe("1");
  await expect(card(page, id!)).toHaveCount(0);

  // Measured in the page: from sending the callback to the card being in the DOM.
  const elapsed = await page.evaluate(
    async ({ id, secret }) => {
      const started = performance.now();
      const appeared = new Promise<number>((resolve) => {
        const check = () => {
          if (document.querySelector(`[data-task-id="${id}"]`)) {
            observer.disconnect();
            resolve(performance.now() - started);
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true });
      });
      const answer = await fetch(`/api/hooks/luma/${secret}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ id, state: "completed" }) });
      if (answer.status !== 202) throw new Error(`callback answered ${answer.status}`);
      return appeared;
    },
    { id: id!, secret: E2E_WEBHOOK_SECRET },
  );
  console.log(`callback → card in an open gallery: ${Math.round(elapsed)} ms`);
  expect(elapsed).toBeLessThanOrEqual(1_000);
  await expect(card(page, id!)).toHaveAttribute("data-state", "completed");
  expect((await getLibrary({ limit: "200" })).items.find((item) => item.id === id)).toBeTruthy();

  // The gallery says where callbacks go, and that one has come.
  await page.reload();
  const info = page.locator("[data-callback-info]");
  await expect(info).toContainText("last callback");
  await info.locator("summary").click();
  await expect(info.locator("[data-callback-url]")).toHaveText(new URL(`/api/hooks/luma/${E2E_WEBHOOK_SECRET}`, page.url()).toString());

  // In Chinese: the time is worded as the rest of the page is, and the page hydrates without a
  // mismatch (the server's Node and the browser word a date each in their own default language).
  const chinese = await browser.newContext({ locale: "zh-CN" });
  const zhPage = await chinese.newPage();
  const errors: string[] = [];
  // Media of other specs' tasks, which the simulator has forgotten, may fail to load: not this test's business.
  zhPage.on("console", (message) => message.type() === "error" && !message.text().startsWith("Failed to load resource") && errors.push(message.text()));
  zhPage.on("pageerror", (error) => errors.push(error.message));
  await zhPage.goto(new URL("/", page.url()).toString());
  const zhInfo = zhPage.locator("[data-callback-info]");
  await expect(zhInfo).toContainText("最近一次回调");
  // Hydrated: the address the browser shows comes from its own origin.
  await zhInfo.locator("summary").click();
  await expect(zhInfo.locator("[data-callback-url]")).toContainText("http");
  expect(errors).toEqual([]);
  await expect(zhInfo.locator("summary time")).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日/);
  await chinese.close();
});

test("callbacks in quick succession each bring their card, though the gallery reopens its stream for every new card", async ({ page, request }) => {
  const word = uniqueWord();
  const ids = await createTasks([0, 1, 2, 3, 4].map((i) => done({ prompt: `${word} in a row ${i}` })));
  const stream = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/events");
  await page.goto("/");
  await stream;
  for (const id of ids) {
    expect((await request.post(`/api/hooks/luma/${E2E_WEBHOOK_SECRET}`, { data: { id, state: "completed" } })).status()).toBe(202);
    await page.waitForTimeout(150);
  }
  for (const id of ids) await expect(card(page, id)).toHaveAttribute("data-state", "completed", { timeout: 5_000 });
});

test("the state counts follow the library stream: a callback's task and its finish move them without a reload", async ({ page, request }) => {
  const word = uniqueWord();
  const [id] = await createTasks([{ prompt: `${word} counted live`, pendingMs: 0, processingMs: 5_000 }]);
  // Counts follow the search: only this test's task is counted.
  await page.goto(`/?q=${word}`);
  const chips = page.getByRole("group", { name: "Filter by state" });
  const chip = (name: string) => chips.getByRole("button", { name: new RegExp(`^${name}\\b`) });
  await expect(chip("All")).toHaveText(/All\s*0/);

  const answer = await request.post(`/api/hooks/luma/${E2E_WEBHOOK_SECRET}`, { data: { task_id: id, status: "IN_PROGRESS" } });
  expect(answer.status()).toBe(202);
  await expect(chip("All")).toHaveText(/All\s*1/);
  await expect(chip("Processing")).toHaveText(/Processing\s*1/);
  await expect(chip("Completed")).toHaveText(/Completed\s*0/);

  // It finishes upstream; the stream's push moves it from one count to the other.
  await expect(card(page, id!)).toHaveAttribute("data-state", "completed", { timeout: 15_000 });
  await expect(chip("Completed")).toHaveText(/Completed\s*1/);
  await expect(chip("Processing")).toHaveText(/Processing\s*0/);
  await expect(chip("All")).toHaveText(/All\s*1/);
});

test("a task that finished while no gallery was open is stored finished once a gallery sees it, so a reload shows it finished", async ({ page }) => {
  const word = uniqueWord();
  const [id] = await createTasks([{ prompt: `${word} finished unwatched`, pendingMs: 0, processingMs: 3_000 }]);
  await addToLibrary([id!], word);
  // The library read it running; nothing reads it again while no library stream is open.
  expect((await getLibrary({ q: word })).counts).toMatchObject({ processing: 1, completed: 0 });
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  expect((await getLibrary({ q: word })).counts).toMatchObject({ processing: 1, completed: 0 });

  // The page's stream reads it finished at connect: the library must keep that, not only the page.
  await page.goto(`/?q=${word}`);
  await expect(card(page, id!)).toHaveAttribute("data-state", "completed");
  await expect.poll(async () => (await getLibrary({ q: word })).counts, { timeout: 5_000 }).toMatchObject({ processing: 0, completed: 1 });
  await page.reload();
  await expect(page.locator(`[data-task-id="${id}"]`).first()).toHaveAttribute("data-state", "completed");
  await expect(page.getByRole("group", { name: "Filter by state" }).getByRole("button", { name: /^Processing\b/ })).toHaveText(/Processing\s*0/);
});

test("tasks arriving while the reader is scrolled down wait behind a button, so no card moves; the button or a scroll to the top lets them in", async ({ page, request }) => {
  const word = uniqueWord();
  const now = Date.now();
  const ids = await createTasks(Array.from({ length: 48 }, (_, i) => done({ prompt: `${word} ${i}`, createdAt: now - (i + 1) * 60_000 })));
  await addToLibrary(ids, word);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/?q=${word}`);
  await expect(card(page, ids[0]!)).toBeVisible();
  const arrive = async (label: string) => {
    const [id] = await createTasks([done({ prompt: `${word} ${label}`, createdAt: Date.now() })]);
    expect((await request.post(`/api/hooks/luma/${E2E_WEBHOOK_SECRET}`, { data: { task_id: id, status: "SUCCESS" } })).status()).toBe(202);
    return id!;
  };
  const under = () =>
    page.evaluate(() => {
      const cell = document.elementFromPoint(640, 500)?.closest<HTMLElement>("[data-task-id]");
      return cell ? { id: cell.dataset.taskId, top: Math.round(cell.getBoundingClientRect().top) } : null;
    });

  await page.evaluate(() => window.scrollTo(0, 1500));
  await expect.poll(under).not.toBeNull();
  const before = await under();
  const first = await arrive("first arrival");
  const button = page.getByRole("button", { name: "1 new task · Show" });
  await expect(button).toBeVisible();
  expect(await under()).toEqual(before);
  await expect(card(page, first)).toHaveCount(0);

  await button.click();
  await expect(card(page, first)).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(10);
  await expect(page.locator('[role="grid"] [data-task-id]').first()).toHaveAttribute("data-task-id", first);

  // Scrolled down again: the next arrival waits; a scroll back to the top lets it in.
  await page.evaluate(() => window.scrollTo(0, 1500));
  await expect.poll(under).not.toBeNull();
  const second = await arrive("second arrival");
  await expect(page.getByRole("button", { name: "1 new task · Show" })).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(card(page, second)).toBeVisible();
  await expect(page.getByRole("button", { name: /new task/ })).toHaveCount(0);
});

test("a browser with a v1 library is offered once to move it in, favourites included, and nothing is lost", async ({ page, browser }) => {
  const word = uniqueWord();
  const ids = await createTasks([0, 1, 2].map((i) => done({ prompt: `${word} old ${i}`, createdAt: Date.now() - i * 1000 })));
  await seedV1Library(page, ids, [ids[1]!]);
  await page.goto(`/?q=${word}`);
  const offer = page.getByRole("region", { name: "Gallery kept in this browser" });
  await expect(offer).toContainText("3 tasks");
  await offer.getByRole("button", { name: "Move 3 tasks in" }).click();
  await expect(page.getByText("Moved 3 tasks into the gallery.")).toBeVisible();
  for (const id of ids) await expect(card(page, id)).toHaveAttribute("data-state", "completed", { timeout: 10_000 });
  await expect(card(page, ids[1]!).getByRole("button", { name: "Favorite" })).toHaveAttribute("aria-pressed", "true");
  const items = (await getLibrary({ q: word })).items;
  expect(items.map((item) => item.id).sort()).toEqual([...ids].sort());
  expect(items.filter((item) => item.favorite).map((item) => item.id)).toEqual([ids[1]]);
  expect(await page.evaluate((key) => localStorage.getItem(key), LIBRARY_KEY)).toBeNull();
  await page.reload();
  await expect(card(page, ids[0]!)).toBeVisible();
  await expect(offer).toHaveCount(0);

  // Declined: the offer does not come back, and the browser's copy stays as it was.
  const other = await browser.newPage();
  const keep = await createTasks([done({ prompt: `${word} kept local` })]);
  await seedV1Library(other, keep);
  await other.goto("/");
  await other.getByRole("button", { name: "Not now" }).click();
  await expect(other.getByRole("region", { name: "Gallery kept in this browser" })).toHaveCount(0);
  await other.reload();
  await expect(other.getByLabel("Task ids to add")).toBeVisible();
  // The offer would come right after hydration: give it the time to (not) appear.
  await other.waitForTimeout(1_500);
  await expect(other.getByRole("region", { name: "Gallery kept in this browser" })).toHaveCount(0);
  expect(JSON.parse((await other.evaluate((key) => localStorage.getItem(key), LIBRARY_KEY))!)).toEqual(keep);
  expect((await getLibrary({ q: `${word} kept local` })).counts.all).toBe(0);
  await other.close();
});

test("selected cards become a collection: its page is server-rendered with a preview image, and 404 once deleted", async ({ page, context, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const word = uniqueWord();
  const ids = await createTasks([
    done({ prompt: `${word} first pick`, createdAt: Date.now() - 1_000 }),
    done({ prompt: `${word} second pick`, createdAt: Date.now() - 2_000 }),
    done({ prompt: `${word} left out`, createdAt: Date.now() - 3_000 }),
  ]);
  await addToLibrary(ids, word);
  await page.goto(`/?q=${word}`);
  await card(page, ids[0]!).focus();
  await page.keyboard.press("x");
  await card(page, ids[1]!).click({ modifiers: ["Control"] });
  await expect(page.getByText("2 selected")).toBeVisible();
  const made = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/collections");
  await page.getByRole("button", { name: "Share as a collection" }).click();
  expect((await made).status()).toBe(201);
  const link = page.locator("[data-collection-link]");
  await expect(link).toHaveAttribute("href", /\/c\/[A-Za-z0-9_-]+$/);
  const url = (await link.getAttribute("href"))!;
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  const response = await page.goto(url);
  expect(response!.status()).toBe(200);
  const html = await response!.text();
  // Server-rendered: the title, the first task's stable thumbnail as the preview, and the tasks
  // themselves (the grid lays them out once it knows its width).
  expect(html).toContain(`${word} first pick`);
  expect(html).not.toContain(`${word} left out`);
  const ogImage = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(new URL(ogImage!).pathname).toBe(`/api/tasks/${ids[0]}/thumbnail`);
  expect((await request.get(new URL(ogImage!).pathname)).status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/2 tasks/);
  const order = await page.locator("[data-task-id]").evaluateAll((els) => els.map((el) => el.getAttribute("data-task-id")));
  expect(order).toEqual([ids[0], ids[1]]);

  const slug = new URL(url).pathname.split("/").pop()!;
  expect((await request.delete(`/api/collections/${slug}`)).status()).toBe(204);
  expect((await page.goto(url))!.status()).toBe(404);
  expect((await page.goto("/c/no-such-slug"))!.status()).toBe(404);
});

test("selected cards download as one zip through a form post, and are removed with an Undo", async ({ page }) => {
  const word = uniqueWord();
  const ids = await createTasks([
    done({ prompt: `${word} zipped one`, createdAt: Date.now() - 1_000 }),
    done({ prompt: `${word} zipped two`, createdAt: Date.now() - 2_000 }),
  ]);
  await addToLibrary(ids, word);
  await page.goto(`/?q=${word}`);
  for (const id of ids) await card(page, id).click({ modifiers: ["Control"] });
  await expect(page.getByText("2 selected")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download zip" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.zip$/);
  const { readFile } = await import("node:fs/promises");
  const bytes = await readFile((await file.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe("PK");
  for (const id of ids) expect(bytes.includes(Buffer.from(id.slice(0, 8)))).toBe(true);

  await page.getByRole("button", { name: "Remove selected" }).click();
  await page.getByRole("button", { name: "Undo" }).click();
  for (const id of ids) await expect(card(page, id)).toBeVisible();
  for (const id of ids) await card(page, id).click({ modifiers: ["Control"] });
  await page.getByRole("button", { name: "Remove selected" }).click();
  await expect(page.locator("[data-task-id]")).toHaveCount(0);
  // Carried out when the Undo notice ends.
  await expect(page.getByRole("button", { name: "Undo" })).toHaveCount(0, { timeout: 15_000 });
  await expect.poll(async () => (await getLibrary({ q: word })).counts.all).toBe(0);
});
