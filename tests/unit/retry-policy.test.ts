import { describe, expect, it } from "vitest";
import { backoffMs, isRetryableStatus, MAX_ATTEMPTS, parseRetryAfter, RETRY_BUDGET_MS, retryDelay } from "@/lib/server/gateway/retry-policy";

describe("retry policy", () => {
  it.each([[429, true], [500, true], [502, true], [503, true], [504, true], [400, false], [401, false], [404, false], [200, false]])(
    "status %i retryable: %s",
    (status, expected) => expect(isRetryableStatus(status)).toBe(expected),
  );

  it("parses Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter("1.5")).toBe(1500);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it("backs off exponentially with bounded jitter", () => {
    expect(backoffMs(0, () => 0.5)).toBe(300);
    expect(backoffMs(1, () => 0.5)).toBe(900);
    expect(backoffMs(1, () => 0)).toBe(675);
    expect(backoffMs(1, () => 1)).toBe(1125);
  });

  it("honours Retry-After within the budget, gives up beyond it", () => {
    expect(retryDelay(0, 2000, 0)).toBe(2000);
    expect(retryDelay(0, RETRY_BUDGET_MS + 1, 0)).toBeNull();
    expect(retryDelay(1, 5000, RETRY_BUDGET_MS - 4000)).toBeNull();
  });

  it("stops after the last attempt", () => {
    expect(retryDelay(MAX_ATTEMPTS - 1, null, 0)).toBeNull();
    expect(retryDelay(0, null, 0, () => 0.5)).toBe(300);
  });
});
