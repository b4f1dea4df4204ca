// What the first layout of a page spends its time on, from Chrome's own trace: the first frame's
// layout is one task that Lighthouse's simulation counts twice over, so its parts are worth seeing.
import type { Browser } from "@playwright/test";
import { median } from "./lighthouse-run";
import { MOBILE } from "./page-metrics";

export interface FirstLayout {
  layoutMs: number;
  /** Font lookups (family, size, weight) and the time in them, sandbox round trips included. */
  fontLookups: number;
  fontMs: number;
  shapingMs: number;
  resourceRequests: number;
  resourceMs: number;
}

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
}

/** The longest layout in a trace and what ran inside it on its own thread. */
export function firstLayoutIn(events: readonly TraceEvent[]): FirstLayout {
  const layout = events.filter((e) => e.name === "Layout" && e.ph === "X" && e.dur).reduce<TraceEvent | null>((longest, e) => (longest && longest.dur! >= e.dur! ? longest : e), null);
  if (!layout) throw new Error("the trace holds no layout: did the page load?");
  const end = layout.ts + layout.dur!;
  const within = events.filter((e) => e.ph === "X" && e !== layout && e.pid === layout.pid && e.tid === layout.tid && e.ts >= layout.ts && e.ts < end);
  const named = (name: string) => within.filter((e) => e.name === name);
  const ms = (list: TraceEvent[]) => list.reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000;
  const fonts = named("FontCache::GetFontPlatformData");
  const resources = named("ResourceFetcher::requestResource");
  return {
    layoutMs: layout.dur! / 1000,
    fontLookups: fonts.length,
    fontMs: ms(fonts),
    shapingMs: ms(named("InlineNode::ShapeTextIncludingFirstLine")),
    resourceRequests: resources.length,
    resourceMs: ms(resources),
  };
}

/**
 * The longest layout while `url` loads without script, on a phone-sized page in a fresh context
 * (fresh font caches are part of what is measured). Unthrottled: Lighthouse's simulation scales
 * these observed times itself.
 */
async function firstLayoutOnce(browser: Browser, url: string): Promise<FirstLayout> {
  const context = await browser.newContext({ ...MOBILE, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on("Tracing.dataCollected", (data) => events.push(...(data.value as unknown as TraceEvent[])));
    const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
    await cdp.send("Tracing.start", { categories: "*,disabled-by-default-devtools.timeline", transferMode: "ReportEvents" });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(800);
    await cdp.send("Tracing.end");
    await complete;
    return firstLayoutIn(events);
  } finally {
    await context.close();
  }
}

/** Medians of `runs` loads of each page, taken in turns so a busy moment falls on every page alike. */
export async function firstLayouts(browser: Browser, pages: [string, string][], runs: number): Promise<[string, FirstLayout][]> {
  const samples = new Map<string, FirstLayout[]>(pages.map(([name]) => [name, []]));
  for (let i = 0; i < runs; i++) for (const [name, url] of pages) samples.get(name)!.push(await firstLayoutOnce(browser, url));
  return pages.map(([name]) => {
    const all = samples.get(name)!;
    const med = (key: keyof FirstLayout) => median(all.map((sample) => sample[key]));
    return [name, { layoutMs: med("layoutMs"), fontLookups: med("fontLookups"), fontMs: med("fontMs"), shapingMs: med("shapingMs"), resourceRequests: med("resourceRequests"), resourceMs: med("resourceMs") }];
  });
}

export function firstLayoutTable(rows: [string, FirstLayout][], runs: number): string {
  const head = `| page (medians of ${runs} loads, no script, unthrottled) | first layout ms | font lookups | in fonts ms | text shaping ms | resource requests | in them ms |\n|---|--:|--:|--:|--:|--:|--:|`;
  const body = rows.map(([name, r]) => `| ${name} | ${r.layoutMs.toFixed(1)} | ${r.fontLookups} | ${r.fontMs.toFixed(1)} | ${r.shapingMs.toFixed(1)} | ${r.resourceRequests} | ${r.resourceMs.toFixed(1)} |`);
  return [head, ...body].join("\n");
}
