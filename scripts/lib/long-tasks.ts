// Blocking time as the page itself reports it (Long Tasks API) while it loads on a 4× slower CPU:
// split at the load event, to tell the first load's work from what the page defers until after it.
import type { Browser } from "@playwright/test";
import { median } from "./lighthouse-run";
import { slowPhonePage } from "./page-metrics";

/** How long after `load` tasks are still counted: the deferred work (stream, virtualized grid) runs in it. */
const AFTER_LOAD_MS = 4_000;

export interface Blocking {
  /** Each long task's time beyond its first 50 ms, from the first contentful paint to the load event. */
  beforeLoad: number;
  /** The same in the AFTER_LOAD_MS after it. */
  afterLoad: number;
}

/** The part of each task beyond its first 50 ms that falls inside [from, to], summed (how Lighthouse clips TBT to its window). */
export function blockingWithin(tasks: readonly (readonly [start: number, duration: number])[], from: number, to: number): number {
  return tasks.reduce((sum, [start, duration]) => sum + Math.max(0, Math.min(start + duration, to) - Math.max(start + 50, from)), 0);
}

async function blockingOfOneLoad(browser: Browser, url: string): Promise<Blocking> {
  const { context, page } = await slowPhonePage(browser);
  try {
    await page.addInitScript(() => {
      const tasks: [number, number][] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push([entry.startTime, entry.duration]);
      });
      observer.observe({ type: "longtask", buffered: true });
      // Entries reach the callback a moment after their task: the last ones are taken from the queue.
      (window as unknown as { __longTasks: () => [number, number][] }).__longTasks = () => {
        for (const entry of observer.takeRecords()) tasks.push([entry.startTime, entry.duration]);
        return tasks;
      };
    });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(AFTER_LOAD_MS);
    const { tasks, load, fcp } = await page.evaluate(() => ({
      tasks: (window as unknown as { __longTasks: () => [number, number][] }).__longTasks(),
      load: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd,
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
    }));
    if (fcp === null) throw new Error(`${url}: no first contentful paint`);
    return { beforeLoad: blockingWithin(tasks, fcp, load), afterLoad: blockingWithin(tasks, load, load + AFTER_LOAD_MS) };
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
