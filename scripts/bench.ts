// `npm run bench`: what live updates cost and how fast they are (issue "Push, not poll").
// Starts the gateway simulator and the production app (`next start`, built first when stale), talks
// to 127.0.0.1 only, and prints a table (also written to bench-results.md):
//   1. upstream calls per interval for 1, 5, 50 and 500 viewers of the same running tasks, opened at
//      random phases: streams (the server's watcher) beside version 1's polling at random phases;
//   2. 1,000 open streams: the server's extra memory per stream, its CPU per interval while idle, and
//      the time from an upstream change to the event at the clients (p50, p99);
//   3. a gallery tab in Chromium with running tasks: requests per minute (polls and streams);
//   4. cached reads of POST /api/tasks under `next start` (autocannon): req/s and p99.
// About three minutes, plus a build if one is needed.
import { type ChildProcess } from "node:child_process";
import { request as httpRequest, type ClientRequest } from "node:http";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { chromium } from "@playwright/test";
import { startSimulator, type Simulator } from "../simulator/server";
import { CHROMIUM_ARGS, chromiumExecutable } from "./lib/browser";
import { ensureBuild, freePort, root, spawnProductionServer, waitForOk } from "./lib/app-process";

const HOST = "127.0.0.1";
const KEY = "bench-key"; // opens only the local simulator
const INTERVAL_MS = 2_000; // LUMA_POLL_INTERVAL_MS of the app under test
const INTERVALS = 5;
const IDS_PER_VIEWER = 20;
const VIEWER_COUNTS = [1, 5, 50, 500];
const STREAMS = 1_000;
const IDLE_INTERVALS = 5;
const BROWSER_SECONDS = 30;
const CANNON_SECONDS = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU time (user + system, ms) a process has used so far; NaN where /proc is missing. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (USER_HZ = 100)
  } catch {
    return Number.NaN;
  }
}

/** Resident memory of a process in MB; NaN where /proc is missing. */
function rssMb(pid: number | undefined): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
    return Number(line?.replace(/\D+/g, "")) / 1024;
  } catch {
    return Number.NaN;
  }
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

interface App {
  url: string;
  port: number;
  child: ChildProcess;
}

async function startApp(sim: Simulator): Promise<App> {
  const port = await freePort();
  const child = spawnProductionServer(
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      LUMA_API_BASE_URL: sim.url,
      LUMA_API_KEY: KEY,
      LUMA_POLL_INTERVAL_MS: String(INTERVAL_MS),
      RATE_LIMIT_PER_MINUTE: "0",
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "luma-bench-")),
    },
    { port, hostname: HOST, stdio: ["ignore", "ignore", "inherit"] },
  );
  const url = `http://${HOST}:${port}`;
  await waitForOk(`${url}/api/health`, 60_000);
  return { url, port, child };
}

/**
 * One SSE client: calls `onTask` with every task event and the time it arrived, and `onReady` once
 * the first state is complete.
 */
function openStream(app: App, ids: readonly string[], onTask: (task: { id: string; state: string }, at: number) => void, onReady: () => void = () => {}): ClientRequest {
  const req = httpRequest({ host: HOST, port: app.port, path: `/api/events?ids=${ids.join(",")}`, agent: false });
  req.on("response", (res) => {
    let buffer = "";
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      const at = Date.now();
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (message.startsWith("event: ready\n")) onReady();
        if (!message.startsWith("event: task\n")) continue;
        onTask(JSON.parse(message.slice(message.indexOf("data: ") + 6)) as { id: string; state: string }, at);
      }
    });
  });
  req.on("error", () => {});
  req.end();
  return req;
}

const callsFor = (sim: Simulator, ids: ReadonlySet<string>) => sim.calls.log.filter((call) => call.ids.some((id) => ids.has(id))).length;

/** Upstream calls per interval for `count` viewers streaming the same running tasks, joined at random phases. */
async function streamViewers(app: App, sim: Simulator, count: number): Promise<number> {
  const ids = sim.addTasks(Array.from({ length: IDS_PER_VIEWER }, () => ({ pendingMs: 0, processingMs: 3_600_000 })));
  const idSet = new Set(ids);
  const streams: ClientRequest[] = [];
  // Viewers arrive over one interval, each at its own moment; counting starts once all have their first state.
  await Promise.all(
    Array.from({ length: count }, async () => {
      await sleep(Math.random() * INTERVAL_MS);
      await new Promise<void>((resolve) => streams.push(openStream(app, ids, () => {}, resolve)));
    }),
  );
  await sleep(INTERVAL_MS);
  const before = callsFor(sim, idSet);
  await sleep(INTERVALS * INTERVAL_MS);
  const calls = callsFor(sim, idSet) - before;
  for (const stream of streams) stream.destroy();
  await sleep(200);
  return calls / INTERVALS;
}

/** Version 1's way, for comparison: every viewer polls POST /api/tasks once per interval at its own phase. */
async function pollingViewers(app: App, sim: Simulator, count: number): Promise<number> {
  const ids = sim.addTasks(Array.from({ length: IDS_PER_VIEWER }, () => ({ pendingMs: 0, processingMs: 3_600_000 })));
  const idSet = new Set(ids);
  const body = JSON.stringify({ ids });
  const start = Date.now() + 100;
  const before = callsFor(sim, idSet);
  await Promise.all(
    Array.from({ length: count }, async () => {
      const phase = Math.random() * INTERVAL_MS;
      for (let k = 0; k < INTERVALS; k++) {
        await sleep(Math.max(0, start + k * INTERVAL_MS + phase - Date.now()));
        await fetch(`${app.url}/api/tasks`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
      }
    }),
  );
  return (callsFor(sim, idSet) - before) / INTERVALS;
}

interface StreamFigures {
  baselineCpuPerIntervalMs: number;
  memoryPerStreamKb: number;
  idleCpuPerIntervalMs: number;
  latencyP50: number;
  latencyP99: number;
  received: number;
}

/** 1,000 streams on one running task: memory, idle CPU, and change-to-event latency. */
async function manyStreams(app: App, sim: Simulator): Promise<StreamFigures> {
  const [idle] = sim.addTasks([{ pendingMs: 0, processingMs: 3_600_000 }]);
  const processingMs = 20_000;
  const [changing] = sim.addTasks([{ pendingMs: 0, processingMs }]);
  const changesAt = Date.now() + processingMs;
  const baselineStart = cpuMs(app.child.pid);
  await sleep(2 * INTERVAL_MS);
  const baselineCpuPerIntervalMs = (cpuMs(app.child.pid) - baselineStart) / 2;
  const rssBefore = rssMb(app.child.pid);
  const arrivals: number[] = [];
  const streams: ClientRequest[] = [];
  for (let i = 0; i < STREAMS; i++) {
    streams.push(
      openStream(app, [idle!, changing!], (task, at) => {
        if (task.id === changing && task.state === "completed") arrivals.push(at - changesAt);
      }),
    );
    if (i % 100 === 99) await sleep(100);
  }
  await sleep(3_000);
  const memoryPerStreamKb = ((rssMb(app.child.pid) - rssBefore) * 1024) / STREAMS;
  const cpuBefore = cpuMs(app.child.pid);
  await sleep(IDLE_INTERVALS * INTERVAL_MS);
  const idleCpuPerIntervalMs = (cpuMs(app.child.pid) - cpuBefore) / IDLE_INTERVALS;
  await sleep(Math.max(0, changesAt - Date.now()) + INTERVAL_MS + 2_000);
  for (const stream of streams) stream.destroy();
  return {
    baselineCpuPerIntervalMs,
    memoryPerStreamKb,
    idleCpuPerIntervalMs,
    latencyP50: percentile(arrivals, 50),
    latencyP99: percentile(arrivals, 99),
    received: arrivals.length,
  };
}

/** A gallery tab in Chromium watching running tasks: what it asks of the server per minute. */
async function browserTab(app: App, sim: Simulator): Promise<{ pollsPerMinute: number; streams: number }> {
  const ids = sim.addTasks(Array.from({ length: 12 }, () => ({ pendingMs: 0, processingMs: 3_600_000 })));
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    let polls = 0;
    let streams = 0;
    page.on("request", (request) => {
      const pathname = new URL(request.url()).pathname;
      if (pathname === "/api/tasks" && request.method() === "POST") polls += 1;
      if (pathname === "/api/events") streams += 1;
    });
    await page.goto(`${app.url}/?ids=${ids.join(",")}`);
    await page.waitForTimeout(BROWSER_SECONDS * 1000);
    return { pollsPerMinute: (polls * 60) / BROWSER_SECONDS, streams };
  } finally {
    await browser.close();
  }
}

/** Cached reads of POST /api/tasks (20 finished tasks) under `next start`. */
async function cachedReads(app: App, sim: Simulator): Promise<{ rps: number; p99: number; cpuPerRequest: number }> {
  const ids = sim.addTasks(Array.from({ length: IDS_PER_VIEWER }, () => ({ pendingMs: 0, processingMs: 0 })));
  const body = JSON.stringify({ ids });
  const options = { url: `${app.url}/api/tasks`, method: "POST" as const, headers: { "content-type": "application/json" }, body, connections: 20 };
  await autocannon({ ...options, duration: 3 });
  const before = cpuMs(app.child.pid);
  const result = await autocannon({ ...options, duration: CANNON_SECONDS });
  return { rps: result.requests.average, p99: result.latency.p99, cpuPerRequest: (cpuMs(app.child.pid) - before) / Math.max(1, result.requests.total) };
}

/** Replaces this benchmark's section of the results file (from "## Live updates" to the next "## "), keeping the others. */
function writeSection(file: string, section: string): void {
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n\n";
  const start = current.indexOf("## Live updates");
  const end = start < 0 ? -1 : current.indexOf("\n## ", start + 1);
  const next =
    start < 0 ? `${current.trimEnd()}\n\n${section}` : `${current.slice(0, start)}${section.trimEnd()}\n${end < 0 ? "" : current.slice(end)}`;
  writeFileSync(file, next);
}

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

async function main(): Promise<void> {
  ensureBuild("bench");
  const sim = await startSimulator({ port: await freePort(), key: KEY, shape: "array" });
  const app = await startApp(sim);
  try {
    const viewerRows: string[] = [];
    for (const count of VIEWER_COUNTS) {
      const streamed = await streamViewers(app, sim, count);
      const polled = await pollingViewers(app, sim, count);
      viewerRows.push(`| ${count} | ${fmt(streamed)} | ${fmt(polled)} |`);
      console.log(`viewers ${count}: streams ${fmt(streamed)}, v1 polling ${fmt(polled)} upstream calls per interval`);
    }
    const many = await manyStreams(app, sim);
    console.log(`1,000 streams: ${JSON.stringify(many)}`);
    const tab = await browserTab(app, sim);
    console.log(`browser tab: ${JSON.stringify(tab)}`);
    const reads = await cachedReads(app, sim);
    console.log(`cached reads: ${JSON.stringify(reads)}`);

    const table = [
      `## Live updates (\`npm run bench\`, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}, interval ${INTERVAL_MS} ms)`,
      "",
      `Upstream calls per interval, ${IDS_PER_VIEWER} running tasks watched by every viewer, viewers arriving at random phases (target ≤ 1.05):`,
      "",
      "| viewers | streams (watcher) | v1 polling, random phases |",
      "|---:|---:|---:|",
      ...viewerRows,
      "",
      `${STREAMS.toLocaleString("en")} open streams:`,
      "",
      "| measure | value |",
      "|---|---:|",
      `| server memory per stream | ${fmt(many.memoryPerStreamKb, 1)} KB |`,
      `| server CPU per interval while idle, no stream open | ${fmt(many.baselineCpuPerIntervalMs, 0)} ms |`,
      `| server CPU per interval while idle, ${STREAMS.toLocaleString("en")} streams open | ${fmt(many.idleCpuPerIntervalMs, 0)} ms |`,
      `| upstream change → event at the clients, p50 | ${fmt(many.latencyP50, 0)} ms |`,
      `| upstream change → event at the clients, p99 (goal ≤ ${INTERVAL_MS + 250} ms) | ${fmt(many.latencyP99, 0)} ms |`,
      `| clients that got the change | ${many.received} of ${STREAMS} |`,
      "",
      `A gallery tab in Chromium with 12 running tasks, ${BROWSER_SECONDS} s: ${fmt(tab.pollsPerMinute, 1)} polls per minute, ${tab.streams} stream(s).`,
      "",
      `Cached reads of POST /api/tasks (20 finished tasks) under \`next start\`, autocannon, 20 connections, ${CANNON_SECONDS} s: ${fmt(reads.rps, 0)} req/s, p99 ${fmt(reads.p99, 0)} ms, ${fmt(reads.cpuPerRequest, 2)} ms CPU per request (version 1's custom server answered this route at 3,258–3,826 req/s, p99 2.5–3.8 ms at 1,500 req/s offered; polling is no longer the hot path).`,
      "",
    ].join("\n");
    console.log(`\n${table}`);
    writeSection(path.join(root, "bench-results.md"), table);
  } finally {
    app.child.kill("SIGKILL");
    await sim.close();
  }
}

const limit = setTimeout(() => {
  console.error("bench: took longer than 6 minutes; stopping");
  process.exit(1);
}, 6 * 60_000);
limit.unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("bench:", error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
