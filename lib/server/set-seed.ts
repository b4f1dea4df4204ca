import "server-only";
import type { QueryClient } from "@tanstack/react-query";
import { setTimeout as sleep } from "node:timers/promises";
import { headers } from "next/headers";
import { UPSTREAM_BATCH_SIZE } from "@/lib/server/gateway/client";
import { loadTasks } from "@/lib/server/gateway/loader";
import { enforceRateLimit } from "@/lib/server/http/with-api";
import { taskKeys } from "@/lib/client/task-keys";

/** The ids of a set the server render answers: one upstream call, more cards than a first screen holds. */
export const SEEDED_SET_IDS = UPSTREAM_BATCH_SIZE;

/**
 * How long the render waits for the gateway. Past it the page goes out without the answers and the
 * browser gets them over its stream, as it would have without the wait; the call runs on and
 * fills the server's cache for that stream.
 */
export const SET_SEED_DEADLINE_MS = 800;

/**
 * Puts the gateway's answers for the first ids of a set (a lookup link, a share link) into the
 * page's query cache. A card's size comes from its task: rendered with the answers, the first
 * screen is laid out once, in the HTML, instead of as stand-ins that all move when the answers
 * arrive. Seeds nothing when the gateway fails, is slow or the client is over its rate limit: the
 * browser asks, and says what went wrong, as it does for any view.
 */
export async function seedSetTasks(queryClient: QueryClient, ids: readonly string[], deadlineMs = SET_SEED_DEADLINE_MS): Promise<void> {
  const first = ids.slice(0, SEEDED_SET_IDS);
  if (first.length === 0) return;
  const requestHeaders = new Headers(await headers());
  const answers = (async () => {
    // A page that reaches the gateway spends the same per-client budget as the API (a refusal
    // seeds nothing); the limiter's store is part of the wait.
    await enforceRateLimit(requestHeaders);
    return loadTasks(first);
  })();
  // A failure, or an answer past the deadline, has no one to tell: the browser's own request reports it.
  const result = await Promise.race([answers.catch(() => null), sleep(deadlineMs, null, { ref: false })]);
  if (!result) return;
  for (const task of result.tasks) queryClient.setQueryData(taskKeys.one(task.id), task);
  for (const id of result.notFound) queryClient.setQueryData(taskKeys.one(id), null);
}
