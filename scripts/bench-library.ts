// Benchmark of the library at 100,000 tasks, PGlite and PostgreSQL side by side.
//
//   npm run build && npm run bench:library
//
// For each database: seeds 100,000 library items with snapshots, then measures
//   - in this process, through the repository functions: first page, state-filtered page and
//     prompt search (p50/p95), with the event loop's longest stall (PGlite runs on this thread);
//   - over HTTP against `next start` of the existing build (BENCH_APP_PORT, default a free port): the same
//     three requests (p50/p95, client-measured on loopback), the longest answer of a /api/health
//     probe sent every 10 ms meanwhile (the server's event-loop stall, seen from outside), and
//     POST /api/library with 5,000 new ids;
//   - callbacks: POST /api/hooks/luma/{secret} (each a task the gateway simulator knows, the four
//     callback shapes in turn): 1,000 as a steady stream of 50 a second, then 1,000 sent 10 at a
//     time as fast as answered: p50/p99/max of the answers;
//   - in Chromium, a gallery open on the library: from sending a callback to its card in the page
//     (BENCH_CALLBACK_CARDS times, median and max).
// PostgreSQL is a throw-away server this script starts (Debian's postgresql; as root it runs as
// the `postgres` user). BENCH_TASKS and BENCH_RUNS change the size and the repetitions;
// BENCH_DATABASES=pglite (or postgresql) measures one column only.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { chromium } from "@playwright/test";
import { sql } from "drizzle-orm";
import { startSimulator, type Simulator } from "../simulator/server";
import { openEmbedded, openPostgres, type Database } from "../lib/server/db/client";
import { listLibrary, type ListLibraryOptions } from "../lib/server/db/library";
import { CHROMIUM_ARGS, chromiumExecutable } from "./lib/browser";
import { startPostgresServer } from "./lib/postgres-server";
import { freePort, spawnProductionServer, waitForOk } from "./lib/app-process";

const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const PAGE = 60;
const CALLBACKS = 1000;
const CALLBACK_CONCURRENCY = 10;
const CALLBACKS_PER_SECOND = 50;
const CALLBACK_CARDS = Number(process.env.BENCH_CALLBACK_CARDS ?? 20);
const KINDS = (["PGlite", "PostgreSQL"] as const).filter((kind) => (process.env.BENCH_DATABASES ?? "pglite,postgresql").toLowerCase().split(",").includes(kind.toLowerCase()));
const SIM_KEY = "bench-key"; // opens only the local simulator
const HOOK_SECRET = "bench-hook-secret";

const WORDS = ["cat", "ocean", "neon", "forest", "robot", "sunset", "paper", "boat", "city", "rain", "mountain", "dragon", "glass", "desert", "violin", "lantern"];

/** 100,000 tasks in two statements: generate_series is far faster than any client-side insert. */
async function seed(db: Database["db"]): Promise<void> {
  const words = `(array[${WORDS.map((w) => `'${w}'`).join(",")}])`;
  const now = Date.now();
  await db.execute(
    sql.raw(`
    insert into task_snapshots (id, task, state, read_at)
    select id, jsonb_build_object('id', id, 'state', state, 'prompt', prompt, 'aspectRatio', '16:9', 'createdAt', to_char(to_timestamp(created / 1000.0) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             'progress', null, 'failureReason', null, 'model', 'ray-2', 'finishedAt', null,
             'thumbnail', jsonb_build_object('url', 'https://media.example/' || id || '.jpg', 'width', 1280, 'height', 720),
             'palette', null, 'video', null, 'lastFrame', null),
           state, now()
    from (
      select md5(i::text)::uuid::text as id,
             (array['completed','completed','completed','failed','processing','pending'])[1 + i % 6] as state,
             ${words}[1 + i % 16] || ' ' || ${words}[1 + (i / 16) % 16] || ' number ' || i as prompt,
             ${now} - i::bigint * 60000 as created
      from generate_series(1, ${TASKS}) as i
    ) as t`),
  );
  await db.execute(
    sql.raw(`
    insert into library_items (id, added_at, source, favorite, status, state, prompt, sort_time, sort_fixed)
    select md5(i::text)::uuid::text, now(), 'import', i % 50 = 0, 'found',
           (array['completed','completed','completed','failed','processing','pending'])[1 + i % 6],
           ${words}[1 + i % 16] || ' ' || ${words}[1 + (i / 16) % 16] || ' number ' || i,
           ${now} - i::bigint * 60000, true
    from generate_series(1, ${TASKS}) as i`),
  );
  await db.execute(sql.raw("analyze"));
}

const QUERIES: { name: string; options: ListLibraryOptions; query: string }[] = [
  { name: "first page", options: { limit: PAGE }, query: `limit=${PAGE}` },
  { name: "state-filtered page", options: { limit: PAGE, state: "processing" }, query: `limit=${PAGE}&state=processing` },
  { name: "prompt search", options: { limit: PAGE, q: "dragon violin" }, query: `limit=${PAGE}&q=dragon%20violin` },
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** The callback shapes of SPEC §1c, in turn. */
function callbackBody(id: string, i: number): unknown {
  switch (i % 4) {
    case 0:
      return { id, state: "completed", generation_type: "video" };
    case 1:
      return { task_id: id, status: "SUCCESS", progress: "100%" };
    case 2:
      return { success: true, task_id: id, state: "completed", video_url: "https://media.example/v.mp4" };
    default:
      return { timestamp: Date.now(), data: { task_id: id, status: "SUCCESS" } };
  }
}

/** `client`: the address the one trusted proxy names (each run its own callback budget of 1,200 a minute). */
async function sendCallback(base: string, id: string, i: number, client: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}/api/hooks/luma/${HOOK_SECRET}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": client },
    body: JSON.stringify(callbackBody(id, i)),
  });
  await response.arrayBuffer();
  if (response.status !== 202) throw new Error(`callback answered HTTP ${response.status}`);
  return performance.now() - started;
}

const spread = (times: number[]) => `${fmt(percentile(times, 50))} / ${fmt(percentile(times, 99))} / ${fmt(Math.max(...times))}`;

/**
 * Callbacks for tasks the simulator knows (each then read from it): a steady stream of
 * CALLBACKS_PER_SECOND, sent on schedule whatever the answers (as gateways do), then the same number
 * CALLBACK_CONCURRENCY at a time as fast as answered (the server saturated: queueing, not the route).
 */
async function measureCallbacks(base: string, sim: Simulator, results: Results): Promise<void> {
  const newIds = (n = CALLBACKS) => sim.addTasks(Array.from({ length: n }, (_, i) => ({ prompt: `called back ${i}`, pendingMs: 0, processingMs: 0 })));
  // Next loads a route's code on its first request: warmed up first, as the pages above are.
  const warmIds = newIds(20);
  for (const [i, id] of warmIds.entries()) await sendCallback(base, id, i, "198.18.0.3");
  const steadyIds = newIds();
  const steady = await Promise.all(
    steadyIds.map(async (id, i) => {
      await new Promise((r) => setTimeout(r, (i * 1000) / CALLBACKS_PER_SECOND));
      return sendCallback(base, id, i, "198.18.0.1");
    }),
  );
  results.set(`callbacks: ${CALLBACKS} at ${CALLBACKS_PER_SECOND}/s, p50 / p99 / max`, spread(steady));

  const burstIds = newIds();
  const saturated: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < burstIds.length) {
      const i = next++;
      saturated.push(await sendCallback(base, burstIds[i]!, i, "198.18.0.2"));
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CALLBACK_CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  results.set(`callbacks: ${CALLBACKS}, ${CALLBACK_CONCURRENCY} at a time, p50 / p99 / max`, spread(saturated));
  results.set(`callbacks: ${CALLBACKS}, ${CALLBACK_CONCURRENCY} at a time, answered per second`, `${(CALLBACKS / seconds).toFixed(0)}/s`);
}

/** A gallery open in Chromium: from sending a callback (from the page) to its card in the page. */
async function measureCallbackToCard(base: string, sim: Simulator, results: Results): Promise<void> {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const stream = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/events");
    await page.goto(base);
    await stream;
    const times: number[] = [];
    // The first is not counted: it loads the route and warms the page's code paths.
    for (let i = -1; i < CALLBACK_CARDS; i++) {
      const [id] = sim.addTasks([{ prompt: `card ${i}`, pendingMs: 0, processingMs: 0 }]);
      const elapsed = await page.evaluate(
        async ({ id, secret, body }) => {
          const started = performance.now();
          const appeared = new Promise<number>((resolve) => {
            const observer = new MutationObserver(() => {
              if (!document.querySelector(`[data-task-id="${id}"]`)) return;
              observer.disconnect();
              resolve(performance.now() - started);
            });
            observer.observe(document.body, { childList: true, subtree: true });
          });
          const answer = await fetch(`/api/hooks/luma/${secret}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
          if (answer.status !== 202) throw new Error(`callback answered HTTP ${answer.status}`);
          return Promise.race([appeared, new Promise<number>((_, reject) => setTimeout(() => reject(new Error("no card within 60 s")), 60_000))]);
        },
        { id: id!, secret: HOOK_SECRET, body: callbackBody(id!, i + 1) },
      );
      if (i >= 0) times.push(elapsed);
      await new Promise((r) => setTimeout(r, 300));
    }
    results.set(`callback → card in an open gallery (Chromium, ${CALLBACK_CARDS}×) median / p90 / max`, `${fmt(percentile(times, 50))} / ${fmt(percentile(times, 90))} / ${fmt(Math.max(...times))}`);
  } finally {
    await browser.close();
  }
}

async function timeRuns(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A turn of the event loop between runs, as between requests: PGlite's awaited queries alone
    // never give the stall timer of measureRepository a chance to fire.
    await new Promise((resolve) => setImmediate(resolve));
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

type Results = Map<string, string>;

async function measureRepository(database: Database, results: Results): Promise<void> {
  for (const q of QUERIES) await listLibrary(database.db, q.options);
  // PGlite runs queries on this thread: its stalls are this process's event-loop stalls. A 5 ms
  // timer that notes how late it fires sees them (the histogram of monitorEventLoopDelay stayed
  // empty under PGlite's synchronous WebAssembly calls).
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let last = performance.now();
  let longestGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last - 5);
    last = now;
  }, 5);
  for (const q of QUERIES) {
    const { p50, p95 } = await timeRuns(() => listLibrary(database.db, q.options));
    results.set(`repository: ${q.name} p50 / p95`, `${fmt(p50)} / ${fmt(p95)}`);
  }
  // The last run's stall shows only when the timer fires after it.
  await new Promise((resolve) => setTimeout(resolve, 10));
  clearInterval(ticker);
  loop.disable();
  results.set("repository: longest event-loop stall", fmt(Math.max(longestGap, loop.max / 1e6)));
}

async function measureHttp(env: Record<string, string>, sim: Simulator, results: Results): Promise<void> {
  const port = process.env.BENCH_APP_PORT ? Number(process.env.BENCH_APP_PORT) : await freePort();
  const app = spawnProductionServer(
    { ...process.env, ...env, RATE_LIMIT_PER_MINUTE: "0", LUMA_API_BASE_URL: sim.url, LUMA_API_KEY: SIM_KEY, LUMA_WEBHOOK_SECRET: HOOK_SECRET, TRUST_PROXY: "1" },
    { port, stdio: ["ignore", "ignore", "inherit"] },
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(`${base}/api/health`);
    await waitForOk(`${base}/api/ready`, 120_000);
    for (const q of QUERIES) for (let i = 0; i < 5; i++) await (await fetch(`${base}/api/library?${q.query}`)).arrayBuffer();
    let probing = true;
    let longestProbe = 0;
    const probe = (async () => {
      while (probing) {
        const started = performance.now();
        await fetch(`${base}/api/health`).then((r) => r.arrayBuffer());
        longestProbe = Math.max(longestProbe, performance.now() - started);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    for (const q of QUERIES) {
      const { p50, p95 } = await timeRuns(async () => {
        const response = await fetch(`${base}/api/library?${q.query}`);
        if (!response.ok) throw new Error(`GET /api/library?${q.query}: HTTP ${response.status}`);
        await response.arrayBuffer();
      });
      results.set(`HTTP: ${q.name} p50 / p95`, `${fmt(p50)} / ${fmt(p95)}`);
    }
    probing = false;
    await probe;
    results.set("HTTP: longest /api/health answer meanwhile", fmt(longestProbe));
    const ids = Array.from({ length: 5000 }, () => crypto.randomUUID());
    const started = performance.now();
    const added = await fetch(`${base}/api/library`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ids, source: "import" }) });
    if (!added.ok) throw new Error(`POST /api/library: HTTP ${added.status}`);
    results.set("HTTP: POST /api/library, 5,000 new ids", fmt(performance.now() - started));
    await measureCallbacks(base, sim, results);
    if (CALLBACK_CARDS > 0) await measureCallbackToCard(base, sim, results);
  } finally {
    app.kill("SIGTERM");
    await new Promise((r) => app.once("exit", r));
  }
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0]!;
  const columns: { name: string; results: Results }[] = [];

  const dir = mkdtempSync(path.join(tmpdir(), "luma-bench-pglite-"));
  const pg = KINDS.includes("PostgreSQL") ? await startPostgresServer() : null;
  const sim = await startSimulator({ key: SIM_KEY });
  try {
    for (const kind of KINDS) {
      const results: Results = new Map();
      const database = kind === "PGlite" ? await openEmbedded(dir) : await openPostgres(pg!.url);
      const started = performance.now();
      await seed(database.db);
      results.set(`seed ${TASKS.toLocaleString("en")} tasks`, fmt(performance.now() - started));
      await measureRepository(database, results);
      await database.close();
      console.error(`${kind}: repository measured; now over HTTP`);
      await measureHttp(kind === "PGlite" ? { DATA_DIR: dir } : { DATABASE_URL: pg!.url }, sim, results);
      columns.push({ name: kind, results });
    }
  } finally {
    await sim.close();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const rows = [...columns[0]!.results.keys()];
  const width = Math.max(...rows.map((r) => r.length));
  console.log(`\n| ${"measure".padEnd(width)} | ${columns.map((c) => c.name.padEnd(18)).join(" | ")} |`);
  console.log(`|${"-".repeat(width + 2)}|${columns.map(() => "-".repeat(20)).join("|")}|`);
  for (const row of rows) console.log(`| ${row.padEnd(width)} | ${columns.map((c) => (c.results.get(row) ?? "").padEnd(18)).join(" | ")} |`);
  // Tail percentiles on a shared machine follow its load: say what it was.
  console.log(`\n${new Date().toISOString()}, load average ${loadBefore.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
