import "server-only";
import Redis from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from "rate-limiter-flexible";
import { serverEnv } from "@/lib/server/env";
import { processSingleton } from "@/lib/server/process-singleton";

// Budgets per (bucket, key) per minute, on rate-limiter-flexible: in Redis where REDIS_URL is set, so
// every instance of a fleet spends one budget, with an in-process limiter as the insurance while
// Redis is down or slow; in-process only without REDIS_URL.

export interface BudgetResult {
  ok: boolean;
  /** How long until the budget has room again (0 while it has). */
  retryAfterMs: number;
}

export interface BudgetOptions {
  /** Window length; the whole budget may be spent at once within it. Default 60 s. */
  windowMs?: number;
}

/** Longest a request waits for Redis before the in-process insurance answers instead. */
const REDIS_COMMAND_TIMEOUT_MS = 500;

interface Limiters {
  redisUrl: string | undefined;
  redis: Redis | null;
  /** Settles once the first connection is up, or failed, or took too long. */
  connected: Promise<void>;
  byName: Map<string, RateLimiterAbstract>;
}

const state = processSingleton("rate-limiters", (): { current: Limiters | null } => ({ current: null }));

function limiters(): Limiters {
  const redisUrl = serverEnv().REDIS_URL;
  if (state.current && state.current.redisUrl === redisUrl) return state.current;
  state.current?.redis?.disconnect();
  const redis = redisUrl
    ? new Redis(redisUrl, {
        // Fail fast rather than queue: a command that cannot run now is answered by the insurance.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      })
    : null;
  // Outages are handled by the insurance limiter; ioredis would otherwise report them as unhandled.
  redis?.on("error", () => {});
  // A starting instance waits briefly for its first connection, so its first requests spend the
  // fleet's budget rather than a private one.
  const connected = redis
    ? new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, REDIS_COMMAND_TIMEOUT_MS);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        redis.once("ready", done);
        redis.once("error", done);
      })
    : Promise.resolve();
  const fresh: Limiters = { redisUrl, redis, connected, byName: new Map() };
  state.current = fresh;
  return fresh;
}

async function limiterFor(bucket: string, points: number, windowMs: number): Promise<RateLimiterAbstract> {
  const current = limiters();
  await current.connected;
  const name = `${bucket}:${points}:${windowMs}`;
  let limiter = current.byName.get(name);
  if (!limiter) {
    const duration = Math.max(1, Math.round(windowMs / 1000));
    const memory = new RateLimiterMemory({ points, duration, keyPrefix: `luma-gallery:${name}` });
    limiter = current.redis
      ? new RateLimiterRedis({
          storeClient: current.redis,
          points,
          duration,
          keyPrefix: `luma-gallery:rl:${name}`,
          rejectIfRedisNotReady: true,
          insuranceLimiter: memory,
        })
      : memory;
    current.byName.set(name, limiter);
  }
  return limiter;
}

const refused = (res: Pick<RateLimiterRes, "msBeforeNext">): BudgetResult => ({ ok: false, retryAfterMs: Math.max(1, res.msBeforeNext) });

/**
 * A refusal from the limiter. Not `instanceof RateLimiterRes`: the limiters are one per process
 * (processSingleton), but Next bundles pages and route handlers apart, each with its own copy of
 * the library, so a refusal may come from another copy's class.
 */
function isRefusal(error: unknown): error is Pick<RateLimiterRes, "msBeforeNext"> {
  return typeof error === "object" && error !== null && !(error instanceof Error) && typeof (error as { msBeforeNext?: unknown }).msBeforeNext === "number";
}

/**
 * Spends one unit of `key`'s budget in `bucket` (`perMinute` per window). Buckets are independent:
 * a route with its own budget (callbacks, say) names its own bucket.
 */
export async function consumeBudget(bucket: string, key: string, perMinute: number, options: BudgetOptions = {}): Promise<BudgetResult> {
  try {
    await (await limiterFor(bucket, perMinute, options.windowMs ?? 60_000)).consume(key);
    return { ok: true, retryAfterMs: 0 };
  } catch (error) {
    if (isRefusal(error)) return refused(error);
    throw error;
  }
}

/** Whether `key` has spent its budget, without spending any. */
export async function peekBudget(bucket: string, key: string, perMinute: number, options: BudgetOptions = {}): Promise<BudgetResult> {
  const res = await (await limiterFor(bucket, perMinute, options.windowMs ?? 60_000)).get(key);
  return res && res.consumedPoints >= perMinute ? refused(res) : { ok: true, retryAfterMs: 0 };
}

/** Test hook: forget every budget (and drop the Redis connection). */
export function resetBudgets(): void {
  state.current?.redis?.disconnect();
  state.current = null;
}
