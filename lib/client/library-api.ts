import type { GalleryFilters, LibraryItemView, LibraryPageView } from "@/lib/shared/library-query";
import { libraryApiPath } from "@/lib/shared/library-query";
import { ClientApiError } from "./api";

// The library, collections and archive endpoints of our own API (SPEC §3), for the browser.

export type AddSource = "paste" | "lookup" | "share" | "import";

/** A call to our own API: its JSON, or a ClientApiError with the server's message. */
export async function callApi<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      cache: "no-store",
      headers: init?.body ? { "Content-Type": "application/json" } : undefined,
    });
  } catch {
    throw new ClientApiError("The dashboard server could not be reached. Check your connection.", 0, "network");
  }
  if (response.status === 204) return undefined as T;
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // an empty or non-JSON answer: judged by its status below
  }
  if (!response.ok || body === null) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const message = typeof error?.message === "string" ? error.message : `The server answered HTTP ${response.status}.`;
    throw new ClientApiError(message, response.status, typeof error?.code === "string" ? error.code : "unknown");
  }
  return body as T;
}

export function fetchLibraryPage(filters: GalleryFilters, cursor: string | null, signal?: AbortSignal, limit?: number): Promise<LibraryPageView> {
  return callApi(libraryApiPath(filters, cursor, limit), { signal });
}

const EVERYTHING: GalleryFilters = { state: null, q: "", sort: "newest", favorite: false };

/** Every item of the library that matches `filters` (all of them by default), in their order. */
export async function allLibraryItems(filters: GalleryFilters = EVERYTHING): Promise<LibraryItemView[]> {
  const items: LibraryItemView[] = [];
  let cursor: string | null = null;
  do {
    const page: LibraryPageView = await fetchLibraryPage(filters, cursor, undefined, 200);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** Every id of the library, newest first (for an export). */
export async function allLibraryIds(): Promise<string[]> {
  return (await allLibraryItems()).map((item) => item.id);
}

/** The API takes at most 5,000 ids a request: larger sets go in turn. */
export async function addToServerLibrary(ids: readonly string[], source: AddSource): Promise<{ added: number; existing: number }> {
  let added = 0;
  let existing = 0;
  for (let i = 0; i < ids.length; i += 5000) {
    const answer = await callApi<{ added: number; existing: number }>("/api/library", {
      method: "POST",
      body: JSON.stringify({ ids: ids.slice(i, i + 5000), source }),
    });
    added += answer.added;
    existing += answer.existing;
  }
  return { added, existing };
}

export function setServerFavorite(id: string, favorite: boolean): Promise<LibraryItemView> {
  return callApi(`/api/library/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify({ favorite }) });
}

export function removeFromServerLibrary(id: string): Promise<void> {
  return callApi(`/api/library/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/**
 * Browsers carry at most 64 KB of `keepalive` request bodies past the end of a page: about 1,600
 * ids. A removal that may still be pending when a page is left stays below this.
 */
export const MAX_KEEPALIVE_IDS = 1500;

/**
 * Removes ids in requests of ≤ 5,000 (the API's limit). `keepalive`: the request outlives the page
 * (sent while it is being left), so only up to MAX_KEEPALIVE_IDS.
 */
export async function removeManyFromServerLibrary(ids: readonly string[], options: { keepalive?: boolean } = {}): Promise<number> {
  let removed = 0;
  for (let i = 0; i < ids.length; i += 5000) {
    const body = JSON.stringify({ ids: ids.slice(i, i + 5000) });
    removed += (await callApi<{ removed: number }>("/api/library/remove", { method: "POST", body, keepalive: options.keepalive })).removed;
  }
  return removed;
}

export function createCollection(title: string, ids: readonly string[]): Promise<{ slug: string; url: string }> {
  return callApi("/api/collections", { method: "POST", body: JSON.stringify({ title, ids }) });
}

/** Lists the official Luma account into the library now (LUMA_PROVIDER=official). */
export function syncAccountNow(): Promise<{ pages: number; listed: number; added: number; at: string }> {
  return callApi("/api/library/sync", { method: "POST" });
}
