import { afterEach, describe, expect, it, vi } from "vitest";
import { publishLive, recentlyAdded, subscribeLive } from "@/lib/server/live/hub";
import { replaceProcessSingleton } from "@/lib/server/process-singleton";

// The hub remembers the ids added lately, so a library stream that replaces another can replay them.

describe("the live hub's recently added ids", () => {
  afterEach(() => {
    vi.useRealTimers();
    replaceProcessSingleton("live-hub", { listeners: new Set(), recentAdded: [], publisher: null });
  });

  it("keeps the ids of added events for half a minute, each once, and gives those announced after a time", () => {
    const start = new Date("2026-11-30T12:00:00Z").getTime();
    vi.useFakeTimers({ now: start });
    publishLive({ type: "added", ids: ["a", "b"] });
    vi.advanceTimersByTime(20_000);
    publishLive({ type: "added", ids: ["b", "c"] });
    publishLive({ type: "task", task: { id: "d" } as never });
    expect(recentlyAdded(0)).toEqual(["a", "b", "c"]);
    // A view that heard the server at start + 10 s missed only the second announcement.
    expect(recentlyAdded(start + 10_000)).toEqual(["b", "c"]);
    expect(recentlyAdded(start + 20_000)).toEqual([]);
    vi.advanceTimersByTime(15_000);
    expect(recentlyAdded(0)).toEqual(["b", "c"]);
    vi.advanceTimersByTime(20_000);
    expect(recentlyAdded(0)).toEqual([]);
  });

  it("stamps added events with the time it delivered them", () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const heard: unknown[] = [];
    const stop = subscribeLive((event) => heard.push(event));
    publishLive({ type: "added", ids: ["a"] });
    stop();
    expect(heard).toEqual([{ type: "added", ids: ["a"], at: 1_000_000 }]);
  });

  it("keeps at most the last 5,000 or so, however many were added", () => {
    for (let i = 0; i < 12; i++) publishLive({ type: "added", ids: Array.from({ length: 1000 }, (_, j) => `${i}-${j}`) });
    const kept = recentlyAdded(0);
    expect(kept.length).toBeLessThanOrEqual(5000);
    expect(kept).toContain("11-999");
    expect(kept).not.toContain("0-0");
  });
});
