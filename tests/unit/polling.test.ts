import { describe, expect, it } from "vitest";
import { alignedPollDelay, MAX_POLL_INTERVAL_MS, nextPollDelay, unfinishedIds } from "@/lib/shared/polling";
import type { Task } from "@/lib/shared/task";

const task = (id: string, state: Task["state"]): Task => ({
  id, state, prompt: null, aspectRatio: null, createdAt: null, progress: null, failureReason: null, model: null, finishedAt: null,
  thumbnail: null, palette: null, video: null, lastFrame: null,
});

describe("unfinishedIds", () => {
  it("keeps unknown and running ids, drops finished and not-found ones, sorted and distinct", () => {
    const known = new Map<string, Task | null>([
      ["c", task("c", "processing")],
      ["a", task("a", "completed")],
      ["b", task("b", "failed")],
      ["d", null],
      ["e", task("e", "pending")],
    ]);
    expect(unfinishedIds(["e", "a", "b", "c", "d", "f", "f"], known)).toEqual(["c", "e", "f"]);
  });

  it("the same set in any order makes the same list (one query key)", () => {
    const known = new Map<string, Task | null>();
    expect(unfinishedIds(["b", "a"], known)).toEqual(unfinishedIds(["a", "b"], known));
  });
});

describe("nextPollDelay", () => {
  it("uses the interval while things go well", () => {
    expect(nextPollDelay(5000, 0)).toBe(5000);
  });

  it("doubles per consecutive failure up to a ceiling", () => {
    expect(nextPollDelay(5000, 1)).toBe(10_000);
    expect(nextPollDelay(5000, 2)).toBe(20_000);
    expect(nextPollDelay(5000, 30)).toBe(MAX_POLL_INTERVAL_MS);
  });

  it("never polls faster than the interval, even when it exceeds the ceiling", () => {
    expect(nextPollDelay(120_000, 3)).toBe(120_000);
  });

  it("falls back to the default for nonsense intervals", () => {
    expect(nextPollDelay(Number.NaN, 0)).toBe(5000);
    expect(nextPollDelay(-1, 0)).toBe(5000);
  });
});

describe("alignedPollDelay", () => {
  it("waits until the next multiple of the interval, so viewers poll together", () => {
    expect(alignedPollDelay(5000, 0, 1_000_000_002_000)).toBe(3000);
    expect(alignedPollDelay(5000, 0, 1_000_000_004_999 - 3000)).toBe(3001);
  });

  it("two viewers whose polls end at different moments next poll at the same instant", () => {
    const a = 1_000_000_000_700;
    const b = 1_000_000_003_100;
    expect(a + alignedPollDelay(5000, 0, a)).toBe(b + alignedPollDelay(5000, 0, b));
  });

  it("skips a boundary that is less than a quarter interval away", () => {
    expect(alignedPollDelay(5000, 0, 1_000_000_004_500)).toBe(5500);
    expect(alignedPollDelay(5000, 0, 1_000_000_000_000)).toBe(5000);
  });

  it("never waits less than a quarter or more than 1.25 intervals", () => {
    for (let now = 1_000_000_000_000; now < 1_000_000_010_000; now += 137) {
      const delay = alignedPollDelay(4000, 0, now);
      expect(delay).toBeGreaterThanOrEqual(1000);
      expect(delay).toBeLessThanOrEqual(5000);
    }
  });

  it("backs off without alignment after failures", () => {
    expect(alignedPollDelay(5000, 2, 1_000_000_002_000)).toBe(20_000);
  });
});
