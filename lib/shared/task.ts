import type { taskBatchSchema, taskSchema, upstreamErrorSchema } from "./task-schema";
import type * as z from "zod/mini";

// The domain's types and plain helpers. The zod schemas they come from live in task-schema.ts, so
// that code which only needs a Task (every component) does not pull zod into the browser's first load.

export const TASK_STATES = ["pending", "processing", "completed", "failed"] as const;
export type TaskState = (typeof TASK_STATES)[number];

export type Task = z.infer<typeof taskSchema>;
export type Rgb = Task["palette"] extends (infer R)[] | null ? R : never;
export type UpstreamErrorInfo = z.infer<typeof upstreamErrorSchema>;
export type TaskBatch = z.infer<typeof taskBatchSchema>;

export function isFinished(task: Pick<Task, "state">): boolean {
  return task.state === "completed" || task.state === "failed";
}
