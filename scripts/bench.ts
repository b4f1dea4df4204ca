// `npm run bench`: what the server's caches save the gateway, and what cached reads cost, caches on
// vs off in one run. Starts the gateway simulator and the PRODUCTION app (`next start`; builds
// first when `.next` is missing or older than the sources), talks to 127.0.0.1 only, and prints a
// table (also written to bench-results.md). About two minutes, plus a build if one is needed.
// Next to latency it reports the app's CPU time per request and that of `GET /api/health` (a route
// that does nothing), so a busy machine's figures can still be read: the difference is our code.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startSimulator, type Simulator } from "../tests/simulator/server";
import { ensureBuild, nextBin, root } from "./lib/app-process";

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
const TIME_LIMIT_MS = 175_000;

type Mode = "on" | "off";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const appUrl = `http://${HOST}:${APP_PORT}`;

// ---- build ----------------------------------------------------------------------------------

// ---- the app under test ---------------------------------------------------------------------

let running: ChildProcess | null = null;

async function startApp(sim: Simulator, mode: Mode): Promise<ChildProcess> {
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
  const app = spawn(nextBin, ["start", "-p", String(APP_PORT), "-H", HOST], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  running = app;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (app.exitCode !== null) throw new Error(`next start exited with code ${app.exitCode} (is port ${APP_PORT} free?)`);
    try {
      const res = await fetch(`${appUrl}/api/tasks/00000000-0000-4000-8000-000000000000`);
      if (res.status === 404) return app;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("next start did not become ready within 30 s");
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

/** Offered load for the latency-at-load row: well under saturation, like a team of viewers. */
const STEADY_RATE = 100;

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

/**
 * Open-loop load: one request every 1000/rate ms, evenly spaced, whatever the answers do (autocannon's
 * rate option sends each second's quota in a burst, which measures its own queueing instead).
 */
async function paced(route: string, seconds: number, body: string, rate: number): Promise<{ p50: number; p99: number }> {
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < seconds * rate; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    inFlight.push(
      fetch(`${appUrl}${route}`, { method: "POST", headers: { "content-type": "application/json" }, body }).then(async (response) => {
        await response.arrayBuffer();
        latencies.push(performance.now() - sent);
      }),
    );
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

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
  await cannon(app, "/api/health", 1);
}

interface Figures {
  cpuPerRequest: number;
  floorCpuPerRequest: number;
  floorRps: number;
  calls5: number;
  calls50: number;
  calls50Random: number;
  finishedCalls: number;
  p50: number;
  p99: number;
  steadyP50: number;
  steadyP99: number;
  rps: number;
  failures: number;
}

async function measure(sim: Simulator, mode: Mode): Promise<Figures> {
  console.log(`bench: LUMA_CACHE=${mode} — starting next start on ${appUrl}`);
  const app = await startApp(sim, mode);
  try {
    await warmUp(app, sim);
    const calls5 = await viewers(sim, 5, true);
    const calls50 = await viewers(sim, 50, true);
    const calls50Random = await viewers(sim, 50, false);
    const finished = await finishedReads(sim);
    console.log(`bench: LUMA_CACHE=${mode} — autocannon, ${CANNON_CONNECTIONS} connections, ${CANNON_SECONDS} s`);
    const body = JSON.stringify({ ids: finished.ids });
    const { result, cpuPerRequest } = await cannon(app, "/api/tasks", CANNON_SECONDS, body);
    // Saturation measures throughput; latency is also measured at a steady load below it, where
    // the queueing of an overloaded 2-core machine does not dominate the figure.
    const steady = await paced("/api/tasks", CANNON_SECONDS, body, STEADY_RATE);
    // The framework's own cost per request: a route that touches neither the cache nor the gateway.
    const floor = await cannon(app, "/api/health", FLOOR_SECONDS);
    return {
      cpuPerRequest,
      floorCpuPerRequest: floor.cpuPerRequest,
      floorRps: floor.result.requests.average,
      calls5,
      calls50,
      calls50Random,
      finishedCalls: finished.calls,
      p50: result.latency.p50,
      p99: result.latency.p99,
      steadyP50: steady.p50,
      steadyP99: steady.p99,
      rps: result.requests.average,
      failures: result.non2xx + result.errors,
    };
  } finally {
    await stopApp(app);
  }
}

function table(on: Figures, off: Figures, seconds: number, load: string): string {
  const n = (v: number, digits = 1) => v.toFixed(digits);
  const rows: [string, string, string, string][] = [
    [`upstream calls / interval, 5 viewers (aligned, +0–${JITTER_MS} ms jitter)`, n(on.calls5), n(off.calls5), "≤ 1.2"],
    [`upstream calls / interval, 50 viewers (aligned, +0–${JITTER_MS} ms jitter)`, n(on.calls50), n(off.calls50), "≤ 1.2"],
    ["upstream calls / interval, 50 viewers (random phases)", n(on.calls50Random), n(off.calls50Random), "—"],
    [`upstream calls per ${FINISHED_READS.toLocaleString("en")} reads of ${IDS_PER_VIEWER} finished tasks`, String(on.finishedCalls), String(off.finishedCalls), "1"],
    [`cached reads p50 latency at ${STEADY_RATE} req/s offered (ms)`, n(on.steadyP50), n(off.steadyP50), ""],
    [`cached reads p99 latency at ${STEADY_RATE} req/s offered (ms)`, n(on.steadyP99), n(off.steadyP99), "≤ 10"],
    ["cached reads p50 latency at saturation (ms)", n(on.p50), n(off.p50), ""],
    ["cached reads p99 latency at saturation (ms)", n(on.p99), n(off.p99), ""],
    ["cached reads requests/s", n(on.rps, 0), n(off.rps, 0), "≥ 1,500"],
    ["failed requests (non-2xx + errors) under load", String(on.failures), String(off.failures), "0"],
    ["next-server CPU per cached read (ms)", n(on.cpuPerRequest, 2), n(off.cpuPerRequest, 2), ""],
    ["GET /api/health (framework floor): CPU per request (ms)", n(on.floorCpuPerRequest, 2), n(off.floorCpuPerRequest, 2), ""],
    ["GET /api/health (framework floor): requests/s", n(on.floorRps, 0), n(off.floorRps, 0), ""],
  ];
  const header: [string, string, string, string] = ["metric", "LUMA_CACHE=on", "LUMA_CACHE=off", "target"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [
    `POST /api/tasks, ${IDS_PER_VIEWER} ids per request, LUMA_POLL_INTERVAL_MS=${INTERVAL_MS}, ${INTERVALS} intervals per viewer row,`,
    `autocannon ${CANNON_CONNECTIONS} connections × ${CANNON_SECONDS} s on the finished ids; next start (production), simulator in-process; ${seconds} s in all.`,
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
    const on = await measure(sim, "on");
    const off = await measure(sim, "off");
    const text = table(on, off, Math.round((Date.now() - started) / 1000), `${loadAtStart} → ${loadavg()[0]!.toFixed(1)}`);
    console.log(`\n${text}\n`);
    writeFileSync(path.join(root, "bench-results.md"), `# npm run bench\n\n${text}\n`);
  } finally {
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error("bench:", error instanceof Error ? error.message : error);
  process.exit(1);
});
