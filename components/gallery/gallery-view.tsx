"use client";

import { useLiveTasks } from "@/lib/client/use-live-tasks";
import { useRuntimeConfig } from "@/lib/client/runtime-config";
import { TaskGrid } from "@/components/tasks/task-grid";
import { UpstreamAlert } from "@/components/tasks/upstream-alert";

export function GalleryView({ sharedIds }: { sharedIds: string[] }) {
  const { demoIds } = useRuntimeConfig();
  const ids = sharedIds.length > 0 ? sharedIds : demoIds;
  const { tasks, error } = useLiveTasks(ids);
  return (
    <section className="py-6">
      <h1 className="mb-4 text-xl font-semibold">{sharedIds.length > 0 ? "Shared tasks" : "Gallery"}</h1>
      <UpstreamAlert error={error} />
      <TaskGrid ids={ids} tasks={tasks} />
    </section>
  );
}
