"use client";

import { useSyncExternalStore } from "react";
import { createTicker } from "./ticker";

// Relative times ("3 minutes ago") change slowly: one 30-second clock for the whole page.
const ticker = createTicker(30_000);
const getServerSnapshot = () => 0;

/** Milliseconds since the epoch, refreshed every 30 s; 0 while rendering on the server. */
export function useNow(): number {
  return useSyncExternalStore(ticker.subscribe, ticker.now, getServerSnapshot);
}
