// Real Lighthouse (its node API, the default mobile preset: Moto G Power screen, simulated slow 4G
// and 4× CPU), performance category only, against a Chromium this module starts with a DevTools
// port. Each run opens its own tab with an empty cache, as the CLI does.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Launcher } from "chrome-launcher";
import { root } from "./app-process";

/** The flags the budget is measured with (the issue's), plus the DevTools port to drive it. */
export const BUDGET_CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/**
 * What the Lighthouse CLI starts Chrome with: chrome-launcher's defaults for tools (no extensions,
 * sync, translation or background throttling: features that would run during a measurement), then
 * the budget's flags.
 */
export const LIGHTHOUSE_CHROME_FLAGS = [...new Set([...Launcher.defaultFlags(), ...BUDGET_CHROME_FLAGS])];

export interface LighthouseChrome {
  port: number;
  version: string;
  close: () => Promise<void>;
}

/** Starts `executable` with the budget's flags and a DevTools port picked by Chromium itself. */
export async function launchChrome(executable = "/usr/bin/chromium"): Promise<LighthouseChrome> {
  const profile = mkdtempSync(path.join(tmpdir(), "luma-lighthouse-"));
  const child: ChildProcess = spawn(
    executable,
    [...LIGHTHOUSE_CHROME_FLAGS, "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`${executable} printed no DevTools port within 30 s:\n${text}`)), 30_000);
    child.stderr!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) => reject(new Error(`${executable} exited (${code}) before listening:\n${text}`)));
  });
  // Keep draining stderr so a chatty browser never blocks on a full pipe.
  child.stderr!.resume();
  const version = ((await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as { Browser: string }).Browser;
  return {
    port,
    version,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface LighthouseMetrics {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** Script bytes Lighthouse saw transferred while the page loaded (compressed, headers included). */
  scriptKb: number;
  /** The LCP element as Lighthouse describes it (selector or snippet). */
  lcpElement: string;
  /** Main-thread time by script (Lighthouse's bootup-time audit): total and scripting ms. */
  bootup: { url: string; total: number; scripting: number }[];
}

const CHILD = path.join(root, "scripts", "lib", "lighthouse-child.mjs");

/**
 * How Lighthouse slows the load down. `simulate` (the preset's, and the budget's): the page loads at
 * full speed and Lantern estimates the metrics for the slow phone from that trace. `devtools`: Chrome
 * itself slows the network (per request) and the CPU while the page loads, and the metrics are
 * what was observed.
 */
export type Throttling = "simulate" | "devtools";

function runOnce(url: string, port: number, throttling: Throttling): Promise<LighthouseMetrics> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CHILD, url, String(port), throttling], { maxBuffer: 16 * 1024 * 1024, timeout: 180_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`Lighthouse on ${url} failed: ${stderr.trim() || error.message}`));
      else resolve(JSON.parse(stdout) as LighthouseMetrics);
    });
  });
}

/**
 * One Lighthouse navigation of `url` (mobile preset, performance only), in a plain Node process:
 * Lighthouse sends some of its own functions into the page as source text, and the TypeScript
 * runner's transform of them (esbuild's `__name` helper) does not exist there. On a busy machine
 * a trace now and then comes back unusable (NO_NAVSTART, NO_FCP): that run is taken again.
 */
export async function runLighthouse(url: string, port: number, { throttling = "simulate", attempts = 3 }: { throttling?: Throttling; attempts?: number } = {}): Promise<LighthouseMetrics> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(url, port, throttling);
    } catch (error) {
      if (attempt >= attempts) throw error;
      console.log(`perf: ${(error as Error).message.split("\n").find((line) => line.startsWith("Error:")) ?? "Lighthouse failed"}; running again`);
    }
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function lighthouseVersion(): string {
  return (JSON.parse(readFileSync(path.join(root, "node_modules", "lighthouse", "package.json"), "utf8")) as { version: string }).version;
}
