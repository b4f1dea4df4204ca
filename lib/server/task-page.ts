import "server-only";
import { headers } from "next/headers";
import { LRUCache } from "lru-cache";
import { cache } from "react";
import { asApiError } from "@/lib/server/http/gateway-errors";
import { ApiError } from "@/lib/server/http/errors";
import { requirePageAccess } from "@/lib/server/auth/page-access";
import { loadTask } from "@/lib/server/gateway/loader";
import { enforceRateLimit } from "@/lib/server/http/with-api";
import { processSingleton } from "@/lib/server/process-singleton";
import { normalizeTaskId } from "@/lib/shared/ids";
import type { Task } from "@/lib/shared/task";

export type TaskPageData =
  | { kind: "found"; id: string; task: Task }
  | { kind: "not_found" }
  /** The URL spells the id in upper case: send it to the one canonical spelling. */
  | { kind: "redirect"; id: string }
  /** The gateway failed (or is not configured): the page says so and keeps trying in the browser. */
  | { kind: "error"; id: string; message: string };

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** How long an id the gateway did not know answers "not found" without asking it again. */
export const NOT_FOUND_MEMORY_MS = 30_000;

const knownMissing = () => processSingleton("task-page-not-found", () => new LRUCache<string, true>({ max: 10_000, ttl: NOT_FOUND_MEMORY_MS }));

/**
 * What `/tasks/{id}` shows, through the same loader (cache, coalescing) as the API — never an HTTP
 * call to ourselves. `cache` makes generateMetadata and the page share one load per request.
 */
export const loadTaskPage = cache(async (rawId: string): Promise<TaskPageData> => {
  // The gate sits with the data: page and metadata both come through here (prompt, media URLs).
  await requirePageAccess(`/tasks/${rawId}`);
  const decoded = decode(rawId);
  const id = normalizeTaskId(decoded);
  if (!id) return { kind: "not_found" };
  if (id !== decoded) return { kind: "redirect", id };
  if (knownMissing().has(id)) return { kind: "not_found" };
  try {
    // A page that may reach the gateway spends the same per-client budget as the API.
    await enforceRateLimit(new Headers(await headers()));
    const task = await loadTask(id);
    if (!task) knownMissing().set(id, true);
    return task ? { kind: "found", id, task } : { kind: "not_found" };
  } catch (thrown) {
    const error = asApiError(thrown);
    if (error instanceof ApiError) return { kind: "error", id, message: error.message };
    console.error("Unexpected error loading a task page:", error instanceof Error ? error.message : "unknown");
    return { kind: "error", id, message: "Something went wrong on the server while loading this task." };
  }
});
