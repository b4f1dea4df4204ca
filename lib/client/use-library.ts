"use client";

import { useCallback, useSyncExternalStore } from "react";
import { addToLibrary, LIBRARY_STORAGE_KEY, parseLibrary, removeFromLibrary, serializeLibrary } from "./library";

type Listener = () => void;
const listeners = new Set<Listener>();
// When storage is unavailable (private mode, quota, disabled) the library lives for the tab only.
let memory: string | null = null;
let cached: { raw: string | null; ids: string[] } | null = null;

function readRaw(): string | null {
  try {
    return window.localStorage.getItem(LIBRARY_STORAGE_KEY);
  } catch {
    return memory;
  }
}

function getSnapshot(): string[] {
  const raw = readRaw();
  // Same raw string, same array: useSyncExternalStore needs a stable snapshot between changes.
  if (cached?.raw !== raw) cached = { raw, ids: parseLibrary(raw) };
  return cached.ids;
}

/** `null` on the server and during hydration: "not read yet" is not the same as "empty". */
function getServerSnapshot(): null {
  return null;
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  // Other tabs write the same key; the `storage` event only fires in the tabs that did not write.
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === LIBRARY_STORAGE_KEY) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

function write(ids: string[]): void {
  const raw = serializeLibrary(ids);
  memory = raw;
  try {
    window.localStorage.setItem(LIBRARY_STORAGE_KEY, raw);
  } catch {
    // keep the in-memory copy; the gallery still works for this tab
  }
  for (const listener of listeners) listener();
}

export interface Library {
  /** Newest first; `null` until the browser's copy has been read. */
  ids: string[] | null;
  add: (ids: readonly string[]) => number;
  remove: (id: string) => void;
  clear: () => void;
}

export function useLibrary(): Library {
  const ids = useSyncExternalStore<string[] | null>(subscribe, getSnapshot, getServerSnapshot);
  const add = useCallback((more: readonly string[]) => {
    const before = getSnapshot();
    const next = addToLibrary(before, more);
    if (next.length !== before.length) write(next);
    return next.length - before.length;
  }, []);
  const remove = useCallback((id: string) => write(removeFromLibrary(getSnapshot(), id)), []);
  const clear = useCallback(() => write([]), []);
  return { ids, add, remove, clear };
}
