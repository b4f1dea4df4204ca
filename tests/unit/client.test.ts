import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/server/http/errors";
import { GatewayError } from "@/lib/server/gateway/errors";
import { asApiError } from "@/lib/server/http/gateway-errors";
import { fetchDownloadVideoUrl, fetchTasks, resetClientMemory } from "@/lib/server/gateway/client";
import type { Simulator } from "../../simulator/server";
import { startGatewayForServer } from "./gateway-env";

const KEY = "unit-test-key-8d1e";
let sim: Simulator;

beforeAll(async () => {
  sim = await startGatewayForServer({ key: KEY, timeoutMs: 1000 });
});

afterEach(() => {
  sim.reset();
  resetClientMemory();
  process.env.LUMA_API_KEY = KEY;
});

afterAll(async () => {
  await sim.close();
});

const finished = () => sim.addTasks([{ pendingMs: 0, processingMs: 0 }])[0]!;

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (thrown) {
    // The gateway throws its own type; the words and status are the HTTP edge's.
    expect(thrown).toBeInstanceOf(GatewayError);
    expect(String(thrown)).not.toContain(KEY);
    const error = asApiError(thrown);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).not.toContain(KEY);
    return error as ApiError;
  }
  throw new Error("expected the call to fail");
}

describe("gateway client against the simulator", () => {
  it("sends the bearer key and reads the batch", async () => {
    const id = finished();
    const found = await fetchTasks([id]);
    expect(found.get(id)?.state).toBe("completed");
    expect(sim.calls.batch).toBe(1);
  });

  it("splits 120 ids into calls of at most 50", async () => {
    const ids = sim.addTasks(Array.from({ length: 120 }, () => ({ pendingMs: 0, processingMs: 0 })));
    const found = await fetchTasks(ids);
    expect(found.size).toBe(120);
    expect(sim.calls.log.map((c) => c.ids.length).sort((a, b) => a - b)).toEqual([20, 50, 50]);
  });

  it("retries a 500 and succeeds when the gateway recovers", async () => {
    const id = finished();
    sim.setFault({ mode: "500", count: 2 });
    const found = await fetchTasks([id]);
    expect(found.has(id)).toBe(true);
    expect(sim.calls.batch).toBe(3);
  });

  it("honours Retry-After on 429", async () => {
    const id = finished();
    sim.setFault({ mode: "429", count: 1, retryAfter: 1 });
    const started = Date.now();
    await fetchTasks([id]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sim.calls.batch).toBe(2);
  });

  it("gives up at once when Retry-After is longer than the retry budget, and passes it on", async () => {
    sim.setFault({ mode: "429", retryAfter: 60 });
    const started = Date.now();
    const error = await failure(fetchTasks([finished()]));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ code: "rate_limited", status: 429, retryAfterSeconds: 60 });
  });

  it.each([
    ["500", "bad_gateway", 502, /HTTP 500/],
    ["html", "bad_gateway", 502, /HTML error page/],
    ["malformed", "bad_gateway", 502, /malformed JSON/],
    ["unexpected", "bad_gateway", 502, /unexpected shape/],
    ["401", "bad_gateway", 502, /rejected the API key/],
  ] as const)("persistent %s → %s", async (mode, code, status, message) => {
    sim.setFault({ mode });
    const error = await failure(fetchTasks([finished()]));
    expect(error).toMatchObject({ code, status });
    expect(error.message).toMatch(message);
  });

  it("a hang ends with a 504 within the timeout", async () => {
    sim.setFault({ mode: "hang" });
    const started = Date.now();
    const error = await failure(fetchTasks([finished()]));
    expect(error).toMatchObject({ code: "gateway_timeout", status: 504 });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it("a wrong key is reported without the key", async () => {
    process.env.LUMA_API_KEY = "wrong-key-123";
    const error = await failure(fetchTasks([finished()]));
    expect(error.message).toMatch(/rejected the API key/);
    expect(error.message).not.toContain("wrong-key-123");
  });

  it("an unreachable gateway is a 503 that says so", async () => {
    process.env.LUMA_API_BASE_URL = "http://127.0.0.1:9";
    try {
      const error = await failure(fetchTasks([finished()]));
      expect(error).toMatchObject({ code: "unavailable", status: 503 });
    } finally {
      process.env.LUMA_API_BASE_URL = sim.url;
    }
  });

  it("without configuration it says how to configure", async () => {
    delete process.env.LUMA_API_KEY;
    const error = await failure(fetchTasks([finished()]));
    expect(error).toMatchObject({ code: "not_configured", status: 503 });
    expect(error.message).toMatch(/LUMA_API_BASE_URL and LUMA_API_KEY/);
  });

  it("falls back to single GETs on a gateway without the batch route", async () => {
    sim.setBatchRoute(false);
    const [a, b] = [finished(), finished()];
    const unknown = crypto.randomUUID();
    const found = await fetchTasks([a, b, unknown]);
    expect([...found.keys()].sort()).toEqual([a, b].sort());
    expect(sim.calls.single).toBe(3);
  });

  it("reads each answer shape", async () => {
    for (const shape of ["array", "envelope", "official"] as const) {
      sim.setShape(shape);
      const id = finished();
      expect((await fetchTasks([id])).get(id)?.state, shape).toBe("completed");
    }
  });

  it("uses /download_video_url where the gateway serves it", async () => {
    const id = finished();
    expect(await fetchDownloadVideoUrl(id)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\/video\//);
    expect(await fetchDownloadVideoUrl(crypto.randomUUID())).toBeNull();
  });
});
