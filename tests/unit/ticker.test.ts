import { afterEach, describe, expect, it, vi } from "vitest";
import { createTicker } from "@/lib/client/ticker";

afterEach(() => vi.useRealTimers());

describe("createTicker", () => {
  it("runs one interval for all listeners, and none once the last one leaves", () => {
    vi.useFakeTimers();
    const ticker = createTicker(1_000);
    const a = vi.fn();
    const b = vi.fn();
    const offA = ticker.subscribe(a);
    const offB = ticker.subscribe(b);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(3_000);
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([3, 3]);
    offA();
    offB();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(3_000);
    expect(a).toHaveBeenCalledTimes(3);
  });

  it("says the time of the last tick", () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const ticker = createTicker(1_000);
    const off = ticker.subscribe(() => {});
    vi.advanceTimersByTime(2_500);
    expect(ticker.now()).toBe(1_002_000);
    off();
  });
});
