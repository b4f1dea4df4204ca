import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { createTasks, getLibrary, resetSim, setFault, unknownId } from "./sim";

// /tasks/{id} against the production build and the real simulator.

const meta = (html: string, key: string): string | null => {
  const re = new RegExp(`<meta (?:property|name)="${key.replace(/[:.]/g, "\\$&")}" content="([^"]*)"`);
  return re.exec(html)?.[1] ?? null;
};
const decode = (s: string) => s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;/g, "'");

test.afterEach(async () => {
  await resetSim();
});

test("the server HTML carries title, description, og:image, og:video, twitter card and canonical", async ({ request, baseURL }) => {
  const [id] = await createTasks([{ prompt: "a red fox leaping over a frozen creek", aspectRatio: "16:9", pendingMs: 0, processingMs: 0 }]);
  for (const userAgent of ["Mozilla/5.0 (X11; Linux x86_64) Chrome/140", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"]) {
    const response = await request.get(`/tasks/${id}`, { headers: { "User-Agent": userAgent } });
    expect(response.status()).toBe(200);
    const html = await response.text();
    const head = html.slice(0, html.indexOf("</head>"));
    expect(head).toContain("<title>a red fox leaping over a frozen creek · Luma Gallery</title>");
    expect(meta(head, "description")).toBe("a red fox leaping over a frozen creek");
    expect(meta(head, "og:image")).toBe(`${baseURL}/api/tasks/${id}/thumbnail`);
    expect(meta(head, "og:image:width")).toBe("1360");
    expect(meta(head, "og:image:height")).toBe("752");
    expect(meta(head, "og:video")).toBe(`${baseURL}/api/tasks/${id}/video?inline=1`);
    expect(meta(head, "og:video:type")).toMatch(/^video\/(mp4|webm)$/);
    expect(meta(head, "og:video:width")).toBe("1360");
    expect(meta(head, "og:video:height")).toBe("752");
    expect(meta(head, "twitter:card")).toBe("summary_large_image");
    expect(meta(head, "twitter:image")).toBe(meta(head, "og:image"));
    expect(head).toContain(`<link rel="canonical" href="${baseURL}/tasks/${id}"/>`);
    expect(meta(head, "og:url")).toBe(`${baseURL}/tasks/${id}`);
  }
});

test("the canonical origin follows the trusted proxy's forwarded host and scheme (TRUST_PROXY=1)", async ({ request }) => {
  const [id] = await createTasks([{ prompt: "forwarded", pendingMs: 0, processingMs: 0 }]);
  const html = await (
    await request.get(`/tasks/${id}`, { headers: { "X-Forwarded-Host": "gallery.example.com", "X-Forwarded-Proto": "https" } })
  ).text();
  expect(html).toContain(`<link rel="canonical" href="https://gallery.example.com/tasks/${id}"/>`);
});

test("shows the player, details and actions of a completed task", async ({ page }) => {
  const [id] = await createTasks([{ prompt: "a tram crossing a bridge in snow", aspectRatio: "16:9", pendingMs: 0, processingMs: 0 }]);
  await page.goto(`/tasks/${id}`);
  const view = page.locator(`[data-task-id="${id}"]`);
  await expect(view).toHaveAttribute("data-state", "completed");
  await expect(page).toHaveTitle("a tram crossing a bridge in snow · Luma Gallery");
  const video = view.locator("video");
  await expect(video).toHaveAttribute("controls", "");
  await expect(video).toHaveAttribute("playsinline", "");
  await expect(video).toHaveAttribute("poster", /\/media\/thumb\//);
  await expect(view).toContainText("16:9");
  await expect(view).toContainText("1360×752");
  await expect(view).toContainText("3 s");
  await expect(view.getByRole("link", { name: "Download" })).toHaveAttribute("href", `/api/tasks/${id}/video`);
  // The same details as the player: whole prompt with a copy button, times, id, the raw JSON folded away.
  await expect(view.locator("[data-prompt]")).toHaveText("a tram crossing a bridge in snow");
  await expect(view.getByRole("button", { name: "Copy prompt" })).toBeVisible();
  for (const term of ["Model", "Resolution", "Duration", "Created", "Finished", "Task ID"]) await expect(view.locator("dt", { hasText: term })).toHaveCount(1);
  await expect(view.locator("dl")).toContainText(id!);
  await expect(view.locator("details pre")).toBeHidden();
  await view.getByText("Raw task JSON").click();
  await expect(view.locator("details pre")).toContainText(`"id": "${id}"`);

  await view.getByRole("button", { name: "Add to gallery" }).click();
  await expect(page.getByText("Added to your gallery.")).toBeVisible();
  expect((await getLibrary()).items.map((item) => item.id)).toContain(id);
});

test("a running task keeps polling and gets its player without a reload", async ({ page }) => {
  const [id] = await createTasks([{ prompt: "finishing soon", pendingMs: 1500, processingMs: 3000 }]);
  await page.goto(`/tasks/${id}`);
  const view = page.locator(`[data-task-id="${id}"]`);
  await expect(view).toHaveAttribute("data-state", /^(pending|processing)$/);
  await expect(view.locator("video")).toHaveCount(0);
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await expect(view).toHaveAttribute("data-state", "completed", { timeout: 20_000 });
  await expect(view.locator("video")).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});

test("a failed task shows its failure reason", async ({ page }) => {
  const [id] = await createTasks([{ prompt: "doomed", pendingMs: 0, processingMs: 0, outcome: "failed", failureReason: "Content policy violation" }]);
  await page.goto(`/tasks/${id}`);
  const view = page.locator(`[data-task-id="${id}"]`);
  await expect(view).toHaveAttribute("data-state", "failed");
  await expect(view).toContainText("Content policy violation");
  await expect(view.getByRole("link", { name: "Download" })).toHaveCount(0);
});

test("a prompt with HTML in it is shown as text, never as markup", async ({ page, request }) => {
  const prompt = `<img src=x onerror="window.__xss=1"> <b>bold</b> & "quotes"`;
  const [id] = await createTasks([{ prompt, pendingMs: 0, processingMs: 0 }]);
  const html = await (await request.get(`/tasks/${id}`)).text();
  expect(html).not.toContain("<b>bold</b>");
  expect(decode(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "")).toBe(`${prompt} · Luma Gallery`);

  await page.goto(`/tasks/${id}`);
  const view = page.locator(`[data-task-id="${id}"]`);
  await expect(view.locator("[data-prompt]")).toHaveText(prompt);
  await expect(view.locator("[data-prompt] b, [data-prompt] img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test("unknown and malformed ids answer a real 404 with a helpful page", async ({ request, page }) => {
  for (const path of [`/tasks/${unknownId()}`, "/tasks/not-a-task-id", "/tasks/4665a07c-7641-4809-a133-10786201bb5"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text()).toContain("There is no task at this address");
  }
  const response = await page.goto(`/tasks/${unknownId()}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("link", { name: "Look up task ids" })).toBeVisible();
});

test("an id in upper case redirects to the canonical lower-case address", async ({ request }) => {
  const [id] = await createTasks([{ prompt: "case", pendingMs: 0, processingMs: 0 }]);
  const response = await request.get(`/tasks/${id!.toUpperCase()}`, { maxRedirects: 0 });
  expect(response.status()).toBe(308);
  expect(response.headers()["location"]).toMatch(new RegExp(`/tasks/${id}$`));
});

test("a gateway failure while rendering shows an error state, then recovers by itself", async ({ page }) => {
  const [id] = await createTasks([{ prompt: "through the outage", pendingMs: 0, processingMs: 0 }]);
  await setFault({ mode: "500", count: 1000 });
  const response = await page.goto(`/tasks/${id}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("alert").filter({ hasText: /gateway/ })).toBeVisible();
  await expect(page.locator(`[data-task-id="${id}"]`)).toHaveAttribute("data-state", "loading");
  await setFault({ mode: "none" });
  await expect(page.locator(`[data-task-id="${id}"]`)).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
  // (Next's route announcer is also an alert; only the gateway one must go.)
  await expect(page.getByRole("alert").filter({ hasText: /gateway/ })).toHaveCount(0);
});

test("an expired video URL is replaced by a fresh one from ?refresh=1", async ({ page }) => {
  const [id] = await createTasks([{ prompt: "short-lived media", pendingMs: 0, processingMs: 0, mediaTtlMs: 2500 }]);
  await page.goto(`/tasks/${id}`);
  const video = page.locator(`[data-task-id="${id}"] video`);
  const first = await video.getAttribute("src");
  await page.waitForTimeout(3000);
  const refresh = page.waitForResponse((r) => r.url().includes(`/api/tasks/${id}?refresh=1`));
  // Browsers keep media they already fetched, so ask for the same expired URL afresh (an extra
  // query parameter defeats the caches; the media host still checks `expires` and answers 403).
  await video.evaluate((el: HTMLVideoElement) => {
    el.src = `${el.src}&nocache=${Date.now()}`;
  });
  expect((await refresh).status()).toBe(200);
  const expires = (url: string | null) => Number(new URL(url ?? "http://x/").searchParams.get("expires"));
  await expect.poll(async () => video.getAttribute("src")).not.toContain("nocache");
  expect(expires(await video.getAttribute("src"))).toBeGreaterThan(expires(first));
});

test("the task page has no serious accessibility violations", async ({ page }) => {
  const [id] = await createTasks([{ prompt: "accessible task", pendingMs: 0, processingMs: 0 }]);
  await page.goto(`/tasks/${id}`);
  await expect(page.locator(`[data-task-id="${id}"]`)).toHaveAttribute("data-state", "completed");
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
