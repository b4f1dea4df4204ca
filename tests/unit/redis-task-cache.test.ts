import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/server";
import { startGatewayForServer } from "./gateway-env";
import { freePort } from "../../scripts/lib/app-process";
import { startRedisServer, type RedisServer } from "./redis-server";

type LoaderModule = typeof import("@/lib/server/gateway/loader");
type RedisCacheModule = typeof import("@/lib/server/gateway/redis-task-cache");
type RedisTaskCache = import("@/lib/server/gateway/redis-task-cache").RedisTaskCache;

const POLL_MS = 2000; // unfinished answers are reused for 1 s
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sim: Simulator;
let redis: RedisServer;
let loaderModule: LoaderModule;
let cacheModule: RedisCacheModule;
const caches: RedisTaskCache[] = [];
let prefix = "";

const upstream = () => sim.calls.batch + sim.calls.single;
const finished = (n: number) => sim.addTasks(Array.from({ length: n }, () => ({ pendingMs: 0, processingMs: 0 })));
const running = (n: number) => sim.addTasks(Array.from({ length: n }, () => ({ pendingMs: 0, processingMs: 3_600_000 })));

/** A fresh "instance": its own in-memory cache and loader, sharing Redis with the others. */
function instance(options: { url?: string; warn?: (m: string) => void } = {}) {
  // A generous Redis timeout: CI machines are busy, and a slow answer would count as an outage.
  const cache = cacheModule.createRedisTaskCache({ url: options.url ?? redis.url, keyPrefix: prefix, timeoutMs: 1_000, warn: options.warn ?? (() => {}) });
  caches.push(cache);
  return loaderModule.createTaskLoader(cache);
}

beforeAll(async () => {
  redis = await startRedisServer();
  sim = await startGatewayForServer({ key: "redis-test-key", pollIntervalMs: POLL_MS });
  loaderModule = await import("@/lib/server/gateway/loader");
  cacheModule = await import("@/lib/server/gateway/redis-task-cache");
});

afterAll(async () => {
  await Promise.all(caches.map((c) => c.close()));
  await sim?.close();
  await redis?.stop();
});

beforeEach((ctx) => {
  sim.reset();
  prefix = `test:${ctx.task.id}:`;
});

describe("Redis task cache", () => {
  it("shares finished tasks: a second instance costs zero upstream calls", async () => {
    const ids = finished(20);
    const a = instance();
    const b = instance();
    expect((await a.loadTasks(ids)).tasks).toHaveLength(20);
    expect(upstream()).toBe(1);
    const fromB = await b.loadTasks(ids);
    expect(fromB.tasks.map((t) => t.id)).toEqual(ids);
    expect(fromB.tasks.every((t) => t.state === "completed")).toBe(true);
    expect(upstream()).toBe(1);
  });

  it("shares not-found answers and unfinished tasks for their short TTL only", async () => {
    const ids = running(5);
    const unknown = "00000000-0000-4000-8000-000000000000";
    const a = instance();
    const b = instance();
    await a.loadTasks([...ids, unknown]);
    await sleep(400);
    const fromB = await b.loadTasks([...ids, unknown]);
    expect(fromB.tasks).toHaveLength(5);
    expect(fromB.notFound).toEqual([unknown]);
    expect(upstream()).toBe(1);
    // B's copy keeps the remaining lifetime (≈600 ms), not a fresh second.
    await sleep(800);
    await b.loadTasks(ids);
    expect(upstream()).toBe(2);
  });

  it("lets one of two instances polling the same running ids at the same moment ask the gateway", async () => {
    const ids = running(20);
    const [a, b] = [instance(), instance()];
    const [fromA, fromB] = await Promise.all([a.loadTasks(ids), b.loadTasks(ids)]);
    expect(fromA.tasks).toHaveLength(20);
    expect(fromB.tasks.map((t) => t.id)).toEqual(ids);
    expect(upstream()).toBe(1);
  });

  it("asks the gateway itself when the instance holding the claim fails", async () => {
    const ids = running(3);
    const [a, b] = [instance(), instance()];
    sim.setFault({ mode: "401", count: 1 }); // the first call fails, without retries
    const started = Date.now();
    const [fromA, fromB] = await Promise.allSettled([a.loadTasks(ids), b.loadTasks(ids)]);
    expect(Date.now() - started).toBeLessThan(1_000); // the other saw the claim given back, not its expiry
    const answered = [fromA, fromB].filter((r) => r.status === "fulfilled");
    expect(answered.length).toBe(1);
    expect(upstream()).toBe(2);
  });

  it("keeps serving from memory when Redis is unreachable, with one warning that hides the password", async () => {
    const port = await freePort(); // nothing listens here
    const warnings: string[] = [];
    const lonely = instance({ url: `redis://:s3cret-pass@127.0.0.1:${port}`, warn: (m) => warnings.push(m) });
    const ids = finished(3);
    const started = Date.now();
    expect((await lonely.loadTasks(ids)).tasks).toHaveLength(3);
    expect((await lonely.loadTasks(ids)).tasks).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(upstream()).toBe(1); // the in-memory cache still answers
    expect(warnings.length).toBe(1);
    expect(warnings[0]).toContain("in-memory");
    expect(warnings.join("\n")).not.toContain("s3cret-pass");
  });

  it("shares again once Redis is back after an outage", async () => {
    const port = await freePort();
    const spare = await startRedisServer(port);
    const warnings: string[] = [];
    const url = `redis://127.0.0.1:${port}`;
    const a = instance({ url, warn: (m) => warnings.push(m) });
    try {
      await a.loadTasks(finished(1));
      await spare.stop();
      await a.loadTasks(finished(1)); // served without Redis
      const back = await startRedisServer(port);
      try {
        const deadline = Date.now() + 8_000;
        while (!warnings.some((m) => m.includes("is back")) && Date.now() < deadline) await sleep(100);
        expect(warnings).toHaveLength(2);
        const ids = finished(2);
        await a.loadTasks(ids);
        const before = upstream();
        expect((await instance({ url }).loadTasks(ids)).tasks).toHaveLength(2); // a newcomer finds them in Redis
        expect(upstream()).toBe(before);
      } finally {
        await back.stop();
      }
    } finally {
      await spare.stop();
    }
  }, 20_000);

  it("survives Redis going away mid-service", async () => {
    const own = await startRedisServer();
    try {
      const warnings: string[] = [];
      const a = instance({ url: own.url, warn: (m) => warnings.push(m) });
      const before = finished(2);
      await a.loadTasks(before);
      await own.stop();
      const after = finished(2);
      const started = Date.now();
      const result = await a.loadTasks([...before, ...after]);
      expect(result.tasks).toHaveLength(4);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect((await a.loadTasks(after)).tasks).toHaveLength(2);
      expect(upstream()).toBe(2);
      expect(warnings.length).toBe(1);
      expect(warnings[0]).toContain("unavailable");
    } finally {
      await own.stop();
    }
  });
});
