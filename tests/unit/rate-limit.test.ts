import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { clientAddress, SHARED_CLIENT } from "@/lib/server/http/client-address";
import { consumeBudget, peekBudget, resetBudgets } from "@/lib/server/http/rate-limit";
import { startRedisServer, type RedisServer } from "./redis-server";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetBudgets();
});

const spend = async (bucket: string, key: string, perMinute: number, times: number) => {
  const out: boolean[] = [];
  for (let i = 0; i < times; i++) out.push((await consumeBudget(bucket, key, perMinute)).ok);
  return out;
};

describe("clientAddress", () => {
  const xff = (value: string) => new Headers({ "x-forwarded-for": value });

  it("TRUST_PROXY=0: believes no X-Forwarded-For, so every client shares one key", () => {
    expect(clientAddress(xff("203.0.113.7"), 0)).toBe(SHARED_CLIENT);
    expect(clientAddress(xff("198.51.100.1"), 0)).toBe(SHARED_CLIENT);
    expect(clientAddress(new Headers(), 0)).toBe(SHARED_CLIENT);
  });

  it("TRUST_PROXY=N: the N-th address from the right, whatever the client put before it", () => {
    expect(clientAddress(xff("6.6.6.6, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddress(xff("6.6.6.6, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
    // Fewer entries than proxies: all of them came from ours, the leftmost is the client.
    expect(clientAddress(xff("203.0.113.7"), 2)).toBe("203.0.113.7");
    expect(clientAddress(new Headers(), 1)).toBe(SHARED_CLIENT);
  });

  it("spells one address one way", () => {
    expect(clientAddress(xff("::ffff:203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddress(xff("2001:DB8:0::1"), 1)).toBe("2001:db8::1");
  });
});

describe("consumeBudget in process (no REDIS_URL)", () => {
  beforeEach(() => {
    delete process.env.REDIS_URL;
    resetBudgets();
  });

  it("allows the whole budget at once, then refuses with a wait of at most a minute", async () => {
    expect(await spend("t1", "a", 5, 6)).toEqual([true, true, true, true, true, false]);
    const refused = await consumeBudget("t1", "a", 5);
    expect(refused.ok).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it("keeps keys and buckets apart", async () => {
    await spend("t2", "a", 2, 3);
    expect((await consumeBudget("t2", "b", 2)).ok).toBe(true);
    expect((await consumeBudget("other", "a", 2)).ok).toBe(true);
  });

  it("peekBudget tells a spent budget without spending", async () => {
    expect((await peekBudget("t3", "a", 2)).ok).toBe(true);
    expect((await peekBudget("t3", "a", 2)).ok).toBe(true);
    await spend("t3", "a", 2, 2);
    expect((await peekBudget("t3", "a", 2)).ok).toBe(false);
  });

  it("lets 40 tabs polling every 5 s through at the default 600/min", async () => {
    // One minute's worth: 12 polls × 40 tabs = 480 ≤ 600.
    expect((await spend("t4", "office", 600, 480)).every(Boolean)).toBe(true);
  });
});

describe("consumeBudget with REDIS_URL", () => {
  let redis: RedisServer;
  beforeEach(async () => {
    redis ??= await startRedisServer();
    process.env.REDIS_URL = redis.url;
    resetBudgets();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it("keeps the budget in Redis, so another instance (a fresh process state) sees it spent", async () => {
    const key = `client-${Math.random()}`;
    expect(await spend("fleet", key, 3, 3)).toEqual([true, true, true]);
    resetBudgets(); // what a second instance starts with: nothing in memory
    expect((await consumeBudget("fleet", key, 3)).ok).toBe(false);
    expect((await peekBudget("fleet", key, 3)).ok).toBe(false);
  });

  it("falls back to the in-process limiter while Redis is down, still limiting", async () => {
    const port = redis.port;
    await redis.stop();
    try {
      const started = Date.now();
      expect(await spend("down", "a", 3, 4)).toEqual([true, true, true, false]);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      redis = await startRedisServer(port);
    }
  });
});
