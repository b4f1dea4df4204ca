// zod/mini: this schema ships to the browser (loaded with the first API answer, not with the page),
// where the full zod build would cost ~35 KB gzip.
import * as z from "zod/mini";
import { TASK_STATES } from "./task";

// The pages' Content-Security-Policy has no 'unsafe-eval'. Zod 4 compiles object parsers with
// `new Function` unless told not to, and its probe for that alone is reported as a CSP violation
// in the browser. This is the module that brings zod into the browser, so the switch lives here.
z.config({ jitless: true });

const rgb = z.tuple([z.number(), z.number(), z.number()]);
const image = z.object({ url: z.string(), width: z.nullable(z.number()), height: z.nullable(z.number()) });

// The app's own Task (SPEC §3). The browser parses API answers with it too, so a
// half-deployed server or a proxy that mangles JSON shows up as an error, not as NaN.
export const taskSchema = z.object({
  id: z.string(),
  state: z.enum(TASK_STATES),
  prompt: z.nullable(z.string()),
  aspectRatio: z.nullable(z.string()),
  createdAt: z.nullable(z.string()),
  progress: z.nullable(z.number()),
  failureReason: z.nullable(z.string()),
  model: z.nullable(z.string()),
  finishedAt: z.nullable(z.string()),
  thumbnail: z.nullable(image),
  palette: z.nullable(z.array(rgb)),
  video: z.nullable(
    z.object({
      url: z.string(),
      downloadUrl: z.string(),
      width: z.nullable(z.number()),
      height: z.nullable(z.number()),
      duration: z.nullable(z.number()),
    }),
  ),
  lastFrame: z.nullable(image),
});


export const upstreamErrorSchema = z.object({ code: z.string(), message: z.string() });

/** `unavailable`/`error`: ids the upstream could not answer for now, and why (SPEC §3). */
export const taskBatchSchema = z.object({
  tasks: z.array(taskSchema),
  notFound: z.array(z.string()),
  unavailable: z.optional(z.array(z.string())),
  error: z.optional(upstreamErrorSchema),
});
