"use client";

import { useMemo, useSyncExternalStore } from "react";
import { normalizeTaskId } from "@/lib/shared/ids";

/**
 * Favourites of this browser's gallery, beside its library in localStorage. The server library
 * (SPEC §3, `PATCH /api/library/{id} {favorite}`) takes this over; the grid only needs
 * `isFavorite` and `toggle`, whichever store answers them.
 */
export const FAVORITES_STORAGE_KEY = "luma-gallery:favorites:v1";

const listeners = new Set<() => void>();
let cached: { raw: string | null; ids: ReadonlySet<string> } | null = null;
const EMPTY: ReadonlySet<string> = new Set();

function read(): ReadonlySet<string> {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(FAVORITES_STORAGE_KEY);
  } catch {
    raw = null;
  }
  if (cached?.raw === raw) return cached.ids;
  let ids: string[] = [];
  try {
    const value: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(value)) ids = value.flatMap((v) => (typeof v === "string" && normalizeTaskId(v) ? [normalizeTaskId(v)!] : []));
  } catch {
    ids = [];
  }
  cached = { raw, ids: new Set(ids) };
  return cached.ids;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === FAVORITES_STORAGE_KEY) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

function toggle(id: string): void {
  const next = new Set(read());
  if (!next.delete(id)) next.add(id);
  try {
    window.localStorage.setItem(FAVORITES_STORAGE_KEY, JSON.stringify([...next]));
  } catch {
    // Storage refused: the star simply does not stick, as the library's notice already says.
  }
  for (const listener of listeners) listener();
}

export function useFavorites() {
  const ids = useSyncExternalStore(subscribe, read, () => EMPTY);
  return useMemo(() => ({ ids, isFavorite: (id: string) => ids.has(id), toggle }), [ids]);
}
