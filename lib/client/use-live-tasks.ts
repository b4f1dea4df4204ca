"use client";

import { useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { createElement, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { isFinished, type UpstreamErrorInfo } from "@/lib/shared/task";
import { browserLiveClient, liveStatus } from "./live/browser-live";
import { INITIAL_LIVE_STATUS, type LiveMode } from "./live/live-status";
import { useRuntimeConfig } from "./runtime-config";
import { useTaskMap, type TaskLookup } from "./task-queries";

export interface LiveTasks {
  tasks: TaskLookup;
  /** While the upstream fails for any of these ids: what it said. Cleared when answers come again. */
  error: Error | null;
  mode: LiveMode;
  /** The fallback polling, present while the stream cannot be had: the view renders it anywhere. */
  poller: ReactNode;
}

// Polling is the rare fallback (a buffering proxy, an old browser): its code (TanStack's useQueries
// among it) loads only when a view needs it, never with the page.
const FallbackPoller = dynamic(() => import("./live/fallback-poller").then((m) => m.FallbackPoller), { ssr: false });

class UpstreamUnavailable extends Error {
  readonly code: string;
  constructor(info: UpstreamErrorInfo) {
    super(info.message);
    this.code = info.code;
    this.name = "UpstreamUnavailable";
  }
}

/**
 * Keeps `ids` up to date: the server pushes their changes over the browser's one stream; when the
 * stream cannot be had, the view polls instead. Reads the one task cache.
 */
export function useLiveTasks(ids: readonly string[], options: { library?: boolean } = {}): LiveTasks {
  const queryClient = useQueryClient();
  const { pollIntervalMs } = useRuntimeConfig();
  const library = options.library ?? false;
  const tasks = useTaskMap(ids);
  const status = useSyncExternalStore(liveStatus.subscribe, liveStatus.get, () => INITIAL_LIVE_STATUS);

  // Finished tasks do not change: a view of only those (a finished task's page, say) needs no stream.
  const settled = !library && ids.every((id) => {
    const task = tasks.get(id);
    return task != null && isFinished(task);
  });

  useEffect(() => {
    if (settled) return;
    let stop: (() => void) | undefined;
    let gone = false;
    void browserLiveClient(queryClient).then((live) => {
      if (!gone) stop = live.want({ ids, library });
    });
    return () => {
      gone = true;
      stop?.();
    };
  }, [queryClient, ids, library, settled]);

  const polling = status.mode === "polling";
  const [lastPollError, setPollError] = useState<Error | null>(null);
  const pollError = polling ? lastPollError : null;
  const poller = polling ? createElement(FallbackPoller, { ids, tasks, intervalMs: pollIntervalMs, status: liveStatus, onError: setPollError }) : null;

  const unavailable = useMemo(() => {
    for (const id of ids) {
      const info = status.unavailable.get(id);
      if (info) return new UpstreamUnavailable(info);
    }
    return null;
  }, [ids, status.unavailable]);

  return { tasks, error: unavailable ?? pollError, mode: status.mode, poller };
}
