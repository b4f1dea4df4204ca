import "server-only";
import { lastCallbackAt } from "@/lib/server/db/app-state";
import { getDb } from "@/lib/server/db/client";
import { listLibrary } from "@/lib/server/db/library";
import { serverEnv } from "@/lib/server/env";
import { LIBRARY_PAGE_SIZE, type GalleryFilters, type LibraryPageView } from "@/lib/shared/library-query";
import { libraryReader } from "./reader";

// What the gallery's server render reads: the first page of the library for the address's filters,
// and where callbacks go.

export async function loadGalleryFirstPage(filters: GalleryFilters): Promise<LibraryPageView> {
  const db = await getDb();
  libraryReader().wake();
  return listLibrary(db, {
    limit: LIBRARY_PAGE_SIZE,
    state: filters.state,
    q: filters.q || null,
    sort: filters.sort,
    favorite: filters.favorite,
  });
}

/** `null` when callbacks are off (no LUMA_WEBHOOK_SECRET). */
export async function loadCallbackInfo(): Promise<{ path: string; lastAt: string | null } | null> {
  const secret = serverEnv().LUMA_WEBHOOK_SECRET;
  if (!secret) return null;
  return { path: `/api/hooks/luma/${encodeURIComponent(secret)}`, lastAt: await lastCallbackAt(await getDb()) };
}
