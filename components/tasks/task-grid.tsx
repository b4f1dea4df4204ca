"use client";

import type { TaskLookup } from "@/lib/client/task-store";
import { TaskCard } from "./task-card";

export function TaskGrid({ ids, tasks }: { ids: readonly string[]; tasks: TaskLookup }) {
  return (
    <ul className="grid grid-cols-[repeat(auto-fill,minmax(16rem,1fr))] gap-4">
      {ids.map((id) => (
        <li key={id}>
          <TaskCard id={id} task={tasks.get(id)} />
        </li>
      ))}
    </ul>
  );
}
