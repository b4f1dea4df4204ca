import { describe, expect, it } from "vitest";
import { createTaskBatcher } from "@/lib/client/live/task-batcher";
import { makeTask } from "./task-factory";

function manualTimers() {
  const queued: Array<() => void> = [];
  return {
    timers: { set: (run: () => void) => queued.push(run), clear: () => queued.splice(0) },
    fire: () => queued.splice(0).forEach((run) => run()),
    queued,
  };
}

describe("task batcher", () => {
  it("writes the events of one frame once, with each id's last state", () => {
    const writes: Array<{ tasks: string[]; notFound: string[] }> = [];
    const { timers, fire } = manualTimers();
    const batch = createTaskBatcher((tasks, notFound) => writes.push({ tasks: tasks.map((t) => `${t.id}:${t.state}`), notFound }), 16, timers);
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
    const { timers, fire, queued } = manualTimers();
    const batch = createTaskBatcher((tasks) => writes.push(tasks.map((t) => t.id)), 16, timers);
    batch.push([makeTask("a", "processing")], []);
    batch.flush();
    expect(writes).toEqual([["a"]]);
    expect(queued).toHaveLength(0);
    batch.flush();
    expect(writes).toHaveLength(1);
    batch.push([makeTask("b", "processing")], []);
    fire();
    expect(writes).toEqual([["a"], ["b"]]);
  });
});
