"use client";

import { useCallback, useSyncExternalStore } from "react";
import { addToLibrary, LIBRARY_STORAGE_KEY, parseLibrary, removeFromLibrary, serializeLibrary } from "./library";

type Listener = () => void;
const listeners = new Set<Listener>();
// When storage is unavailable (private mode, quota, disabled) the library lives for the tab only.
let memory: string | null = null;
// Set once a write was refused. A full storage still reads fine, so from then on the tab's own
// copy is the truth; reading storage again would bring the old list back and lose the new ids.
let refused = false;
let cached: { raw: string | null; ids: string[] } | null = null;

function readRaw(): string | null {
  if (refused) return memory;
  try {
    return window.localStorage.getItem(LIBRARY_STORAGE_KEY);
  } catch {
    return memory;
  }
}

export function getLibrarySnapshot(): string[] {
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
    refused = true;
  }
  for (const listener of listeners) listener();
}

/** What views add to their notices once the browser refused to store the library. */
export const NOT_SAVED = "This browser refused to save the gallery (private mode or storage full): it lasts until this tab closes.";

/** False once the browser refused to store the library: it then lasts until the tab closes. */
export function isLibrarySaved(): boolean {
  return !refused;
}

/** Adds ids (newest first); returns how many were new. */
export function addToStoredLibrary(more: readonly string[]): number {
  const before = getLibrarySnapshot();
  const next = addToLibrary(before, more);
  if (next.length !== before.length) write(next);
  return next.length - before.length;
}

export interface Library {
  /** Newest first; `null` until the browser's copy has been read. */
  ids: string[] | null;
  /** False once the browser refused to store it (private mode, storage full). */
  saved: boolean;
  add: (ids: readonly string[]) => number;
  remove: (id: string) => void;
  clear: () => void;
}

export function useLibrary(): Library {
  const ids = useSyncExternalStore<string[] | null>(subscribe, getLibrarySnapshot, getServerSnapshot);
  const remove = useCallback((id: string) => write(removeFromLibrary(getLibrarySnapshot(), id)), []);
  const clear = useCallback(() => write([]), []);
  // Read at render: every write notifies the subscribers, so this is never stale.
  return { ids, saved: isLibrarySaved(), add: addToStoredLibrary, remove, clear };
}
