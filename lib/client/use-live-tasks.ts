"use client";

import { useQueries } from "@tanstack/react-query";
import { useMemo, useRef, useSyncExternalStore } from "react";
import { MAX_IDS_PER_REQUEST } from "@/lib/shared/ids";
import { alignedPollDelay, pollChunks } from "@/lib/shared/polling";
import { postTasks } from "./api";
import { taskKeys } from "./query-keys";
import type { TaskLookup } from "./task-store";
import { useTaskStore } from "./task-store-context";
import { useRuntimeConfig } from "./runtime-config";

export interface LiveTasks {
  tasks: TaskLookup;
  /** The latest failure while it lasts; cleared by the next successful poll. */
  error: Error | null;
}

/**
 * Keeps `ids` up to date: one batched POST per 100 ids that are unknown or unfinished, repeated
 * every poll interval on wall-clock boundaries (slower after errors) and stopped once everything
 * has finished. Finished
 * tasks are never asked for again. React Query pauses the timers while the tab is hidden.
 */
export function useLiveTasks(ids: readonly string[]): LiveTasks {
  const store = useTaskStore();
  const { pollIntervalMs } = useRuntimeConfig();
  const tasks = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  const failures = useRef(0);

  const chunks = useMemo(() => pollChunks(ids, tasks, MAX_IDS_PER_REQUEST), [ids, tasks]);

  const results = useQueries({
    queries: chunks.map((part) => {
      // A chunk whose every id is already known only needs its next poll one interval from now;
      // a chunk with a never-seen id is asked at once.
      const allKnown = part.every((id) => tasks.has(id));
      return {
        queryKey: taskKeys.poll(part),
        queryFn: async ({ signal }: { signal: AbortSignal }) => {
          try {
            const batch = await postTasks(part, signal);
            failures.current = 0;
            store.merge(batch.tasks, batch.notFound);
            return batch;
          } catch (error) {
            failures.current += 1;
            throw error;
          }
        },
        ...(allKnown ? { initialData: { tasks: [], notFound: [] }, initialDataUpdatedAt: () => Date.now() } : {}),
        staleTime: pollIntervalMs,
        gcTime: 0,
        retry: false,
        refetchOnWindowFocus: false,
        // Re-evaluated after every answer, so each wait runs to the next wall-clock boundary.
        refetchInterval: () => alignedPollDelay(pollIntervalMs, failures.current, Date.now()),
        refetchIntervalInBackground: false,
      };
    }),
  });

  const error = results.find((r) => r.isError && r.errorUpdatedAt >= r.dataUpdatedAt)?.error ?? null;
  return { tasks, error };
}
