import { normalizeTaskId } from "@/lib/shared/ids";

// A callback is only a hint that some tasks changed (SPEC §1c): its body names them under one of
// these keys, at its top level or in its `data` object. Deeper values (a generation's
// `request.keyframes`) name other generations and are not followed; nothing else is trusted.
const ID_KEYS = ["id", "task_id", "taskId", "generation_id", "video_id"] as const;

function idsIn(value: unknown): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  const record = value as Record<string, unknown>;
  const ids: string[] = [];
  for (const key of ID_KEYS) {
    const candidate = record[key];
    const id = typeof candidate === "string" ? normalizeTaskId(candidate) : null;
    if (id) ids.push(id);
  }
  return ids;
}

/** Distinct lower-case task ids named by a callback body. */
export function callbackTaskIds(body: unknown): string[] {
  const data = typeof body === "object" && body !== null ? (body as Record<string, unknown>).data : undefined;
  return [...new Set([...idsIn(body), ...idsIn(data)])];
}
