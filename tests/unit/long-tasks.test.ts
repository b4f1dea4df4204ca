import { describe, expect, it } from "vitest";
import { blockingWithin } from "@/scripts/lib/long-tasks";

describe("blockingWithin", () => {
  it("counts each task's time beyond its first 50 ms", () => {
    expect(blockingWithin([[100, 120], [300, 40], [400, 50]], 0, 1000)).toBe(70);
  });

  it("clips a task that starts before the window to the part inside it, as TBT does after FCP", () => {
    // 200 ms task from 100 to 300; its blocking part is 150–300; the window starts at 250.
    expect(blockingWithin([[100, 200]], 250, 1000)).toBe(50);
    // The window starts inside the task's first 50 ms: all of its blocking part counts.
    expect(blockingWithin([[100, 200]], 120, 1000)).toBe(150);
  });

  it("clips a task that runs past the window's end, and ignores tasks outside it", () => {
    expect(blockingWithin([[900, 200]], 0, 1000)).toBe(50);
    expect(blockingWithin([[1000, 300], [0, 40]], 100, 1000)).toBe(0);
  });
});
