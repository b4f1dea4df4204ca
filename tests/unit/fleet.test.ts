import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveEvent } from "@/lib/server/live/events";
import { startFleet, type Fleet } from "@/lib/server/live/fleet";
import type { RemoteWants } from "@/lib/server/live/watcher";
import { startRedisServer, type RedisServer } from "./redis-server";

const INTERVAL_MS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});

function member(prefix: string, wants: RemoteWants) {
  const events: LiveEvent[] = [];
  const warnings: string[] = [];
  const fleet = startFleet({ url: redis.url, intervalMs: INTERVAL_MS, prefix, localWants: () => wants, deliver: (e) => events.push(e), warn: (message) => warnings.push(message) });
  return { fleet, events, warnings };
}

async function until(check: () => boolean, ms: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await sleep(20);
  }
  return Date.now() - started;
}

describe("fleet over a real Redis", () => {
  it("elects exactly one leader, shares what each instance watches, and fans events out to all", async () => {
    const a = member("t1:", { ids: ["a1"], library: false });
    const b = member("t1:", { ids: ["b1", "b2"], library: true });
    const fleets: Fleet[] = [a.fleet, b.fleet];
    try {
      await until(() => fleets.filter((f) => f.isLeader()).length === 1, 2_000);
      await sleep(INTERVAL_MS);
      expect(fleets.filter((f) => f.isLeader())).toHaveLength(1);
      expect(await a.fleet.remote()).toEqual({ ids: ["b1", "b2"].sort(), library: true });
      expect((await b.fleet.remote()).ids).toEqual(["a1"]);

      await sleep(100); // subscriptions are in place
      b.fleet.publish({ type: "added", ids: ["x"] });
      await until(() => a.events.length === 1 && b.events.length === 1, 2_000);
      expect(a.events[0]).toEqual({ type: "added", ids: ["x"] });
    } finally {
      await Promise.all(fleets.map((f) => f.close()));
    }
  });

  it("when the leader dies without a word, another takes over within two intervals", async () => {
    const a = member("t2:", { ids: [], library: false });
    await until(() => a.fleet.isLeader(), 2_000);
    const b = member("t2:", { ids: [], library: false });
    try {
      await sleep(INTERVAL_MS);
      expect(b.fleet.isLeader()).toBe(false);
      // Redis answered all along: joining the fleet (connecting) is not an outage worth a log line.
      expect([...a.warnings, ...b.warnings]).toEqual([]);
      await a.fleet.close({ release: false });
      const took = await until(() => b.fleet.isLeader(), 4 * INTERVAL_MS);
      expect(took).toBeLessThanOrEqual(2 * INTERVAL_MS + 100);
    } finally {
      await b.fleet.close();
    }
  });
});
