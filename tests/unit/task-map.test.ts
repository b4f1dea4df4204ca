import { environmentManager, QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { makeQueryClient } from "@/lib/client/query-client";
import { readTask, subscribeToTasks, writeTasks, type TaskMapSnapshot } from "@/lib/client/task-queries";
import { taskKeys } from "@/lib/client/task-keys";
import { makeTask } from "./task-factory";

// useTaskMap's store: one subscription to the task cache for a whole view, applied once per batch.

const microtask = () => new Promise<void>((resolve) => queueMicrotask(resolve));

function setup(ids: string[]) {
  const client = new QueryClient();
  const snapshot: { current: TaskMapSnapshot | null } = { current: { ids, map: new Map() } };
  let notified = 0;
  const unsubscribe = subscribeToTasks(client, new Set(ids), snapshot, () => (notified += 1));
  return { client, snapshot, unsubscribe, notified: () => notified };
}

describe("subscribeToTasks", () => {
  it("applies a batch of writes to a new map once, a microtask later, and says so once", async () => {
    const { client, snapshot, notified } = setup(["a", "b", "c"]);
    const before = snapshot.current!.map;
    writeTasks(client, [makeTask("a", "processing"), makeTask("b", "completed"), makeTask("a", "completed")], ["c"]);
    expect(notified()).toBe(0);
    expect(snapshot.current!.map).toBe(before);
    await microtask();
    expect(notified()).toBe(1);
    expect(snapshot.current!.map).not.toBe(before);
    expect(before.size).toBe(0);
    expect([...snapshot.current!.map].map(([id, task]) => `${id}:${task?.state ?? "null"}`)).toEqual(["a:completed", "b:completed", "c:null"]);
  });

  it("ignores ids the view does not show, and writes that change nothing", async () => {
    const { client, snapshot, notified } = setup(["a"]);
    writeTasks(client, [makeTask("z", "completed")]);
    await microtask();
    expect(notified()).toBe(0);
    writeTasks(client, [makeTask("a", "completed")]);
    await microtask();
    const map = snapshot.current!.map;
    writeTasks(client, [makeTask("a", "completed")]);
    await microtask();
    expect(notified()).toBe(1);
    expect(snapshot.current!.map).toBe(map);
  });

  it("drops an entry the cache removes", async () => {
    const { client, snapshot } = setup(["a"]);
    writeTasks(client, [makeTask("a", "completed")]);
    await microtask();
    client.removeQueries({ queryKey: taskKeys.one("a") });
    await microtask();
    expect(snapshot.current!.map.has("a")).toBe(false);
  });

  it("applies nothing once unsubscribed, even a batch already under way: the snapshot may be another view's by then", async () => {
    const { client, snapshot, unsubscribe, notified } = setup(["a", "b"]);
    writeTasks(client, [makeTask("a", "completed")]);
    unsubscribe();
    const next: TaskMapSnapshot = { ids: ["b"], map: new Map() };
    snapshot.current = next;
    await microtask();
    expect(notified()).toBe(0);
    expect(snapshot.current).toBe(next);
    expect(next.map.size).toBe(0);
  });
});

describe("the browser's task cache", () => {
  it("hears of a write made after the snapshot was built but before the subscription", async () => {
    const client = new QueryClient();
    const snapshot: { current: TaskMapSnapshot | null } = { current: { ids: ["a", "b"], map: new Map() } };
    writeTasks(client, [makeTask("a", "completed")]);
    let notified = 0;
    subscribeToTasks(client, new Set(["a", "b"]), snapshot, () => (notified += 1));
    await microtask();
    expect(notified).toBe(1);
    expect(snapshot.current!.map.get("a")?.state).toBe("completed");
    expect(snapshot.current!.map.has("b")).toBe(false);
  });

  it("keeps a task on screen past TanStack's garbage-collection time: no observer holds the entries", async () => {
    // As in a browser: on a server TanStack keeps every entry anyway.
    environmentManager.setIsServer(() => false);
    vi.useFakeTimers();
    try {
      const client = makeQueryClient();
      const snapshot: { current: TaskMapSnapshot | null } = { current: { ids: ["a"], map: new Map() } };
      subscribeToTasks(client, new Set(["a"]), snapshot, () => {});
      writeTasks(client, [makeTask("a", "completed")]);
      await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
      expect(readTask(client, "a")?.state).toBe("completed");
      expect(snapshot.current!.map.get("a")?.state).toBe("completed");
    } finally {
      vi.useRealTimers();
      environmentManager.setIsServer(() => typeof window === "undefined");
    }
  });
});
