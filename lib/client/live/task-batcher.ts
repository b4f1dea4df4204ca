import type { Task } from "@/lib/shared/task";

/** How long stream events gather before the cache (and so every view) takes them: about a frame. */
export const TASK_BATCH_MS = 16;

export interface TaskBatcher {
  push(tasks: readonly Task[], notFound: readonly string[]): void;
  /** Writes what has gathered now (before an event that must come after it). */
  flush(): void;
}

/**
 * The stream sends a task per event, and a lookup of a thousand ids gets a thousand at once: written
 * one by one, each would render the view again. Gathered for a frame, they are one write, holding
 * each id's last state (a task seen twice, or found after "not found", ends as it last was).
 */
export function createTaskBatcher(write: (tasks: Task[], notFound: string[]) => void, delayMs = TASK_BATCH_MS): TaskBatcher {
  let pending = new Map<string, Task | null>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  function flush(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending.size === 0) return;
    const latest = pending;
    pending = new Map();
    const tasks: Task[] = [];
    const notFound: string[] = [];
    for (const [id, value] of latest) {
      if (value) tasks.push(value);
      else notFound.push(id);
    }
    write(tasks, notFound);
  }

  return {
    push(tasks, notFound) {
      for (const task of tasks) pending.set(task.id, task);
      for (const id of notFound) pending.set(id, null);
      timer ??= setTimeout(flush, delayMs);
    },
    flush,
  };
}
