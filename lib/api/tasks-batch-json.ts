import type { Task } from "@/lib/tasks/task";

// The body of `POST /api/tasks`, byte for byte what JSON.stringify({ tasks, notFound }) gives, but
// each task serialised once per object: the cache hands out the same Task objects on every read
// (they are never mutated), and serialising 20 tasks is most of the work of a cached read.

const serialized = new WeakMap<Task, string>();

function taskJson(task: Task): string {
  let json = serialized.get(task);
  if (json === undefined) {
    json = JSON.stringify(task);
    serialized.set(task, json);
  }
  return json;
}

export function tasksBatchJson(result: { tasks: readonly Task[]; notFound: readonly string[] }): string {
  return `{"tasks":[${result.tasks.map(taskJson).join(",")}],"notFound":${JSON.stringify(result.notFound)}}`;
}
