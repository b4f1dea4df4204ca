"use client";

import { useSyncExternalStore } from "react";
import { formatElapsed } from "@/lib/shared/duration";
import { createTicker } from "./ticker";

// Elapsed times tick every second, on one clock shared by every running task that shows one.
const ticker = createTicker(1_000);

/** "1:23" since `since` (an ISO time), ticking each second; null on the server and without a start. */
export function useElapsed(since: string | null | undefined, running: boolean): string | null {
  const at = useSyncExternalStore(
    running ? ticker.subscribe : noop,
    () => (running ? ticker.now() : 0),
    () => 0,
  );
  const start = since ? Date.parse(since) : NaN;
  if (!running || !at || !Number.isFinite(start)) return null;
  return formatElapsed(Math.max(0, at - start));
}

const noop = () => () => {};
