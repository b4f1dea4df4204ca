import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { tasksBatchJson } from "@/lib/server/http/tasks-batch";
import { createMemoryTaskCache } from "@/lib/server/gateway/task-cache";
import { GatewayError } from "@/lib/server/gateway/errors";
import type { Task } from "@/lib/shared/task";

// The body of POST /api/tasks: what JSON.stringify gives, with each cached task serialised once.

const taskLike = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }) as fc.Arbitrary<unknown> as fc.Arbitrary<Task>;

describe("tasksBatchJson", () => {
  it("is byte for byte JSON.stringify({ tasks, notFound })", () => {
    fc.assert(
      fc.property(fc.array(taskLike, { maxLength: 5 }), fc.array(fc.uuid(), { maxLength: 3 }), (tasks, notFound) => {
        expect(tasksBatchJson({ tasks, notFound, unavailable: [], error: null })).toBe(JSON.stringify({ tasks, notFound }));
        // Again, now from the memo.
        expect(tasksBatchJson({ tasks, notFound, unavailable: [], error: null })).toBe(JSON.stringify({ tasks, notFound }));
      }),
      { numRuns: 500 },
    );
  });

  it("serialises a task object once: the cache's tasks are never mutated, so the memo stays right", () => {
    const task = { id: "a", state: "completed", prompt: "first" } as unknown as Task;
    const first = tasksBatchJson({ tasks: [task], notFound: [], unavailable: [], error: null });
    (task as unknown as { prompt: string }).prompt = "changed";
    expect(tasksBatchJson({ tasks: [task], notFound: [], unavailable: [], error: null })).toBe(first);
    expect(tasksBatchJson({ tasks: [{ ...task }], notFound: [], unavailable: [], error: null })).toContain('"prompt":"changed"');
  });

  it("a task stored in the memory cache is serialised once, for its size and for every answer after", async () => {
    const task = { id: "4665a07c-7641-4809-a133-10786201bb56", state: "completed", prompt: "once" } as unknown as Task;
    const stringify = vi.spyOn(JSON, "stringify");
    try {
      const cache = createMemoryTaskCache();
      await cache.setMany(new Map([[task.id, task]]), 5_000);
      const cached = (await cache.getMany([task.id])).get(task.id)!.task!;
      for (let i = 0; i < 3; i++) tasksBatchJson({ tasks: [cached], notFound: [], unavailable: [], error: null });
      expect(stringify.mock.calls.filter(([value]) => value === task)).toHaveLength(1);
    } finally {
      stringify.mockRestore();
    }
  });

  it("while the upstream fails for some ids, says which and why, in words a person can act on", () => {
    const task = { id: "a", state: "completed" } as unknown as Task;
    const body = JSON.parse(tasksBatchJson({ tasks: [task], notFound: ["b"], unavailable: ["c"], error: new GatewayError("bad_status", { status: 500 }) }));
    expect(body).toEqual({
      tasks: [task],
      notFound: ["b"],
      unavailable: ["c"],
      error: { code: "bad_gateway", message: "The gateway answered with HTTP 500." },
    });
  });
});
