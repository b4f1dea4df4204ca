"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef } from "react";

export const PLAY_PARAM = "play";

function urlWith(id: string | null): string {
  const url = new URL(window.location.href);
  if (id) url.searchParams.set(PLAY_PARAM, id);
  else url.searchParams.delete(PLAY_PARAM);
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * The open player lives in the address bar (`?play=<id>`), so it can be linked to and Back closes
 * it. Next's router follows native `history.pushState`/`replaceState`, so `useSearchParams` sees
 * each change without a server round trip. Moving between videos replaces the entry: Back leaves
 * the player instead of stepping through every video seen.
 */
export function usePlayParam() {
  const playId = useSearchParams().get(PLAY_PARAM);
  // Whether this page pushed the entry: only then does closing go back (a shared ?play= link has
  // no entry of ours behind it to go back to).
  const pushed = useRef(false);
  useEffect(() => {
    if (!playId) pushed.current = false;
  }, [playId]);

  const open = useCallback((id: string) => {
    window.history.pushState(null, "", urlWith(id));
    pushed.current = true;
  }, []);
  const show = useCallback((id: string) => window.history.replaceState(null, "", urlWith(id)), []);
  const close = useCallback(() => {
    if (pushed.current) {
      pushed.current = false;
      window.history.back();
    } else {
      window.history.replaceState(null, "", urlWith(null));
    }
  }, []);
  return { playId, open, show, close };
}
