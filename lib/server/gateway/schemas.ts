import { z } from "zod";

// Raw gateway shapes (SPEC §1). Every field is optional and `.catch`es to undefined: gateways
// add, drop and retype fields, and one odd field must never sink an item, let alone a batch.
const str = z.string().optional().catch(undefined);
const num = z.number().optional().catch(undefined);
const numOrStr = z.union([z.number(), z.string()]).optional().catch(undefined);

export const rawMediaSchema = z
  .looseObject({
    url: str,
    download_url: str,
    width: num,
    height: num,
    duration: num,
    media_type: str,
    palette: z.looseObject({ grid: str }).nullish().catch(undefined),
  })
  .nullish()
  .catch(undefined);

const rawRequestSchema = z
  .looseObject({
    prompt: str,
    aspect_ratio: str,
    resolution: str,
    duration: numOrStr,
    model: str,
  })
  .nullish()
  .catch(undefined);

/** A generation as seeds 000/001/003 show it, or the official Luma API object (`assets`). */
export const rawGenerationSchema = z.looseObject({
  id: str,
  state: str,
  created_at: numOrStr,
  prompt: str,
  model: str,
  request: rawRequestSchema,
  video: rawMediaSchema,
  video_raw: rawMediaSchema,
  thumbnail: rawMediaSchema,
  last_frame: rawMediaSchema,
  artifact: z
    .looseObject({
      created_at: numOrStr,
      video: rawMediaSchema,
      video_raw: rawMediaSchema,
      thumbnail: rawMediaSchema,
      last_frame: rawMediaSchema,
    })
    .nullish()
    .catch(undefined),
  assets: z
    .looseObject({ video: z.unknown().optional(), image: z.unknown().optional(), progress_video: z.unknown().optional() })
    .nullish()
    .catch(undefined),
  failure_reason: str.nullable().catch(undefined),
  estimate_wait_seconds: num.nullable().catch(undefined),
});
export type RawGeneration = z.infer<typeof rawGenerationSchema>;

/** One item of the `{code, message, data: [...]}` envelope (seed 002). */
export const rawEnvelopeTaskSchema = z.looseObject({
  task_id: str,
  status: str,
  fail_reason: str.nullable().catch(undefined),
  progress: numOrStr,
  submit_time: numOrStr,
  start_time: numOrStr,
  finish_time: numOrStr,
  data: z.unknown().optional(),
});
export type RawEnvelopeTask = z.infer<typeof rawEnvelopeTaskSchema>;

export const rawEnvelopeSchema = z.looseObject({
  code: z.union([z.string(), z.number()]).optional().catch(undefined),
  message: str,
  data: z.unknown().optional(),
});
