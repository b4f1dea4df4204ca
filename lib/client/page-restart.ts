"use client";

import { useEffect, useEffectEvent } from "react";

const RESTART_EVENT = "luma:restart-page";

/**
 * Tells the page shown that a link to its own address was followed. That changes nothing a page
 * can observe (not its path, not its search parameters), yet the reader asked for the page afresh.
 */
export function restartPage(path: string): void {
  window.dispatchEvent(new CustomEvent<string>(RESTART_EVENT, { detail: path }));
}

/** Calls `onRestart` whenever a link to `path` is followed while `path` is shown. */
export function useOnRestart(path: string, onRestart: () => void): void {
  const restart = useEffectEvent(onRestart);
  useEffect(() => {
    const listener = (event: Event) => {
      if ((event as CustomEvent<string>).detail === path) restart();
    };
    window.addEventListener(RESTART_EVENT, listener);
    return () => window.removeEventListener(RESTART_EVENT, listener);
  }, [path]);
}
