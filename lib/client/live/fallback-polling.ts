"use client";

import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useMemo, useRef } from "react";
import { MAX_IDS_PER_REQUEST } from "@/lib/shared/ids";
import { nextPollDelay, pollChunks } from "@/lib/shared/polling";
import { postTasks } from "../api";
import { taskKeys, writeTasks, type TaskLookup } from "../task-queries";
import type { LiveStatusStore } from "./live-status";

/**
 * Polling for a view whose browser cannot stream: one batched POST per 100 ids that are unknown or
 * unfinished, every interval (slower after errors), paused while the tab is hidden, stopped once
 * everything has finished. Answers go into the same cache the stream writes.
 */
export function useFallbackPolling(
  ids: readonly string[],
  tasks: TaskLookup,
  options: { enabled: boolean; intervalMs: number; status: LiveStatusStore },
): Error | null {
  const queryClient = useQueryClient();
  const failures = useRef(0);
  const { enabled, intervalMs, status } = options;
  const chunks = useMemo(() => (enabled ? pollChunks(ids, tasks, MAX_IDS_PER_REQUEST) : []), [enabled, ids, tasks]);

  const results = useQueries({
    queries: chunks.map((part) => ({
      queryKey: taskKeys.poll(part),
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        try {
          const batch = await postTasks(part, signal);
          failures.current = 0;
          writeTasks(queryClient, batch.tasks, batch.notFound);
          status.markAnswered([...batch.tasks.map((t) => t.id), ...batch.notFound]);
          if (batch.error && batch.unavailable) status.markUnavailable(batch.unavailable, batch.error);
          return batch;
        } catch (error) {
          failures.current += 1;
          throw error;
        }
      },
      staleTime: intervalMs,
      gcTime: 0,
      retry: false,
      refetchOnWindowFocus: false,
      refetchInterval: () => nextPollDelay(intervalMs, failures.current),
      refetchIntervalInBackground: false,
    })),
  });

  return results.find((r) => r.isError && r.errorUpdatedAt >= r.dataUpdatedAt)?.error ?? null;
}
