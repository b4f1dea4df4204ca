import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { gatewayConfig, OFFICIAL_API_BASE_URL, type GatewayConfig } from "@/lib/server/env";
import { syncAccount, startAccountSync, type AddToLibrary } from "@/lib/server/gateway/account-sync";
import { fetchDownloadVideoUrl, fetchTasks, fetchTasksSettled } from "@/lib/server/gateway/client";
import { mapLimit } from "@/lib/server/gateway/map-limit";
import { listAccount, OFFICIAL_CONCURRENCY } from "@/lib/server/gateway/official-client";
import { GatewayError } from "@/lib/server/gateway/errors";
import { gatewayApiError } from "@/lib/server/http/gateway-errors";
import { startSimulator, type Simulator } from "../../simulator/server";

const KEY = "official-test-key-3b9c";
const ACCOUNT = 250;
let sim: Simulator;

const config = (): GatewayConfig => gatewayConfig()!;
const finished = () => sim.addTasks([{ pendingMs: 0, processingMs: 0 }])[0]!;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, key: KEY, demo: false, accountSize: ACCOUNT });
  process.env.LUMA_PROVIDER = "official";
  process.env.LUMA_API_BASE_URL = `${sim.url}/dream-machine/v1`;
  process.env.LUMA_API_KEY = KEY;
  process.env.LUMA_TIMEOUT_MS = "1000";
});

afterEach(() => {
  sim.reset();
  process.env.LUMA_API_KEY = KEY;
  process.env.LUMA_API_BASE_URL = `${sim.url}/dream-machine/v1`;
});

afterAll(async () => {
  await sim.close();
  for (const name of ["LUMA_PROVIDER", "LUMA_API_BASE_URL", "LUMA_API_KEY", "LUMA_TIMEOUT_MS"]) delete process.env[name];
});

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).message).not.toContain(KEY);
    expect(gatewayApiError(error as GatewayError).message).not.toContain(KEY);
    return error as GatewayError;
  }
  throw new Error("expected the call to fail");
}

describe("official provider: configuration", () => {
  it("defaults the base URL to Luma's API, and needs only the key", () => {
    delete process.env.LUMA_API_BASE_URL;
    expect(gatewayConfig()).toMatchObject({ provider: "official", baseUrl: OFFICIAL_API_BASE_URL, key: KEY });
    process.env.LUMA_PROVIDER = "gateway";
    expect(gatewayConfig()).toBeNull();
    process.env.LUMA_PROVIDER = "OFFICIAL";
    expect(gatewayConfig()?.provider).toBe("official");
    process.env.LUMA_PROVIDER = "something-else";
    expect(gatewayConfig()).toBeNull();
    process.env.LUMA_PROVIDER = "official";
  });
});

describe("official provider: reading ids", () => {
  it("reads many ids as single GETs, unknown ids left out, no batch route", async () => {
    const ids = sim.addTasks(Array.from({ length: 20 }, () => ({ pendingMs: 0, processingMs: 0 })));
    const unknown = "00000000-0000-4000-8000-000000000000";
    const found = await fetchTasks([...ids, unknown]);
    expect(found.size).toBe(20);
    expect(found.has(unknown)).toBe(false);
    const task = found.get(ids[0]!)!;
    expect(task).toMatchObject({ state: "completed", model: "ray-2", aspectRatio: "16:9" });
    expect(task.video?.url).toMatch(/\/media\/video\//);
    expect(task.thumbnail?.url).toMatch(/\/media\/thumb\//);
    expect(sim.calls).toMatchObject({ batch: 0, single: 21 });
  });

  it("maps queued and dreaming to pending and processing", async () => {
    const [queued, dreaming] = sim.addTasks([{ pendingMs: 60_000 }, { createdAt: Date.now() - 1000, pendingMs: 0, processingMs: 60_000 }]);
    const found = await fetchTasks([queued!, dreaming!]);
    expect(found.get(queued!)?.state).toBe("pending");
    expect(found.get(dreaming!)?.state).toBe("processing");
  });

  it("keeps a small concurrency limit", async () => {
    let inFlight = 0;
    let most = 0;
    await mapLimit(Array.from({ length: 40 }, (_, i) => i), OFFICIAL_CONCURRENCY, async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
    });
    expect(most).toBe(OFFICIAL_CONCURRENCY);
    expect(OFFICIAL_CONCURRENCY).toBeLessThanOrEqual(8);
  });

  it("retries a 500 and honours Retry-After on 429, as the gateway client does", async () => {
    const id = finished();
    sim.setFault({ mode: "500", count: 2 });
    expect((await fetchTasks([id])).has(id)).toBe(true);
    expect(sim.calls.single).toBe(3);

    sim.resetCalls();
    sim.setFault({ mode: "429", count: 1, retryAfter: 1 });
    const t0 = Date.now();
    expect((await fetchTasks([id])).has(id)).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(sim.calls.single).toBe(2);
  });

  it("gives up after three attempts with a clear error", async () => {
    const id = finished();
    sim.setFault({ mode: "500" });
    const error = await failure(fetchTasks([id]));
    expect(error).toMatchObject({ failure: "bad_status", status: 500, detail: "Internal server error" });
    expect(sim.calls.single).toBe(3);

    sim.setFault({ mode: "429", retryAfter: 60 });
    expect(await failure(fetchTasks([id]))).toMatchObject({ failure: "rate_limited", retryAfterMs: 60_000 });
  });

  it("maps a wrong key, HTML, malformed JSON and a hang to the gateway's error type", async () => {
    const id = finished();
    process.env.LUMA_API_KEY = "wrong-key-77";
    const denied = await failure(fetchTasks([id]));
    expect(denied).toMatchObject({ failure: "rejected_key", status: 401 });
    expect(gatewayApiError(denied).message).toContain("rejected the API key");
    expect(gatewayApiError(denied).message).not.toContain("wrong-key-77");
    process.env.LUMA_API_KEY = KEY;

    sim.setFault({ mode: "html" });
    expect(await failure(fetchTasks([id]))).toMatchObject({ failure: "bad_status", detail: "html" });
    expect(sim.calls.single).toBe(4); // one refused, then three attempts at the HTML page
    sim.setFault({ mode: "malformed" });
    expect((await failure(fetchTasks([id]))).failure).toBe("malformed_json");
    sim.setFault({ mode: "hang", count: 1 });
    expect((await failure(fetchTasks([id]))).failure).toBe("timeout");
  });

  it("keeps every answer when one read fails, naming the failed id apart", async () => {
    const ids = sim.addTasks(Array.from({ length: 8 }, () => ({ pendingMs: 0, processingMs: 0 })));
    sim.setFault({ mode: "401", count: 1 });
    const outcome = await fetchTasksSettled(ids);
    expect(outcome.found.size).toBe(7);
    expect(outcome.failed).toHaveLength(1);
    expect(outcome.found.has(outcome.failed[0]!)).toBe(false);
    expect(outcome.error).toMatchObject({ failure: "rejected_key" });
  });

  it("has no download_video_url route", async () => {
    expect(await fetchDownloadVideoUrl(finished())).toBeNull();
    expect(sim.calls.total).toBe(0);
  });
});

describe("official provider: the account", () => {
  it("lists the account page by page, newest first", async () => {
    const first = await listAccount(config(), { limit: 100, offset: 0 });
    expect(first).toMatchObject({ hasMore: true, limit: 100, offset: 0 });
    expect(first.tasks).toHaveLength(100);
    const last = await listAccount(config(), { limit: 100, offset: 200 });
    expect(last.hasMore).toBe(false);
    expect(last.tasks).toHaveLength(ACCOUNT - 200);
    const times = first.tasks.map((t) => Date.parse(t.createdAt!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(first.tasks.every((t) => t.state === "completed" || t.state === "failed")).toBe(true);
    expect(sim.calls.list).toBe(2);
  });

  it("says what Luma's detail said", async () => {
    const error = await failure(listAccount(config(), { limit: 5000 }));
    expect(error).toMatchObject({ failure: "bad_status", status: 422, detail: "limit must be an integer from 1 to 1000" });
    expect(gatewayApiError(error).message).toBe("The gateway answered with HTTP 422: limit must be an integer from 1 to 1000.");
  });

  it("syncs the whole history once, then only until nothing is new", async () => {
    const library = new Set<string>();
    const sources: string[] = [];
    const add: AddToLibrary = async (ids, source) => {
      sources.push(source);
      const before = library.size;
      for (const id of ids) library.add(id);
      return { added: library.size - before };
    };
    const full = await syncAccount(config(), add, { full: true });
    expect(full).toEqual({ pages: 3, listed: ACCOUNT, added: ACCOUNT });
    expect(new Set(sources)).toEqual(new Set(["provider"]));

    const fresh = sim.addTasks([{}, {}]);
    sim.resetCalls();
    const quick = await syncAccount(config(), add, { full: false });
    expect(quick).toMatchObject({ added: 2 });
    expect(quick.pages).toBeLessThanOrEqual(2);
    for (const id of fresh) expect(library.has(id)).toBe(true);
    expect(sim.calls.list).toBe(quick.pages);
  });

  it("runs in the background and joins a sync already running", async () => {
    const library = new Set<string>();
    const add: AddToLibrary = async (ids) => {
      const before = library.size;
      for (const id of ids) library.add(id);
      return { added: library.size - before };
    };
    const syncer = startAccountSync(config(), add, { intervalMs: 60_000 });
    try {
      const a = syncer.syncNow();
      const b = syncer.syncNow();
      expect(a).toBe(b);
      await a;
      expect(library.size).toBe(ACCOUNT);
      expect(syncer.lastResult()).toMatchObject({ result: { added: ACCOUNT } });
      sim.setFault({ mode: "401" });
      await expect(syncer.syncNow()).rejects.toBeInstanceOf(GatewayError);
      expect(syncer.lastResult()).toMatchObject({ error: expect.stringContaining("rejected_key") });
    } finally {
      syncer.stop();
    }
  });
});
