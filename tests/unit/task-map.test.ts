import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { subscribeToTasks, writeTasks, type TaskMapSnapshot } from "@/lib/client/task-queries";
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
