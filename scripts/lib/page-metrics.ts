// Loads a page in real Chromium under Lighthouse's mobile conditions and reads the metrics the
// browser itself reports: paint timings, largest contentful paint, layout shifts and long tasks
// (PerformanceObserver), plus every script it fetched. Lighthouse itself is not a dependency here.
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContextOptions, Page } from "@playwright/test";
import type { Metrics } from "./lighthouse-score";

/** Lighthouse's mobile preset: a Moto G Power screen, 4× slower CPU, slow 4G (devtools throttling). */
export const MOBILE: BrowserContextOptions = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
  userAgent:
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36",
};
const NETWORK = { offline: false, latency: 150 * 3.75, downloadThroughput: (1638.4 * 0.9 * 1024) / 8, uploadThroughput: (750 * 0.9 * 1024) / 8 };
const CPU_SLOWDOWN = 4;
/** Lighthouse's time to interactive waits for 5 s without long tasks; blocking time is counted up to it. */
const QUIET_MS = 5_000;
const MAX_WAIT_MS = 40_000;

// Runs in the page before any of its scripts.
const OBSERVERS = `(() => {
  const perf = (window.__perf = { lcp: 0, fcp: 0, shifts: [], longTasks: [] });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) perf.lcp = e.renderTime || e.loadTime || e.startTime; }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === "first-contentful-paint") perf.fcp = e.startTime; }).observe({ type: "paint", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) perf.shifts.push([e.startTime, e.value]); }).observe({ type: "layout-shift", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) perf.longTasks.push([e.startTime, e.duration]); }).observe({ type: "longtask", buffered: true });
})();`;

interface RawPerf {
  lcp: number;
  fcp: number;
  shifts: [number, number][];
  longTasks: [number, number][];
}

/** Total blocking time: the part beyond 50 ms of each long task after first contentful paint. */
export function totalBlockingTime(longTasks: readonly [number, number][], fcp: number, until = Infinity): number {
  let total = 0;
  for (const [start, duration] of longTasks) {
    const from = Math.max(start, fcp);
    const to = Math.min(start + duration, until);
    // Lighthouse clips tasks that straddle FCP to the part after it, then takes what exceeds 50 ms.
    if (to > from) total += Math.max(0, to - from - 50);
  }
  return total;
}

/** Cumulative layout shift as Chrome defines it: the worst session window (gaps < 1 s, at most 5 s). */
export function cumulativeLayoutShift(shifts: readonly [number, number][]): number {
  let worst = 0;
  let current = 0;
  let windowStart = -Infinity;
  let last = -Infinity;
  for (const [at, value] of [...shifts].sort((a, b) => a[0] - b[0])) {
    if (at - last > 1000 || at - windowStart > 5000) {
      current = 0;
      windowStart = at;
    }
    current += value;
    last = at;
    worst = Math.max(worst, current);
  }
  return worst;
}

/**
 * Gzip sizes of the scripts requested before the load event: the first load, as `next build` used to
 * print it (later route prefetches are not part of it).
 */
function collectFirstLoadScripts(page: Page): Promise<number[]> {
  const bodies: Promise<number>[] = [];
  let loaded = false;
  page.once("load", () => (loaded = true));
  page.on("response", (response) => {
    if (loaded || response.request().resourceType() !== "script") return;
    bodies.push(response.body().then((b) => gzipSync(b, { level: 9 }).length, () => 0));
  });
  return new Promise((resolve) => page.once("load", () => setTimeout(() => resolve(Promise.all(bodies)), 500)));
}

/** First-load script of `url` (gzip bytes, count), unthrottled. */
export async function firstLoadScripts(browser: Browser, url: string): Promise<{ gzipBytes: number; scripts: number }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const scripts = collectFirstLoadScripts(page);
    await page.goto(url, { waitUntil: "load" });
    const sizes = await scripts;
    return { gzipBytes: sizes.reduce((a, b) => a + b, 0), scripts: sizes.length };
  } finally {
    await context.close();
  }
}

export interface LoadResult extends Metrics {
  scriptGzipBytes: number;
  scripts: number;
}

/** One cold load (fresh context, empty cache) of `url` under mobile throttling. */
export async function measureLoad(browser: Browser, url: string): Promise<LoadResult> {
  const context = await browser.newContext(MOBILE);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", NETWORK);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await page.addInitScript(OBSERVERS);
    const scripts = collectFirstLoadScripts(page);
    await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    const started = Date.now();
    let perf: RawPerf;
    for (;;) {
      perf = await page.evaluate(() => (window as unknown as { __perf: RawPerf }).__perf);
      const now = await page.evaluate(() => performance.now());
      const lastBusy = Math.max(perf.fcp, ...perf.longTasks.map(([s, d]) => s + d));
      if (now - lastBusy >= QUIET_MS || Date.now() - started > MAX_WAIT_MS) break;
      await page.waitForTimeout(500);
    }
    const sizes = await scripts;
    return {
      fcp: perf.fcp,
      lcp: perf.lcp,
      tbt: totalBlockingTime(perf.longTasks, perf.fcp),
      cls: cumulativeLayoutShift(perf.shifts),
      scriptGzipBytes: sizes.reduce((a, b) => a + b, 0),
      scripts: sizes.length,
    };
  } finally {
    await context.close();
  }
}

export interface ProfileLine {
  where: string;
  selfMs: number;
}

/** Where the main thread spends its time while `url` loads (throttled): self time by script and function. */
export async function profileLoad(browser: Browser, url: string, top = 20): Promise<{ byScript: ProfileLine[]; byFunction: ProfileLine[] }> {
  const context = await browser.newContext(MOBILE);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(3_000);
    const { profile } = await cdp.send("Profiler.stop");
    const byScript = new Map<string, number>();
    const byFunction = new Map<string, number>();
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const deltas = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, i) => {
      const node = nodes.get(id);
      if (!node) return;
      const ms = (deltas[i + 1] ?? 0) / 1000;
      const { url: scriptUrl, functionName, lineNumber } = node.callFrame;
      if (!scriptUrl) {
        if (functionName !== "(idle)" && functionName !== "(program)") byFunction.set(functionName, (byFunction.get(functionName) ?? 0) + ms);
        return;
      }
      const file = scriptUrl.replace(/^https?:\/\/[^/]+/, "");
      byScript.set(file, (byScript.get(file) ?? 0) + ms);
      const fn = `${functionName || "(anonymous)"} ${file.split("/").pop()}:${lineNumber + 1}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    });
    const sorted = (m: Map<string, number>) =>
      [...m].map(([where, selfMs]) => ({ where, selfMs })).sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
    return { byScript: sorted(byScript), byFunction: sorted(byFunction) };
  } finally {
    await context.close();
  }
}
