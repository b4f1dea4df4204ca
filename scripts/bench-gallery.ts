// Benchmark of the grid with 1,000 tasks, in the gallery and in a lookup of 1,000 pasted ids:
// DOM size, time to first card and to the last card, in Chromium.
//
//   npx next build && npx tsx scripts/bench-gallery.ts
//
// Starts its own gateway simulator (in process) and `next start` of the existing production build
// on BENCH_SIM_PORT / BENCH_APP_PORT (4310 / 3310), like playwright.config.ts does, and stops them
// at the end. To measure an app that is already running against a simulator instead, set
// BENCH_APP_URL and BENCH_SIM_URL. BENCH_TASKS changes the task count, BENCH_RUNS the repetitions.
// Prints figures; asserts nothing.
import { spawn, type ChildProcess } from "node:child_process";
import { chromium, type Page } from "@playwright/test";
import { startSimulator } from "../simulator/server";
import { CHROMIUM_ARGS, chromiumExecutable } from "./lib/browser";
import { waitForOk } from "./lib/app-process";

const TASKS = Number(process.env.BENCH_TASKS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const KEY = "bench-key";

async function servers(): Promise<{ appUrl: string; simUrl: string; stop: () => Promise<void> }> {
  if (process.env.BENCH_APP_URL && process.env.BENCH_SIM_URL) {
    return { appUrl: process.env.BENCH_APP_URL, simUrl: process.env.BENCH_SIM_URL, stop: async () => {} };
  }
  const simPort = Number(process.env.BENCH_SIM_PORT ?? 4310);
  const appPort = Number(process.env.BENCH_APP_PORT ?? 3310);
  const sim = await startSimulator({ port: simPort, key: KEY, shape: "array" });
  const app: ChildProcess = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(appPort)], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      LUMA_API_BASE_URL: sim.url,
      LUMA_API_KEY: KEY,
      LUMA_POLL_INTERVAL_MS: "1000",
      RATE_LIMIT_PER_MINUTE: "0",
    },
    stdio: "ignore",
    detached: true,
  });
  const appUrl = `http://127.0.0.1:${appPort}`;
  await waitForOk(`${appUrl}/api/health`);
  return {
    appUrl,
    simUrl: sim.url,
    stop: async () => {
      if (app.pid) process.kill(-app.pid, "SIGTERM");
      await sim.close();
    },
  };
}

/** Scrolls to the very end in one jump; the time until the last card is on screen, and the DOM size then. */
async function jumpToLastCard(page: Page, lastId: string): Promise<{ toLast: number; after: number }> {
  const s0 = Date.now();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.locator(`[data-task-id="${lastId}"]`).waitFor();
  const toLast = Date.now() - s0;
  return { toLast, after: await page.evaluate(() => document.querySelectorAll("*").length) };
}

async function main() {
  const { appUrl, simUrl, stop } = await servers();
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const now = Date.now();
    const created = await fetch(`${simUrl}/__control/tasks`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        tasks: Array.from({ length: TASKS }, (_, i) => ({ pendingMs: 0, processingMs: 0, prompt: `bench task ${i}`, createdAt: now - i * 60_000 })),
      }),
    });
    const { ids } = (await created.json()) as { ids: string[] };
    console.log(`gallery benchmark: ${ids.length} completed tasks, viewport 1280×800, ${RUNS} runs`);

    for (let run = 1; run <= RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript((list) => localStorage.setItem("luma-gallery:library:v1", JSON.stringify(list)), ids);
      const page = await context.newPage();
      const answers: number[] = [];
      page.on("response", (response) => {
        const url = new URL(response.url());
        if (url.pathname === "/api/tasks" && response.request().method() === "POST") answers.push(Date.now() - t0);
      });
      const t0 = Date.now();
      await page.goto(`${appUrl}/`);
      await page.locator("[data-task-id]").first().waitFor();
      const firstCard = Date.now() - t0;
      await page.locator('[data-task-id][data-state="completed"]').first().waitFor();
      const firstCompleted = Date.now() - t0;
      await page.getByRole("button", { name: `Completed ${ids.length}` }).waitFor({ timeout: 60_000 });
      const allKnown = Date.now() - t0;
      const dom = await page.evaluate(() => ({
        elements: document.querySelectorAll("*").length,
        cards: document.querySelectorAll("[data-task-id]").length,
      }));
      const { toLast, after } = await jumpToLastCard(page, ids.at(-1) ?? "");
      console.log(
        `run ${run}: first card ${firstCard} ms · first completed card ${firstCompleted} ms · all ${ids.length} answered ${allKnown} ms · ` +
          `batch answers at ${answers.length ? `${Math.min(...answers)}–${Math.max(...answers)}` : "?"} ms (${answers.length}) · ` +
          `DOM ${dom.elements} elements (${dom.cards} cards) · jump to last card ${toLast} ms (DOM then ${after})`,
      );
      await context.close();
    }

    for (let run = 1; run <= RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${appUrl}/lookup`);
      await page.getByLabel("Task IDs").fill(ids.join("\n"));
      const t0 = Date.now();
      await page.getByRole("button", { name: "Look up", exact: true }).click();
      await page.locator("[data-task-id]").first().waitFor();
      const firstCard = Date.now() - t0;
      await page.getByText(`${ids.length.toLocaleString("en-US")} found`).waitFor({ timeout: 60_000 });
      const allKnown = Date.now() - t0;
      const elements = await page.evaluate(() => document.querySelectorAll("*").length);
      const { toLast, after } = await jumpToLastCard(page, ids.at(-1) ?? "");
      console.log(
        `lookup run ${run}: first card ${firstCard} ms · all ${ids.length} answered ${allKnown} ms · DOM ${elements} elements · ` +
          `jump to last card ${toLast} ms (DOM then ${after})`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
