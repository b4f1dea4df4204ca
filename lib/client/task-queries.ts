"use client";

import { queryOptions, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useRef, useSyncExternalStore } from "react";
import type { Task } from "@/lib/shared/task";
import { getTask } from "./api";
import { taskKeys } from "./task-keys";

// The browser's one cache of tasks is TanStack Query's: one entry per task id, holding the Task or
// `null` ("the gateway does not know it"). Stream events, batch answers and the server render
// write into it; every view reads from it.

/** `undefined`: not answered yet; `null`: the gateway does not know the id. */
export type TaskLookup = ReadonlyMap<string, Task | null>;

export { taskKeys };

/** One task: written by the stream; read on demand (a refresh of expired media) with GET. */
export const taskOptions = (id: string) =>
  queryOptions<Task | null>({
    queryKey: taskKeys.one(id),
    queryFn: () => getTask(id),
    // Fresh data arrives pushed: nothing is refetched on its own.
    // Kept for the page's life (makeQueryClient's defaults for task keys): no gcTime here.
    staleTime: Infinity,
  });

const same = (a: Task | null | undefined, b: Task | null): boolean => a !== undefined && (a === b || JSON.stringify(a) === JSON.stringify(b));

/** Writes tasks (and not-found ids) into the cache, touching only entries that changed. */
export function writeTasks(client: QueryClient, tasks: readonly Task[], notFound: readonly string[] = []): void {
  for (const task of tasks) {
    const key = taskKeys.one(task.id);
    if (!same(client.getQueryData<Task | null>(key), task)) client.setQueryData(key, task);
  }
  for (const id of notFound) {
    const key = taskKeys.one(id);
    if (client.getQueryData(key) !== null) client.setQueryData(key, null);
  }
}

export function readTask(client: QueryClient, id: string): Task | null | undefined {
  return client.getQueryData<Task | null>(taskKeys.one(id));
}

export interface TaskMapSnapshot {
  ids: readonly string[];
  map: Map<string, Task | null>;
}

/**
 * Keeps `snapshot` (the tasks of `wanted`) in step with the cache and calls `notify` once per batch
 * of changes. A batch of stream events writes hundreds of entries in one go, and React reads the
 * snapshot again at every notification, so the changes are applied to a copy once the batch is
 * written (a microtask later): rebuilding the whole map per entry made a lookup of a thousand ids
 * quadratic.
 */
export function subscribeToTasks(client: QueryClient, wanted: ReadonlySet<string>, snapshot: { current: TaskMapSnapshot | null }, notify: () => void): () => void {
  let changes: Map<string, Task | null | undefined> | null = null;
  let subscribed = true;
  const apply = () => {
    const pending = changes!;
    changes = null;
    // Unsubscribed before the microtask ran: the snapshot may already belong to other ids.
    if (!subscribed) return;
    const current = snapshot.current;
    if (current) {
      const map = new Map(current.map);
      for (const [id, value] of pending) {
        if (value === undefined) map.delete(id);
        else map.set(id, value);
      }
      snapshot.current = { ids: current.ids, map };
    }
    notify();
  };
  const record = (id: string, value: Task | null | undefined) => {
    const current = snapshot.current;
    if (!current) return;
    if (!changes && current.map.get(id) === value) return;
    if (!changes) {
      changes = new Map();
      queueMicrotask(apply);
    }
    changes.set(id, value);
  };
  const unsubscribe = client.getQueryCache().subscribe((event) => {
    const key = event.query.queryKey;
    if (key[0] !== taskKeys.prefix || typeof key[1] !== "string" || !wanted.has(key[1])) return;
    if (event.type !== "added" && event.type !== "updated" && event.type !== "removed") return;
    record(key[1], event.type === "removed" ? undefined : (event.query.state.data as Task | null | undefined));
  });
  // React subscribes after the render that built the snapshot, and a write in between (a stream
  // batch landing before the effect ran) was heard by no one.
  for (const id of wanted) {
    const value = readTask(client, id);
    if (snapshot.current?.map.get(id) !== value) record(id, value);
  }
  return () => {
    subscribed = false;
    unsubscribe();
  };
}

/**
 * The cached tasks of `ids` as one Map that changes identity exactly when one of them changed.
 * One cache subscription for the whole view, rather than one observer per card: a lookup of 1,000
 * ids stays cheap.
 */
export function useTaskMap(ids: readonly string[]): TaskLookup {
  const client = useQueryClient();
  const wanted = useMemo(() => new Set(ids), [ids]);
  const snapshot = useRef<TaskMapSnapshot | null>(null);

  const build = useCallback(() => {
    const map = new Map<string, Task | null>();
    for (const id of ids) {
      const value = readTask(client, id);
      if (value !== undefined) map.set(id, value);
    }
    return map;
  }, [client, ids]);

  const subscribe = useCallback((notify: () => void) => subscribeToTasks(client, wanted, snapshot, notify), [client, wanted]);

  const getSnapshot = useCallback(() => {
    if (!snapshot.current || snapshot.current.ids !== ids) snapshot.current = { ids, map: build() };
    return snapshot.current.map;
  }, [ids, build]);

  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
