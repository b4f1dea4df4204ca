import "server-only";
import { getFormatter } from "next-intl/server";
import { lastAccountSync, lastCallbackAt } from "@/lib/server/db/app-state";
import { getDb } from "@/lib/server/db/client";
import { listLibrary } from "@/lib/server/db/library";
import { serverEnv } from "@/lib/server/env";
import { LIBRARY_PAGE_SIZE, type AccountSyncView, type CallbackInfoView, type GalleryFilters, type LibraryPageView } from "@/lib/shared/library-query";
import { MOMENT_FORMAT } from "@/lib/shared/moment-format";
import { accountSyncer } from "./provider-sync";
import { libraryReader } from "./reader";

// What the gallery's server render reads: the first page of the library for the address's filters,
// and where callbacks go.

export async function loadGalleryFirstPage(filters: GalleryFilters): Promise<LibraryPageView> {
  const db = await getDb();
  // Made (and woken once) if the database was not open when the process started.
  libraryReader();
  return listLibrary(db, {
    limit: LIBRARY_PAGE_SIZE,
    state: filters.state,
    q: filters.q || null,
    sort: filters.sort,
    favorite: filters.favorite,
  });
}

/** `null` when callbacks are off (no LUMA_WEBHOOK_SECRET). */
export async function loadCallbackInfo(): Promise<CallbackInfoView | null> {
  const secret = serverEnv().LUMA_WEBHOOK_SECRET;
  if (!secret) return null;
  const [at, format] = await Promise.all([lastCallbackAt(await getDb()), getFormatter()]);
  const last = at ? { at, text: format.dateTime(new Date(at), { ...MOMENT_FORMAT, timeZone: "UTC" }) } : null;
  return { path: `/api/hooks/luma/${encodeURIComponent(secret)}`, last };
}

/** `null` unless an official account is listed (LUMA_PROVIDER=official); else its last sync, if any. */
export async function loadSyncInfo(): Promise<{ last: AccountSyncView | null } | null> {
  if (!accountSyncer()) return null;
  return { last: await lastAccountSync(await getDb()) };
}
