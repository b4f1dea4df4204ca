import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Simulator } from "../../simulator/server";
import { startGatewayForServer } from "./gateway-env";

type LoaderModule = typeof import("@/lib/server/gateway/loader");

const POLL_MS = 600; // unfinished answers are reused for 300 ms
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sim: Simulator;
let loader: LoaderModule;

/** Upstream calls (batch and single GETs) since the last reset. */
const upstream = () => sim.calls.batch + sim.calls.single;
const finished = (n: number) => sim.addTasks(Array.from({ length: n }, () => ({ pendingMs: 0, processingMs: 0 })));
const running = (n: number) => sim.addTasks(Array.from({ length: n }, () => ({ pendingMs: 0, processingMs: 3_600_000 })));

beforeAll(async () => {
  sim = await startGatewayForServer({ key: "loader-test-key", pollIntervalMs: POLL_MS });
  loader = await import("@/lib/server/gateway/loader");
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.reset();
  loader.resetLoader();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("loader: finished tasks", () => {
  it("fetches a finished task once, ever", async () => {
    const ids = finished(3);
    for (let i = 0; i < 5; i++) {
      const { tasks, notFound } = await loader.loadTasks(ids);
      expect(tasks.map((t) => t.id)).toEqual(ids);
      expect(tasks.every((t) => t.state === "completed")).toBe(true);
      expect(notFound).toEqual([]);
    }
    await sleep(POLL_MS * 1.5); // well past the short TTL
    await loader.loadTasks(ids);
    await loader.loadTask(ids[0]!);
    expect(upstream()).toBe(1);
  });

  it("reports ids the gateway does not know as not found, and keeps order", async () => {
    const [a, b] = finished(2);
    const { tasks, notFound } = await loader.loadTasks([b!, UNKNOWN, a!]);
    expect(tasks.map((t) => t.id)).toEqual([b, a]);
    expect(notFound).toEqual([UNKNOWN]);
  });

  it("refetches a finished task shortly before its media URLs expire", async () => {
    // Media valid for the refresh margin (5 min) plus 400 ms: the cache keeps it ~400 ms only.
    const [id] = sim.addTasks([{ pendingMs: 0, processingMs: 0, mediaTtlMs: 5 * 60_000 + 400 }]);
    const first = await loader.loadTask(id!);
    await loader.loadTask(id!);
    expect(upstream()).toBe(1);
    await sleep(700);
    const second = await loader.loadTask(id!);
    expect(upstream()).toBe(2);
    expect(second?.video?.url).not.toBe(first?.video?.url); // a fresh presigned URL
  });
});

describe("loader: coalescing", () => {
  it("shares one upstream call among concurrent identical requests", async () => {
    const ids = running(20);
    const results = await Promise.all(Array.from({ length: 50 }, () => loader.loadTasks(ids)));
    for (const r of results) expect(r.tasks).toHaveLength(20);
    expect(upstream()).toBe(1);
  });

  it("merges ids asked for within the window into batches of at most 50", async () => {
    const ids = finished(60);
    const parts = [ids.slice(0, 20), ids.slice(20, 45), ids.slice(45)];
    const results = await Promise.all(parts.map((part) => loader.loadTasks(part)));
    expect(results.flatMap((r) => r.tasks).map((t) => t.id)).toEqual(ids);
    expect(sim.calls.batch).toBe(2);
    expect(sim.calls.log.map((c) => c.ids.length).sort((a, b) => a - b)).toEqual([10, 50]);
  });

  it("sends 60 ids from one request as 2 upstream calls", async () => {
    const ids = finished(60);
    const { tasks } = await loader.loadTasks(ids);
    expect(tasks).toHaveLength(60);
    expect(sim.calls.batch).toBe(2);
    expect(Math.max(...sim.calls.log.map((c) => c.ids.length))).toBeLessThanOrEqual(50);
  });

  it("reuses unfinished tasks for about half the poll interval, then asks again", async () => {
    const ids = running(5);
    await loader.loadTasks(ids);
    await sleep(POLL_MS / 4);
    await loader.loadTasks(ids);
    expect(upstream()).toBe(1);
    await sleep(POLL_MS / 2);
    const { tasks } = await loader.loadTasks(ids);
    expect(upstream()).toBe(2);
    expect(tasks.every((t) => t.state === "processing")).toBe(true);
  });

  it("sees a task finish: the unfinished answer is not kept past its short TTL", async () => {
    const [id] = sim.addTasks([{ pendingMs: 0, processingMs: 400 }]);
    expect((await loader.loadTask(id!))?.state).toBe("processing");
    await sleep(POLL_MS);
    expect((await loader.loadTask(id!))?.state).toBe("completed");
  });

  it("fails every waiting request when the upstream fails, and does not cache the failure", async () => {
    const ids = finished(2);
    sim.setFault({ mode: "401", count: 1 });
    const results = await Promise.allSettled([loader.loadTasks(ids), loader.loadTasks(ids)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    const { tasks } = await loader.loadTasks(ids);
    expect(tasks).toHaveLength(2);
  });
});

describe("loader: partial answers while the upstream fails", () => {
  it("keeps every task it knows and names the rest unavailable, with the upstream's error", async () => {
    const known = finished(2);
    await loader.loadTasks(known);
    const fresh = finished(1);
    sim.setFault({ mode: "500" });
    const result = await loader.loadTasks([...known, ...fresh]);
    expect(result.tasks.map((t) => t.id)).toEqual(known);
    expect(result.unavailable).toEqual(fresh);
    expect(result.notFound).toEqual([]);
    expect(result.error).toMatchObject({ failure: "bad_status", status: 500 });
  });

  it("shows the last state it saw of a running task whose cache entry expired", async () => {
    const ids = running(1);
    expect((await loader.loadTasks(ids)).tasks[0]?.state).toBe("processing");
    await sleep(POLL_MS);
    sim.setFault({ mode: "500" });
    const result = await loader.loadTasks(ids);
    expect(result.tasks.map((t) => t.state)).toEqual(["processing"]);
    expect(result.error).not.toBeNull();
  });

  it("fails as a whole only when nothing at all can be said", async () => {
    sim.setFault({ mode: "500" });
    await expect(loader.loadTasks(finished(2))).rejects.toMatchObject({ failure: "bad_status" });
  });

  it("a batch answer it cannot read is an upstream error, never 'not found'", async () => {
    sim.setFault({ mode: "unexpected" });
    await expect(loader.loadTasks(finished(1))).rejects.toMatchObject({ failure: "unexpected_shape" });
  });
});

describe("loader: kept snapshots", () => {
  afterEach(() => loader.setSnapshotSource(null));

  it("answers finished tasks from the snapshots before the upstream (as after a restart)", async () => {
    const [kept, other] = finished(2);
    const snapshot = (await loader.loadTasks([kept!])).tasks[0]!;
    loader.resetLoader();
    sim.resetCalls();
    loader.setSnapshotSource(async (ids) => new Map(ids.includes(kept!) ? [[kept!, snapshot]] : []));
    const result = await loader.loadTasks([kept!, other!]);
    expect(result.tasks.map((t) => t.id)).toEqual([kept, other]);
    expect(sim.calls.log.flatMap((call) => call.ids)).toEqual([other]);
  });

  it("a failing snapshot store costs nothing but the upstream call it would have saved", async () => {
    const [id] = finished(1);
    loader.setSnapshotSource(async () => {
      throw new Error("database gone");
    });
    expect((await loader.loadTasks([id!])).tasks).toHaveLength(1);
  });
});

describe("loader: refresh", () => {
  it("skips the cache at once the first time, then at most once a minute per task", async () => {
    const [id, other] = finished(2);
    await loader.loadTask(id!);
    await loader.loadTask(other!);
    expect(upstream()).toBe(2);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now());
    await loader.loadTask(id!, { refresh: true });
    expect(upstream()).toBe(3);
    await loader.loadTask(id!, { refresh: true });
    await loader.loadTask(id!, { refresh: true });
    expect(upstream()).toBe(3); // served from the cache
    await loader.loadTask(other!, { refresh: true });
    expect(upstream()).toBe(4); // the gap is per task

    vi.setSystemTime(Date.now() + 61_000);
    const task = await loader.loadTask(id!, { refresh: true });
    expect(task?.id).toBe(id);
    expect(upstream()).toBe(5);
  });
});
