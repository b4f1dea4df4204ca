"use client";

import { useSyncExternalStore } from "react";
import { formatElapsed } from "@/lib/shared/duration";

// One shared one-second clock for every running task's elapsed time, started only while one shows.
let now = 0;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** "1:23" since `since` (an ISO time), ticking each second; null on the server and without a start. */
export function useElapsed(since: string | null | undefined, running: boolean): string | null {
  const at = useSyncExternalStore(
    running ? subscribe : noop,
    () => (running ? now || (now = Date.now()) : 0),
    () => 0,
  );
  const start = since ? Date.parse(since) : NaN;
  if (!running || !at || !Number.isFinite(start)) return null;
  return formatElapsed(Math.max(0, at - start));
}

const noop = () => () => {};
