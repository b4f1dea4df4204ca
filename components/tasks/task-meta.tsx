"use client";

import { useNow } from "@/lib/client/use-now";
import { useTaskFormat } from "@/lib/client/use-task-format";
import { taskResolution } from "@/lib/shared/format";
import type { Task } from "@/lib/shared/task";

/** Resolution · duration · age, in one quiet line. */
export function TaskMeta({ id, task }: { id: string; task: Task | null | undefined }) {
  const now = useNow();
  const fmt = useTaskFormat();
  const parts = [
    task ? taskResolution(task) : null,
    fmt.duration(task?.video?.duration),
  ].filter((p): p is string => p !== null);
  const age = fmt.relative(task?.createdAt, now);
  return (
    <p className="flex flex-wrap items-center gap-x-2 text-xs text-neutral-400">
      <span className="font-mono text-neutral-400" title={id}>
        {id.slice(0, 8)}
      </span>
      {parts.map((p) => (
        <span key={p}>{p}</span>
      ))}
      {age && task?.createdAt && (
        <time dateTime={task.createdAt} title={fmt.dateTime(task.createdAt) ?? undefined} className="ml-auto">
          {age}
        </time>
      )}
    </p>
  );
}
