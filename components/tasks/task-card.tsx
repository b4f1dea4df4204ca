"use client";

import type { Task } from "@/lib/tasks/task";

export type CardState = Task["state"] | "loading" | "not_found";

export function cardState(task: Task | null | undefined): CardState {
  if (task === undefined) return "loading";
  if (task === null) return "not_found";
  return task.state;
}

/** One task tile. `task`: undefined = not answered yet, null = unknown to the gateway. */
export function TaskCard({ id, task }: { id: string; task: Task | null | undefined }) {
  const state = cardState(task);
  return (
    <article data-task-id={id} data-state={state} className="overflow-hidden rounded-lg border border-white/10 bg-neutral-900">
      <div className="aspect-video bg-neutral-800">
        {task?.thumbnail && <img src={task.thumbnail.url} alt="" loading="lazy" decoding="async" className="h-full w-full object-cover" />}
      </div>
      <div className="space-y-1 p-3 text-sm">
        <p className="font-mono text-xs text-neutral-400">{id}</p>
        <p className="text-xs uppercase tracking-wide text-neutral-300">{state.replace("_", " ")}</p>
        {task?.prompt && <p className="line-clamp-2 text-neutral-100">{task.prompt}</p>}
        {task?.failureReason && <p className="text-red-300">{task.failureReason}</p>}
      </div>
    </article>
  );
}
