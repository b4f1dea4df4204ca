import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientKey, fullBucket, policyPerMinute, RateLimiter, take } from "@/lib/server/http/rate-limit";

describe("token bucket", () => {
  it("allows a burst of the whole per-minute budget, then refuses with a Retry-After", () => {
    const policy = policyPerMinute(60);
    let bucket = fullBucket(policy, 0);
    for (let i = 0; i < 60; i++) {
      const r = take(bucket, policy, 0);
      expect(r.ok).toBe(true);
      bucket = r.bucket;
    }
    const refused = take(bucket, policy, 0);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterMs).toBe(1000); // one token per second at 60/min
  });

  it("refills with time, never above the capacity", () => {
    const policy = policyPerMinute(60);
    const empty = { tokens: 0, updatedAt: 0 };
    expect(take(empty, policy, 999).ok).toBe(false);
    expect(take(empty, policy, 1000).ok).toBe(true);
    const later = take(empty, policy, 10 * 60_000);
    expect(later.ok && later.remaining).toBe(59);
  });

  it("does not drain when the clock goes backwards", () => {
    const policy = policyPerMinute(10);
    const r = take({ tokens: 5, updatedAt: 1000 }, policy, 0);
    expect(r.ok && r.bucket.tokens).toBe(4);
  });

  it("never admits more than capacity + elapsed × rate, whatever the timing (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 300 }), (perMinute, gaps) => {
        const policy = policyPerMinute(perMinute);
        let bucket = fullBucket(policy, 0);
        let now = 0;
        let admitted = 0;
        for (const gap of gaps) {
          now += gap;
          const r = take(bucket, policy, now);
          bucket = r.bucket;
          if (r.ok) admitted++;
          expect(bucket.tokens).toBeGreaterThanOrEqual(0);
          expect(bucket.tokens).toBeLessThanOrEqual(policy.capacity);
        }
        expect(admitted).toBeLessThanOrEqual(perMinute + Math.floor((now * perMinute) / 60_000) + 1);
      }),
    );
  });

  it("lets 40 tabs polling every 5 s run for an hour at the default 600/min", () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 600, now: () => now });
    for (let t = 0; t < 3600 * 1000; t += 5000) {
      now = t;
      for (let tab = 0; tab < 40; tab++) expect(limiter.take("10.0.0.1").ok).toBe(true);
    }
  });

  it("keeps clients apart and forgets the least recently seen beyond maxClients", () => {
    const limiter = new RateLimiter({ perMinute: 1, now: () => 0, maxClients: 2 });
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("a").ok).toBe(false);
    expect(limiter.take("b").ok).toBe(true);
    expect(limiter.take("c").ok).toBe(true);
    expect(limiter.size).toBe(2);
    // Still within the minute: b is remembered (spent), a was forgotten (a fresh budget).
    expect(limiter.take("b").ok).toBe(false);
    expect(limiter.take("a").ok).toBe(true);
  });
});

describe("clientKey", () => {
  it("takes the first hop of X-Forwarded-For, then X-Real-IP, then a fallback", () => {
    expect(clientKey(new Headers({ "x-forwarded-for": " 203.0.113.7 , 10.0.0.1" }))).toBe("203.0.113.7");
    expect(clientKey(new Headers({ "x-real-ip": "2001:DB8::1" }))).toBe("2001:db8::1");
    expect(clientKey(new Headers())).toBe("unknown-client");
  });
});
