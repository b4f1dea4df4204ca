import { describe, expect, it } from "vitest";
import { countStates, filterIds, sortIds } from "@/lib/shared/gallery-query";
import type { Task } from "@/lib/shared/task";
import { makeTask } from "./task-factory";

const task = (id: string, state: Task["state"], createdAt: string | null, prompt: string | null = null): Task =>
  makeTask(id, state, { createdAt, prompt });

const tasks = new Map<string, Task | null>([
  ["a", task("a", "completed", "2026-01-01T10:00:00Z", "A cat dancing")],
  ["b", task("b", "processing", "2026-01-03T10:00:00Z", "Fog over a ridge")],
  ["c", task("c", "failed", "2026-01-02T10:00:00Z", "Paper boat")],
  ["d", null],
]);
const library = ["e", "d", "c", "b", "a"]; // "e" not answered yet

describe("countStates", () => {
  it("counts every card state, loading and not found included", () => {
    expect(countStates(library, tasks)).toEqual({
      all: 5, loading: 1, not_found: 1, pending: 0, processing: 1, completed: 1, failed: 1,
    });
  });
});

describe("filterIds", () => {
  it("keeps one state", () => {
    expect(filterIds(library, tasks, { state: "failed", query: "" })).toEqual(["c"]);
  });

  it("searches prompts case-insensitively", () => {
    expect(filterIds(library, tasks, { state: "all", query: "  CAT " })).toEqual(["a"]);
  });

  it("combines state and search", () => {
    expect(filterIds(library, tasks, { state: "completed", query: "fog" })).toEqual([]);
  });
});

describe("sortIds", () => {
  it("puts newest first, with not-yet-known tasks on top in library order", () => {
    expect(sortIds(library, tasks, "newest")).toEqual(["e", "d", "b", "c", "a"]);
  });

  it("oldest first is the exact reverse", () => {
    expect(sortIds(library, tasks, "oldest")).toEqual(["a", "c", "b", "d", "e"]);
  });

  it("falls back to library order when times tie", () => {
    const same = new Map([
      ["x", task("x", "completed", "2026-01-01T00:00:00Z")],
      ["y", task("y", "completed", "2026-01-01T00:00:00Z")],
    ]);
    expect(sortIds(["y", "x"], same, "newest")).toEqual(["y", "x"]);
  });
});
