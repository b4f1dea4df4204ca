import "server-only";
import Redis from "ioredis";
import type { Task } from "@/lib/shared/task";
import { createMemoryTaskCache, entryTtlMs, type CacheEntry, type MemoryTaskCache, type TaskCache } from "./task-cache";

export interface RedisTaskCacheOptions {
  url: string;
  /** Per-process first level; also what answers while Redis is down. */
  local?: MemoryTaskCache;
  keyPrefix?: string;
  /** Longest a request waits for Redis before it carries on without it. */
  timeoutMs?: number;
  /** After a failure, Redis is left alone this long so an outage costs requests no latency. */
  backoffMs?: number;
  /**
   * How long one instance's claim on ids it is fetching lasts, and so the longest another instance
   * waits for that answer before asking the gateway itself.
   */
  lockMs?: number;
  warn?: (message: string) => void;
}

export interface RedisTaskCache extends TaskCache {
  close(): Promise<void>;
}

interface StoredEntry extends CacheEntry {
  expiresAt: number;
}

/** The URL without its password, for log lines. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable REDIS_URL)";
  }
}

const LOCK_POLL_MS = 20;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  promise.catch(() => {}); // a late failure after the timeout must not become an unhandled rejection
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function parseStored(text: string | null, now: number): StoredEntry | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<StoredEntry>;
    if (typeof value.expiresAt !== "number" || value.expiresAt <= now) return null;
    if (value.task !== null && (typeof value.task !== "object" || typeof value.task?.id !== "string")) return null;
    return { task: value.task as Task | null, expiresAt: value.expiresAt };
  } catch {
    return null;
  }
}

/**
 * Task cache shared by every instance through Redis (`MGET` to read, pipelined `SET … PX` to
 * write), in front of which each process keeps its own in-memory LRU. Redis trouble never fails a
 * request: the call is abandoned after `timeoutMs`, a warning is logged once per outage, and the
 * in-memory cache serves alone until Redis answers again. A short claim per id (`SET NX PX`) lets one
 * instance ask the gateway while the others polling the same ids wait for its answer.
 */
export function createRedisTaskCache(options: RedisTaskCacheOptions): RedisTaskCache {
  const local = options.local ?? createMemoryTaskCache();
  const prefix = options.keyPrefix ?? "luma-gallery:task:";
  const timeoutMs = options.timeoutMs ?? 250;
  const backoffMs = options.backoffMs ?? 5_000;
  const lockMs = options.lockMs ?? 2_000;
  const lockPrefix = `${prefix}lock:`;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const where = redactedUrl(options.url);
  const password = (() => {
    try {
      return decodeURIComponent(new URL(options.url).password);
    } catch {
      return "";
    }
  })();
  const scrub = (message: string) => (password ? message.split(password).join("***") : message);

  const redis = new Redis(options.url, {
    lazyConnect: true, // connects on first use, so importing this module (or `next build`) never dials out
    connectTimeout: 2_000,
    maxRetriesPerRequest: 1,
    // Reconnect in the background with a capped backoff; requests meanwhile use the local cache.
    retryStrategy: (times) => Math.min(200 * times, 5_000),
  });

  let downUntil = 0;
  let down = false;
  const markDown = (error: unknown) => {
    downUntil = Date.now() + backoffMs;
    if (down) return;
    down = true;
    const reason = error instanceof Error ? error.message : String(error);
    warn(`Redis task cache at ${where} is unavailable (${scrub(reason)}); serving from the in-memory cache until it answers again.`);
  };
  const markUp = () => {
    if (!down) return;
    down = false;
    warn(`Redis task cache at ${where} is back; sharing the cache across instances again.`);
  };
  // ioredis reports connection trouble as events; without a listener they would crash the process.
  redis.on("error", (error: unknown) => markDown(error));
  // It keeps reconnecting in the background; requests try Redis again once it is back.
  redis.on("ready", () => {
    downUntil = 0;
    markUp();
  });

  async function tryRedis<T>(fn: (client: Redis) => Promise<T>): Promise<T | undefined> {
    // During an outage requests skip Redis entirely, so it costs them no latency at all.
    if (Date.now() < downUntil || (down && redis.status !== "ready")) return undefined;
    try {
      const value = await withTimeout(fn(redis), timeoutMs);
      markUp();
      return value;
    } catch (error) {
      markDown(error);
      return undefined;
    }
  }

  const cache: RedisTaskCache = {
    async getMany(ids) {
      const found = await local.getMany(ids);
      const misses = ids.filter((id) => !found.has(id));
      if (misses.length === 0) return found;
      const texts = await tryRedis((client) => client.mget(misses.map((id) => prefix + id)));
      if (!texts) return found;
      const now = Date.now();
      misses.forEach((id, i) => {
        const stored = parseStored(texts[i] ?? null, now);
        if (!stored) return;
        const entry: CacheEntry = { task: stored.task };
        local.put(id, entry, stored.expiresAt - now);
        found.set(id, entry);
      });
      return found;
    },

    async setMany(entries, pollIntervalMs) {
      await local.setMany(entries, pollIntervalMs);
      if (entries.size === 0) return;
      const now = Date.now();
      await tryRedis(async (client) => {
        const pipeline = client.pipeline();
        for (const [id, task] of entries) {
          const ttl = entryTtlMs(task, pollIntervalMs, now);
          const stored: StoredEntry = { task, expiresAt: now + ttl };
          pipeline.set(prefix + id, JSON.stringify(stored), "PX", ttl);
        }
        const results = (await pipeline.exec()) ?? [];
        const failed = results.find(([error]) => error);
        if (failed?.[0]) throw failed[0];
      });
    },

    fleet: {
      async claim(ids) {
        const answers = await tryRedis(async (client) => {
          const pipeline = client.pipeline();
          for (const id of ids) pipeline.set(lockPrefix + id, "1", "PX", lockMs, "NX");
          return (await pipeline.exec()) ?? [];
        });
        // Without Redis every instance is on its own: claim everything.
        if (!answers) return new Set(ids);
        return new Set(
          ids.filter((_, i) => {
            const [error, reply] = answers[i] ?? [];
            return Boolean(error) || reply === "OK";
          }),
        );
      },
      async release(ids) {
        if (ids.length > 0) await tryRedis((client) => client.del(...ids.map((id) => lockPrefix + id)));
      },
      async waitFor(ids) {
        const deadline = Date.now() + lockMs;
        let found = await cache.getMany(ids);
        while (found.size < ids.length && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
          const missing = ids.filter((id) => !found.has(id));
          // Claims given back without answers (the holder failed), or Redis gone: stop waiting.
          const held = await tryRedis((client) => client.exists(...missing.map((id) => lockPrefix + id)));
          found = await cache.getMany(ids);
          if (!held) break;
        }
        return found;
      },
    },

    async close() {
      redis.disconnect();
    },
  };
  return cache;
}
