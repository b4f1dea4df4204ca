"use client";

import { useEffect } from "react";
import type { TaskLookup } from "../task-queries";
import { useFallbackPolling } from "./fallback-polling";
import type { LiveStatusStore } from "./live-status";

interface Props {
  ids: readonly string[];
  tasks: TaskLookup;
  intervalMs: number;
  status: LiveStatusStore;
  onError: (error: Error | null) => void;
}

/** Polls `ids` while mounted (a view mounts it only when the stream cannot be had); tells the view the last error. */
export function FallbackPoller({ ids, tasks, intervalMs, status, onError }: Props) {
  const error = useFallbackPolling(ids, tasks, { enabled: true, intervalMs, status });
  useEffect(() => onError(error), [error, onError]);
  // Unmounted once the stream is back: its last error is no longer the view's.
  useEffect(() => () => onError(null), [onError]);
  return null;
}
