import { z } from "zod";

// The pages' Content-Security-Policy has no 'unsafe-eval'. Zod 4 compiles object parsers with
// `new Function` unless told not to, and its probe for that alone is reported as a CSP violation
// in the browser. This is the module that brings zod into the browser, so the switch lives here.
z.config({ jitless: true });

export const TASK_STATES = ["pending", "processing", "completed", "failed"] as const;
export type TaskState = (typeof TASK_STATES)[number];

const rgb = z.tuple([z.number(), z.number(), z.number()]);

// The app's own Task (SPEC §3). The browser parses API answers with it too, so a
// half-deployed server or a proxy that mangles JSON shows up as an error, not as NaN.
export const taskSchema = z.object({
  id: z.string(),
  state: z.enum(TASK_STATES),
  prompt: z.string().nullable(),
  aspectRatio: z.string().nullable(),
  createdAt: z.string().nullable(),
  progress: z.number().nullable(),
  failureReason: z.string().nullable(),
  thumbnail: z
    .object({ url: z.string(), width: z.number().nullable(), height: z.number().nullable() })
    .nullable(),
  palette: z.array(rgb).nullable(),
  video: z
    .object({
      url: z.string(),
      downloadUrl: z.string(),
      width: z.number().nullable(),
      height: z.number().nullable(),
      duration: z.number().nullable(),
    })
    .nullable(),
  lastFrame: z
    .object({ url: z.string(), width: z.number().nullable(), height: z.number().nullable() })
    .nullable(),
});

export type Task = z.infer<typeof taskSchema>;
export type Rgb = z.infer<typeof rgb>;

export const taskBatchSchema = z.object({
  tasks: z.array(taskSchema),
  notFound: z.array(z.string()),
});
export type TaskBatch = z.infer<typeof taskBatchSchema>;

export function isFinished(task: Pick<Task, "state">): boolean {
  return task.state === "completed" || task.state === "failed";
}
