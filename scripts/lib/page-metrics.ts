// A sampled CPU profile of a page load under Lighthouse's mobile conditions, by script and by
// function: finer than Lighthouse's bootup-time audit, for finding where blocking time goes.
import type { Browser, BrowserContext, BrowserContextOptions, CDPSession, Page } from "@playwright/test";

/** Lighthouse's mobile preset: a Moto G Power screen and a 4× slower CPU. */
export const MOBILE: BrowserContextOptions = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
  userAgent:
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36",
};
const CPU_SLOWDOWN = 4;

/** A page in a fresh phone context, its CPU slowed as the preset assumes; the caller closes the context. */
export async function slowPhonePage(browser: Browser): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext(MOBILE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  return { context, page, cdp };
}

export interface ProfileLine {
  where: string;
  selfMs: number;
}

/** Where the main thread spends its time while `url` loads (throttled): self time by script and function. */
export async function profileLoad(browser: Browser, url: string, top = 20): Promise<{ byScript: ProfileLine[]; byFunction: ProfileLine[] }> {
  const { context, page, cdp } = await slowPhonePage(browser);
  try {
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
