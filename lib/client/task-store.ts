import type { Task } from "@/lib/shared/task";

/** `undefined`: not answered yet; `null`: the gateway does not know the id. */
export type TaskLookup = ReadonlyMap<string, Task | null>;

type Listener = () => void;

/**
 * Every task the browser has seen, shared by all views. Snapshots are immutable Maps so
 * `useSyncExternalStore` sees a change exactly when something changed.
 */
export class TaskStore {
  private snapshot: Map<string, Task | null> = new Map();
  private listeners = new Set<Listener>();

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): TaskLookup => this.snapshot;

  /**
   * Puts a task the server rendered into the store before a view's first read, without notifying
   * anyone: views run it during render, where notifying would update other components mid-render.
   * Only when the store knows nothing of the task (after a client-side navigation it may know more).
   */
  seed(task: Task): void {
    if (this.snapshot.get(task.id) != null) return;
    this.snapshot = new Map(this.snapshot).set(task.id, task);
  }

  merge(tasks: readonly Task[], notFound: readonly string[] = []): void {
    let next: Map<string, Task | null> | null = null;
    const put = (id: string, value: Task | null) => {
      const current = this.snapshot.get(id);
      if (current !== undefined && JSON.stringify(current) === JSON.stringify(value)) return;
      next ??= new Map(this.snapshot);
      next.set(id, value);
    };
    for (const task of tasks) put(task.id, task);
    for (const id of notFound) put(id, null);
    if (next) {
      this.snapshot = next;
      for (const listener of this.listeners) listener();
    }
  }
}
