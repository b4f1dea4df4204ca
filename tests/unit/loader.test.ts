import { afterEach, describe, expect, it, vi } from "vitest";
import { gatewayForServerTests } from "./gateway-env";

const POLL_MS = 600; // unfinished answers are reused for 300 ms
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const gateway = gatewayForServerTests({ key: "loader-test-key", pollIntervalMs: POLL_MS });

/** Upstream calls (batch and single GETs) since the last reset. */
const upstream = () => gateway.sim.calls.batch + gateway.sim.calls.single;
const finished = (n: number) => gateway.sim.addTasks(Array.from({ length: n }, () => ({ pendingMs: 0, processingMs: 0 })));
const running = (n: number) => gateway.sim.addTasks(Array.from({ length: n }, () => ({ pendingMs: 0, processingMs: 3_600_000 })));

afterEach(() => {
  vi.useRealTimers();
});

describe("loader: finished tasks", () => {
  it("fetches a finished task once, ever", async () => {
    const ids = finished(3);
    for (let i = 0; i < 5; i++) {
      const { tasks, notFound } = await gateway.loader.loadTasks(ids);
      expect(tasks.map((t) => t.id)).toEqual(ids);
      expect(tasks.every((t) => t.state === "completed")).toBe(true);
      expect(notFound).toEqual([]);
    }
    await sleep(POLL_MS * 1.5); // well past the short TTL
    await gateway.loader.loadTasks(ids);
    await gateway.loader.loadTask(ids[0]!);
    expect(upstream()).toBe(1);
  });

  it("reports ids the gateway does not know as not found, and keeps order", async () => {
    const [a, b] = finished(2);
    const { tasks, notFound } = await gateway.loader.loadTasks([b!, UNKNOWN, a!]);
    expect(tasks.map((t) => t.id)).toEqual([b, a]);
    expect(notFound).toEqual([UNKNOWN]);
  });

  it("refetches a finished task shortly before its media URLs expire", async () => {
    // Media valid for the refresh margin (5 min) plus 400 ms: the cache keeps it ~400 ms only.
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 0, mediaTtlMs: 5 * 60_000 + 400 }]);
    const first = await gateway.loader.loadTask(id!);
    await gateway.loader.loadTask(id!);
    expect(upstream()).toBe(1);
    await sleep(700);
    const second = await gateway.loader.loadTask(id!);
    expect(upstream()).toBe(2);
    expect(second?.video?.url).not.toBe(first?.video?.url); // a fresh presigned URL
  });
});

describe("loader: coalescing", () => {
  it("shares one upstream call among concurrent identical requests", async () => {
    const ids = running(20);
    const results = await Promise.all(Array.from({ length: 50 }, () => gateway.loader.loadTasks(ids)));
    for (const r of results) expect(r.tasks).toHaveLength(20);
    expect(upstream()).toBe(1);
  });

  it("merges ids asked for within the window into batches of at most 50", async () => {
    const ids = finished(60);
    const parts = [ids.slice(0, 20), ids.slice(20, 45), ids.slice(45)];
    const results = await Promise.all(parts.map((part) => gateway.loader.loadTasks(part)));
    expect(results.flatMap((r) => r.tasks).map((t) => t.id)).toEqual(ids);
    expect(gateway.sim.calls.batch).toBe(2);
    expect(gateway.sim.calls.log.map((c) => c.ids.length).sort((a, b) => a - b)).toEqual([10, 50]);
  });

  it("sends 60 ids from one request as 2 upstream calls", async () => {
    const ids = finished(60);
    const { tasks } = await gateway.loader.loadTasks(ids);
    expect(tasks).toHaveLength(60);
    expect(gateway.sim.calls.batch).toBe(2);
    expect(Math.max(...gateway.sim.calls.log.map((c) => c.ids.length))).toBeLessThanOrEqual(50);
  });

  it("reuses unfinished tasks for about half the poll interval, then asks again", async () => {
    const ids = running(5);
    await gateway.loader.loadTasks(ids);
    await sleep(POLL_MS / 4);
    await gateway.loader.loadTasks(ids);
    expect(upstream()).toBe(1);
    await sleep(POLL_MS / 2);
    const { tasks } = await gateway.loader.loadTasks(ids);
    expect(upstream()).toBe(2);
    expect(tasks.every((t) => t.state === "processing")).toBe(true);
  });

  it("sees a task finish: the unfinished answer is not kept past its short TTL", async () => {
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 400 }]);
    expect((await gateway.loader.loadTask(id!))?.state).toBe("processing");
    await sleep(POLL_MS);
    expect((await gateway.loader.loadTask(id!))?.state).toBe("completed");
  });

  it("fails every waiting request when the upstream fails, and does not cache the failure", async () => {
    const ids = finished(2);
    gateway.sim.setFault({ mode: "401", count: 1 });
    const results = await Promise.allSettled([gateway.loader.loadTasks(ids), gateway.loader.loadTasks(ids)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    const { tasks } = await gateway.loader.loadTasks(ids);
    expect(tasks).toHaveLength(2);
  });
});

describe("loader: partial answers while the upstream fails", () => {
  it("keeps every task it knows and names the rest unavailable, with the upstream's error", async () => {
    const known = finished(2);
    await gateway.loader.loadTasks(known);
    const fresh = finished(1);
    gateway.sim.setFault({ mode: "500" });
    const result = await gateway.loader.loadTasks([...known, ...fresh]);
    expect(result.tasks.map((t) => t.id)).toEqual(known);
    expect(result.unavailable).toEqual(fresh);
    expect(result.notFound).toEqual([]);
    expect(result.error).toMatchObject({ failure: "bad_status", status: 500 });
  });

  it("shows the last state it saw of a running task whose cache entry expired", async () => {
    const ids = running(1);
    expect((await gateway.loader.loadTasks(ids)).tasks[0]?.state).toBe("processing");
    await sleep(POLL_MS);
    gateway.sim.setFault({ mode: "500" });
    const result = await gateway.loader.loadTasks(ids);
    expect(result.tasks.map((t) => t.state)).toEqual(["processing"]);
    expect(result.error).not.toBeNull();
  });

  it("fails as a whole only when nothing at all can be said", async () => {
    gateway.sim.setFault({ mode: "500" });
    await expect(gateway.loader.loadTasks(finished(2))).rejects.toMatchObject({ failure: "bad_status" });
  });

  it("a batch answer it cannot read is an upstream error, never 'not found'", async () => {
    gateway.sim.setFault({ mode: "unexpected" });
    await expect(gateway.loader.loadTasks(finished(1))).rejects.toMatchObject({ failure: "unexpected_shape" });
  });
});

describe("loader: kept snapshots", () => {
  afterEach(() => gateway.loader.setSnapshotSource(null));

  it("answers finished tasks from the snapshots before the upstream (as after a restart)", async () => {
    const [kept, other] = finished(2);
    const snapshot = (await gateway.loader.loadTasks([kept!])).tasks[0]!;
    gateway.loader.resetLoader();
    gateway.sim.resetCalls();
    gateway.loader.setSnapshotSource(async (ids) => new Map(ids.includes(kept!) ? [[kept!, snapshot]] : []));
    const result = await gateway.loader.loadTasks([kept!, other!]);
    expect(result.tasks.map((t) => t.id)).toEqual([kept, other]);
    expect(gateway.sim.calls.log.flatMap((call) => call.ids)).toEqual([other]);
  });

  it("a failing snapshot store costs nothing but the upstream call it would have saved", async () => {
    const [id] = finished(1);
    gateway.loader.setSnapshotSource(async () => {
      throw new Error("database gone");
    });
    expect((await gateway.loader.loadTasks([id!])).tasks).toHaveLength(1);
  });
});

describe("loader: refresh", () => {
  it("skips the cache at once the first time, then at most once a minute per task", async () => {
    const [id, other] = finished(2);
    await gateway.loader.loadTask(id!);
    await gateway.loader.loadTask(other!);
    expect(upstream()).toBe(2);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now());
    await gateway.loader.loadTask(id!, { refresh: true });
    expect(upstream()).toBe(3);
    await gateway.loader.loadTask(id!, { refresh: true });
    await gateway.loader.loadTask(id!, { refresh: true });
    expect(upstream()).toBe(3); // served from the cache
    await gateway.loader.loadTask(other!, { refresh: true });
    expect(upstream()).toBe(4); // the gap is per task

    vi.setSystemTime(Date.now() + 61_000);
    const task = await gateway.loader.loadTask(id!, { refresh: true });
    expect(task?.id).toBe(id);
    expect(upstream()).toBe(5);
  });
});
