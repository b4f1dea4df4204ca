// `npm run bench`: what the server's caches save the gateway, and what cached reads cost, caches on
// vs off in one run. Starts the gateway simulator and the PRODUCTION app as `npm start` runs it
// (builds first when the build is missing or older than the sources), talks to 127.0.0.1 only, and
// prints a table (also written to bench-results.md). A third, shorter run sends the same cached
// reads through Next's router (`next start`), which `npm start` bypasses for POST /api/tasks.
// About two and a half minutes, plus a build if one is needed.
// Next to latency it reports the app's CPU time per request and that of `GET /api/health` (a route
// that does nothing), so a busy machine's figures can still be read: the difference is our code.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startSimulator, type Simulator } from "../simulator/server";
import { ensureBuild, nextBin, root, spawnProductionServer } from "./lib/app-process";
import { pacedLoadInChild } from "./lib/paced-load";

const HOST = "127.0.0.1";
const SIM_PORT = Number(process.env.BENCH_SIM_PORT || 4230);
const APP_PORT = Number(process.env.BENCH_APP_PORT || 3230);
const KEY = "bench-key"; // opens only the local simulator
const INTERVAL_MS = 2_000; // LUMA_POLL_INTERVAL_MS of the app under test
const INTERVALS = 5;
const IDS_PER_VIEWER = 20;
const JITTER_MS = INTERVAL_MS / 4;
const FINISHED_READS = 1_000;
const CANNON_SECONDS = 10;
const CANNON_CONNECTIONS = 20;
const FLOOR_SECONDS = 3;
/** The whole measurement (not counting a build) is cut off here rather than left to hang. */
const TIME_LIMIT_MS = 240_000;

type Mode = "on" | "off";
/** `npm start` (the custom server) or plain `next start` (every request through Next's router). */
type Server = "npm start" | "next start";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const appUrl = `http://${HOST}:${APP_PORT}`;

// ---- build ----------------------------------------------------------------------------------

// ---- the app under test ---------------------------------------------------------------------

let running: ChildProcess | null = null;

async function startApp(sim: Simulator, mode: Mode, server: Server): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    LUMA_API_BASE_URL: sim.url,
    LUMA_API_KEY: KEY,
    LUMA_POLL_INTERVAL_MS: String(INTERVAL_MS),
    RATE_LIMIT_PER_MINUTE: "0",
    LUMA_CACHE: mode,
  };
  const stdio: ["ignore", "ignore", "inherit"] = ["ignore", "ignore", "inherit"];
  const app =
    server === "npm start"
      ? spawnProductionServer(env, { port: APP_PORT, hostname: HOST, stdio })
      : spawn(nextBin, ["start", "-p", String(APP_PORT), "-H", HOST], { cwd: root, env, stdio });
  running = app;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (app.exitCode !== null) throw new Error(`${server} exited with code ${app.exitCode} (is port ${APP_PORT} free?)`);
    try {
      const res = await fetch(`${appUrl}/api/tasks/00000000-0000-4000-8000-000000000000`);
      if (res.status === 404) return app;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${server} did not become ready within 30 s`);
    await sleep(200);
  }
}

function stopApp(app: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (app.exitCode !== null || app.signalCode !== null) return resolve();
    const force = setTimeout(() => app.kill("SIGKILL"), 5_000);
    app.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    app.kill("SIGTERM");
  });
}

// ---- measurements ---------------------------------------------------------------------------

/** CPU time (user + system, ms) a process has used so far; NaN where /proc is missing. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (USER_HZ = 100)
  } catch {
    return Number.NaN;
  }
}

/** Offered loads for the latency rows: a team of viewers, and the throughput target itself. */
const STEADY_RATE = 100;
const TARGET_RATE = 1_500;

/** autocannon against the app, plus the app's CPU time per request meanwhile. */
async function cannon(app: ChildProcess, route: string, seconds: number, body?: string) {
  const before = cpuMs(app.pid);
  const result = await autocannon({
    url: `${appUrl}${route}`,
    method: body ? "POST" : "GET",
    headers: body ? { "content-type": "application/json" } : {},
    body,
    connections: CANNON_CONNECTIONS,
    duration: seconds,
  });
  return { result, cpuPerRequest: (cpuMs(app.pid) - before) / Math.max(1, result.requests.total) };
}

/** Open-loop load at `rate` (see scripts/lib/paced-load.ts for why not autocannon or fetch). */
const paced = (route: string, seconds: number, body: string, rate: number) =>
  pacedLoadInChild({ host: HOST, port: APP_PORT, path: route, body, rate, seconds });

async function upstreamCalls(sim: Simulator): Promise<number> {
  const log = (await (await fetch(`${sim.url}/__control/calls`)).json()) as { batch: number; single: number };
  return log.batch + log.single;
}

async function resetCalls(sim: Simulator): Promise<void> {
  await fetch(`${sim.url}/__control/calls/reset`, { method: "POST" });
}

async function postTasks(ids: readonly string[]): Promise<void> {
  const res = await fetch(`${appUrl}/api/tasks`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ids }),
  });
  const body = (await res.json()) as { tasks?: unknown[] };
  if (res.status !== 200 || body.tasks?.length !== ids.length) throw new Error(`POST /api/tasks answered ${res.status}`);
}

/**
 * N viewers poll the same 20 running tasks once per interval for INTERVALS intervals. `aligned`:
 * every viewer polls at the interval's tick plus up to a quarter interval of jitter (tabs opened on
 * the same shared link); otherwise each viewer keeps its own random phase across the interval.
 */
async function viewers(sim: Simulator, count: number, aligned: boolean): Promise<number> {
  const ids = sim.addTasks(Array.from({ length: IDS_PER_VIEWER }, () => ({ pendingMs: 0, processingMs: 3_600_000 })));
  await resetCalls(sim);
  const start = Date.now() + 100;
  await Promise.all(
    Array.from({ length: count }, async () => {
      const phase = aligned ? 0 : Math.random() * INTERVAL_MS;
      for (let k = 0; k < INTERVALS; k++) {
        const at = start + k * INTERVAL_MS + (aligned ? Math.random() * JITTER_MS : phase);
        await sleep(Math.max(0, at - Date.now()));
        await postTasks(ids);
      }
    }),
  );
  return (await upstreamCalls(sim)) / INTERVALS;
}

/** Upstream calls for FINISHED_READS requests, each reading the same 20 finished tasks. */
async function finishedReads(sim: Simulator): Promise<{ calls: number; ids: string[] }> {
  const ids = sim.addTasks(Array.from({ length: IDS_PER_VIEWER }, () => ({ pendingMs: 0, processingMs: 0 })));
  await resetCalls(sim);
  let next = 0;
  await Promise.all(
    Array.from({ length: CANNON_CONNECTIONS }, async () => {
      while (next++ < FINISHED_READS) await postTasks(ids);
    }),
  );
  return { calls: await upstreamCalls(sim), ids };
}

/** A fresh server compiles and JITs its routes on the first requests; measure after that. */
async function warmUp(app: ChildProcess, sim: Simulator): Promise<void> {
  const ids = sim.addTasks(Array.from({ length: IDS_PER_VIEWER }, (_, i) => ({ pendingMs: 0, processingMs: i % 2 ? 0 : 3_600_000 })));
  await autocannon({
    url: `${appUrl}/api/tasks`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ids }),
    connections: 10,
    amount: 500,
  });
  // Under `npm start` those POSTs never reach Next's router: warm it as well, with a Next route,
  // so the router-floor row compares warm servers.
  await autocannon({ url: `${appUrl}/api/tasks/${ids[0]}`, connections: 10, amount: 500 });
  await cannon(app, "/api/health", 1);
}

interface Figures {
  server: Server;
  mode: Mode;
  /** Only measured where they tell something: the viewer rows under `npm start`. */
  calls5?: number;
  calls50?: number;
  calls50Random?: number;
  finishedCalls: number;
  steady: { p50: number; p99: number };
  /** Only for the cached `npm start` run: the rate the target names. */
  atTarget?: { p50: number; p99: number };
  p50: number;
  p99: number;
  rps: number;
  failures: number;
  cpuPerRequest: number;
  floorCpuPerRequest: number;
  floorRps: number;
}

async function measure(sim: Simulator, mode: Mode, server: Server): Promise<Figures> {
  const label = `${server}, LUMA_CACHE=${mode}`;
  console.log(`bench: ${label} — starting on ${appUrl}`);
  const app = await startApp(sim, mode, server);
  try {
    await warmUp(app, sim);
    // Next's own cost per request, first, before the heavier loads grow the heap: a route that
    // touches neither the cache nor the gateway.
    const floor = await cannon(app, "/api/health", FLOOR_SECONDS);
    const economy =
      server === "npm start"
        ? { calls5: await viewers(sim, 5, true), calls50: await viewers(sim, 50, true), calls50Random: await viewers(sim, 50, false) }
        : {};
    const finished = await finishedReads(sim);
    console.log(`bench: ${label} — autocannon, ${CANNON_CONNECTIONS} connections, ${CANNON_SECONDS} s`);
    const body = JSON.stringify({ ids: finished.ids });
    const { result, cpuPerRequest } = await cannon(app, "/api/tasks", CANNON_SECONDS, body);
    // Saturation measures throughput; latency is also measured at steady loads below it, where
    // the queueing of an overloaded 2-core machine does not dominate the figure.
    const steady = await paced("/api/tasks", CANNON_SECONDS, body, STEADY_RATE);
    const atTarget = server === "npm start" && mode === "on" ? await paced("/api/tasks", CANNON_SECONDS, body, TARGET_RATE) : undefined;
    return {
      server,
      mode,
      ...economy,
      finishedCalls: finished.calls,
      steady,
      atTarget,
      p50: result.latency.p50,
      p99: result.latency.p99,
      rps: result.requests.average,
      failures: result.non2xx + result.errors + steady.failures + (atTarget?.failures ?? 0),
      cpuPerRequest,
      floorCpuPerRequest: floor.cpuPerRequest,
      floorRps: floor.result.requests.average,
    };
  } finally {
    await stopApp(app);
  }
}

function table(runs: Figures[], seconds: number, load: string): string {
  const n = (v: number | undefined, digits = 1) => (v === undefined ? "—" : v.toFixed(digits));
  const row = (metric: string, value: (f: Figures) => string, target = ""): string[] => [metric, ...runs.map(value), target];
  const rows: string[][] = [
    row(`upstream calls / interval, 5 viewers (aligned, +0–${JITTER_MS} ms jitter)`, (f) => n(f.calls5), "≤ 1.2"),
    row(`upstream calls / interval, 50 viewers (aligned, +0–${JITTER_MS} ms jitter)`, (f) => n(f.calls50), "≤ 1.2"),
    row("upstream calls / interval, 50 viewers (random phases)", (f) => n(f.calls50Random), "—"),
    row(`upstream calls per ${FINISHED_READS.toLocaleString("en")} reads of ${IDS_PER_VIEWER} finished tasks`, (f) => String(f.finishedCalls), "1"),
    row(`cached reads p50 latency at ${STEADY_RATE} req/s offered (ms)`, (f) => n(f.steady.p50)),
    row(`cached reads p99 latency at ${STEADY_RATE} req/s offered (ms)`, (f) => n(f.steady.p99), "≤ 10"),
    row(`cached reads p50 latency at ${TARGET_RATE.toLocaleString("en")} req/s offered (ms)`, (f) => n(f.atTarget?.p50)),
    row(`cached reads p99 latency at ${TARGET_RATE.toLocaleString("en")} req/s offered (ms)`, (f) => n(f.atTarget?.p99), "≤ 10"),
    row(`cached reads p50 latency at saturation, ${CANNON_CONNECTIONS} connections (ms)`, (f) => n(f.p50)),
    row(`cached reads p99 latency at saturation, ${CANNON_CONNECTIONS} connections (ms)`, (f) => n(f.p99)),
    row("cached reads requests/s at saturation", (f) => n(f.rps, 0), "≥ 1,500"),
    row("failed requests (non-2xx + errors) under load", (f) => String(f.failures), "0"),
    row("server CPU per cached read (ms)", (f) => n(f.cpuPerRequest, 2)),
    row("GET /api/health through Next's router: CPU per request (ms)", (f) => n(f.floorCpuPerRequest, 2)),
    row("GET /api/health through Next's router: requests/s", (f) => n(f.floorRps, 0)),
  ];
  const header = ["metric", ...runs.map((f) => `${f.server}, cache ${f.mode}`), "target"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [
    `POST /api/tasks, ${IDS_PER_VIEWER} ids per request, LUMA_POLL_INTERVAL_MS=${INTERVAL_MS}, ${INTERVALS} intervals per viewer row,`,
    `autocannon ${CANNON_CONNECTIONS} connections × ${CANNON_SECONDS} s on the finished ids; paced rows: one request every 1/rate s for ${CANNON_SECONDS} s;`,
    `production build, simulator in-process; ${seconds} s in all. "npm start" answers POST /api/tasks in the custom server, "next start" through Next's router.`,
    `Machine: ${cpus().length} CPUs, load average ${load} (start → end); other processes share it, so latency and requests/s vary run to run.`,
    "",
    line(header),
    `|${widths.map((w, i) => (i === 0 ? ` ${"-".repeat(w)} ` : ` ${"-".repeat(w - 1)}: `)).join("|")}|`,
    ...rows.map(line),
  ].join("\n");
}

async function main() {
  ensureBuild("bench");
  const started = Date.now();
  const loadAtStart = loadavg()[0]!.toFixed(1);
  setTimeout(() => {
    console.error(`bench: still running after ${TIME_LIMIT_MS / 1000} s — giving up (is the machine overloaded?)`);
    running?.kill("SIGKILL");
    process.exit(1);
  }, TIME_LIMIT_MS).unref();
  const sim = await startSimulator({ port: SIM_PORT, host: HOST, key: KEY, demo: false });
  try {
    const runs = [await measure(sim, "on", "npm start"), await measure(sim, "off", "npm start"), await measure(sim, "on", "next start")];
    const text = table(runs, Math.round((Date.now() - started) / 1000), `${loadAtStart} → ${loadavg()[0]!.toFixed(1)}`);
    console.log(`\n${text}\n`);
    writeFileSync(path.join(root, "bench-results.md"), `# npm run bench\n\nLast run: ${new Date().toISOString().slice(0, 10)}.\n\n\`\`\`\n${text}\n\`\`\`\n`);
  } finally {
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error("bench:", error instanceof Error ? error.message : error);
  process.exit(1);
});
