import { afterEach, describe, expect, it, vi } from "vitest";
import { publishLive, recentlyAdded } from "@/lib/server/live/hub";
import { replaceProcessSingleton } from "@/lib/server/process-singleton";

// The hub remembers the ids added lately, so a library stream opened just after can replay them.

describe("the live hub's recently added ids", () => {
  afterEach(() => {
    vi.useRealTimers();
    replaceProcessSingleton("live-hub", { listeners: new Set(), recentAdded: [], publisher: null });
  });

  it("keeps the ids of added events for half a minute, each once", () => {
    vi.useFakeTimers({ now: new Date("2026-11-30T12:00:00Z") });
    publishLive({ type: "added", ids: ["a", "b"] });
    vi.advanceTimersByTime(20_000);
    publishLive({ type: "added", ids: ["b", "c"] });
    publishLive({ type: "task", task: { id: "d" } as never });
    expect(recentlyAdded()).toEqual(["a", "b", "c"]);
    vi.advanceTimersByTime(15_000);
    expect(recentlyAdded()).toEqual(["b", "c"]);
    vi.advanceTimersByTime(20_000);
    expect(recentlyAdded()).toEqual([]);
  });

  it("keeps at most the last 5,000 or so, however many were added", () => {
    for (let i = 0; i < 12; i++) publishLive({ type: "added", ids: Array.from({ length: 1000 }, (_, j) => `${i}-${j}`) });
    const kept = recentlyAdded();
    expect(kept.length).toBeLessThanOrEqual(5000);
    expect(kept).toContain("11-999");
    expect(kept).not.toContain("0-0");
  });
});
