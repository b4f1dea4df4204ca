// Blocking time as the page itself reports it (Long Tasks API) while it loads on a 4× slower CPU:
// split at the load event, to tell the first load's work from what the page defers until after it.
import type { Browser } from "@playwright/test";
import { median } from "./lighthouse-run";
import { MOBILE } from "./page-metrics";

const CPU_SLOWDOWN = 4;
/** How long after `load` tasks are still counted: the deferred work (stream, virtualized grid) runs in it. */
const AFTER_LOAD_MS = 4_000;

export interface Blocking {
  /** Sum of each long task's time over 50 ms, from the first contentful paint to the load event. */
  beforeLoad: number;
  afterLoad: number;
}

async function blockingOfOneLoad(browser: Browser, url: string): Promise<Blocking> {
  const context = await browser.newContext(MOBILE);
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const tasks: [number, number][] = [];
      (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push([entry.startTime, entry.duration]);
      }).observe({ type: "longtask", buffered: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(AFTER_LOAD_MS);
    const { tasks, load, fcp } = await page.evaluate(() => ({
      tasks: (window as unknown as { __longTasks: [number, number][] }).__longTasks,
      load: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd,
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0,
    }));
    const blocking = (keep: (start: number) => boolean) => tasks.filter(([start]) => keep(start)).reduce((sum, [, duration]) => sum + duration - 50, 0);
    return { beforeLoad: blocking((start) => start >= fcp && start < load), afterLoad: blocking((start) => start >= load) };
  } finally {
    await context.close();
  }
}

/** Median blocking before and after `load` over `runs` loads of each page, interleaved. */
export async function longTaskBlocking(browser: Browser, pages: readonly [string, string][], runs: number): Promise<Map<string, Blocking>> {
  const samples = new Map<string, Blocking[]>(pages.map(([name]) => [name, []]));
  for (let i = 0; i < runs; i++) for (const [name, url] of pages) samples.get(name)!.push(await blockingOfOneLoad(browser, url));
  return new Map(
    [...samples].map(([name, all]) => [name, { beforeLoad: median(all.map((b) => b.beforeLoad)), afterLoad: median(all.map((b) => b.afterLoad)) }]),
  );
}

export function longTaskTable(blocking: Map<string, Blocking>): string {
  const lines = ["| page | blocking, first paint to load (ms) | blocking, 4 s after load (ms) |", "|---|--:|--:|"];
  for (const [name, b] of blocking) lines.push(`| ${name} | ${Math.round(b.beforeLoad)} | ${Math.round(b.afterLoad)} |`);
  return lines.join("\n");
}
