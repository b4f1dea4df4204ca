import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTaskBatcher } from "@/lib/client/live/task-batcher";
import { makeTask } from "./task-factory";

const fire = () => vi.advanceTimersByTime(16);

describe("task batcher", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("writes the events of one frame once, with each id's last state", () => {
    const writes: Array<{ tasks: string[]; notFound: string[] }> = [];
    const batch = createTaskBatcher((tasks, notFound) => writes.push({ tasks: tasks.map((t) => `${t.id}:${t.state}`), notFound }));
    batch.push([makeTask("a", "processing")], []);
    batch.push([], ["b"]);
    batch.push([makeTask("a", "completed")], ["c"]);
    batch.push([makeTask("b", "completed")], []);
    expect(writes).toEqual([]);
    fire();
    expect(writes).toEqual([{ tasks: ["a:completed", "b:completed"], notFound: ["c"] }]);
    fire();
    expect(writes).toHaveLength(1);
  });

  it("flush writes at once and the next events start a new batch", () => {
    const writes: string[][] = [];
    const batch = createTaskBatcher((tasks) => writes.push(tasks.map((t) => t.id)));
    batch.push([makeTask("a", "processing")], []);
    batch.flush();
    expect(writes).toEqual([["a"]]);
    expect(vi.getTimerCount()).toBe(0);
    batch.flush();
    expect(writes).toHaveLength(1);
    batch.push([makeTask("b", "processing")], []);
    fire();
    expect(writes).toEqual([["a"], ["b"]]);
  });
});
