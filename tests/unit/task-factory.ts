import type { Task, TaskState } from "@/lib/shared/task";

/** A Task with nothing but an id and a state; tests say what else matters to them. */
export function makeTask(id: string, state: TaskState, fields: Partial<Task> = {}): Task {
  return {
    id, state, prompt: null, aspectRatio: null, createdAt: null, progress: null, failureReason: null, model: null, finishedAt: null,
    thumbnail: null, palette: null, video: null, lastFrame: null, ...fields,
  };
}
