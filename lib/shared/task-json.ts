import type { Task } from "./task";

// A Task's JSON, computed once per object. The server's caches hand out the same Task objects on
// every read and never mutate them, so the text made when a task is stored (its size counts
// against the cache's byte budget) is the one every later answer reuses.

const serialized = new WeakMap<Task, string>();

export function taskJson(task: Task): string {
  let json = serialized.get(task);
  if (json === undefined) {
    json = JSON.stringify(task);
    serialized.set(task, json);
  }
  return json;
}
