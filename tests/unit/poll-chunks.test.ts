import { describe, expect, it } from "vitest";
import { pollChunks } from "@/lib/shared/polling";
import type { Task } from "@/lib/shared/task";

const done = { state: "completed" } as Task;
const running = { state: "processing" } as Task;

describe("pollChunks", () => {
  it("chunks never-seen ids in view order, sorted inside each chunk, at most `size` per chunk", () => {
    const known = new Map<string, Task | null>([["b", done], ["x", null]]);
    expect(pollChunks(["e", "d", "b", "x", "c", "a", "e"], known, 2)).toEqual([["d", "e"], ["a", "c"]]);
  });

  it("keeps the chunks still waiting for a first answer unchanged when another chunk answers with running tasks", () => {
    const ids = ["a1", "a2", "b1", "b2", "c1", "c2"];
    const before = pollChunks(ids, new Map(), 2);
    const after = pollChunks(ids, new Map([["a1", running], ["a2", done]]), 2);
    expect(before).toEqual([["a1", "a2"], ["b1", "b2"], ["c1", "c2"]]);
    expect(after).toEqual([["b1", "b2"], ["c1", "c2"], ["a1"]]);
  });

  it("asks for nothing once every task has finished or is unknown to the gateway", () => {
    expect(pollChunks(["a", "b"], new Map([["a", done], ["b", null]]), 100)).toEqual([]);
  });
});
