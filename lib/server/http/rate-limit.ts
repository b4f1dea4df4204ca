// Token buckets per client for /api/*. The bucket arithmetic is pure (the clock is passed in) so it
// is unit-tested without timers; `RateLimiter` keeps one bucket per client key, bounded in memory.

export interface Bucket {
  tokens: number;
  /** Clock reading (ms) at which `tokens` was last brought up to date. */
  updatedAt: number;
}

export interface BucketPolicy {
  /** Burst size: a fresh client may send this many at once. */
  capacity: number;
  /** Tokens added per millisecond. */
  refillPerMs: number;
}

export type TakeResult = { ok: true; bucket: Bucket; remaining: number } | { ok: false; bucket: Bucket; retryAfterMs: number };

/** `perMinute` requests per minute, all of them allowed as one burst (many tabs starting together). */
export function policyPerMinute(perMinute: number): BucketPolicy {
  return { capacity: perMinute, refillPerMs: perMinute / 60_000 };
}

export function fullBucket(policy: BucketPolicy, now: number): Bucket {
  return { tokens: policy.capacity, updatedAt: now };
}

/** Refill for the time passed, then take one token if there is one. Never mutates its input. */
export function take(bucket: Bucket, policy: BucketPolicy, now: number, cost = 1): TakeResult {
  // A clock that went backwards refills nothing rather than draining the bucket.
  const elapsed = Math.max(0, now - bucket.updatedAt);
  const tokens = Math.min(policy.capacity, bucket.tokens + elapsed * policy.refillPerMs);
  const updatedAt = Math.max(now, bucket.updatedAt);
  if (tokens >= cost) {
    const next = { tokens: tokens - cost, updatedAt };
    return { ok: true, bucket: next, remaining: Math.floor(next.tokens) };
  }
  const retryAfterMs = policy.refillPerMs > 0 ? Math.ceil((cost - tokens) / policy.refillPerMs) : Number.POSITIVE_INFINITY;
  return { ok: false, bucket: { tokens, updatedAt }, retryAfterMs };
}

export interface RateLimiterOptions {
  perMinute: number;
  now?: () => number;
  /** At most this many clients are remembered; the least recently seen are forgotten first. */
  maxClients?: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly policy: BucketPolicy;
  private readonly now: () => number;
  private readonly maxClients: number;

  constructor(options: RateLimiterOptions) {
    this.policy = policyPerMinute(options.perMinute);
    this.now = options.now ?? Date.now;
    this.maxClients = options.maxClients ?? 10_000;
  }

  take(key: string): TakeResult {
    const now = this.now();
    const current = this.buckets.get(key) ?? fullBucket(this.policy, now);
    const result = take(current, this.policy, now);
    // Re-insert so Map order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, result.bucket);
    while (this.buckets.size > this.maxClients) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
    return result;
  }

  get size(): number {
    return this.buckets.size;
  }
}

/**
 * The client's key: the first hop of X-Forwarded-For (Next sets it from the socket when no proxy
 * did), else X-Real-IP, else one shared fallback key. Behind a reverse proxy, that proxy must
 * overwrite X-Forwarded-For, or clients can pick their own key (see docs/security.md).
 */
export function clientKey(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  if (forwarded) return forwarded.slice(0, 64).toLowerCase();
  const real = headers.get("x-real-ip")?.trim();
  if (real) return real.slice(0, 64).toLowerCase();
  return "unknown-client";
}
