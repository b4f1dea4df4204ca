import { describe, expect, it } from "vitest";
import { MAX_POLL_INTERVAL_MS, nextPollDelay, unfinishedIds } from "@/lib/shared/polling";
import type { Task } from "@/lib/shared/task";
import { makeTask } from "./task-factory";

const task = (id: string, state: Task["state"]): Task => makeTask(id, state);

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
