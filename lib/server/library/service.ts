import "server-only";
import { recordCallback } from "@/lib/server/db/app-state";
import { getDb } from "@/lib/server/db/client";
import { addToLibrary } from "@/lib/server/db/library";
import type { LibrarySource } from "@/lib/server/db/schema";
import { publishLive } from "@/lib/server/live/hub";
import { libraryReader, READ_BATCH_SIZE } from "./reader";

// What happens when ids join the library, however they came: stored, announced to open library
// views, and read from the upstream in the background.

export async function addIdsToLibrary(ids: readonly string[], source: LibrarySource): Promise<{ added: number; existing: number }> {
  const { added, existing, addedIds } = await addToLibrary(await getDb(), ids, source);
  if (addedIds.length > 0) publishLive({ type: "added", ids: addedIds });
  // A few ids pasted by hand are read next, ahead of a large import still being read.
  if (addedIds.length > 0 && addedIds.length <= READ_BATCH_SIZE) libraryReader().readSoon(addedIds);
  else libraryReader().wake();
  return { added, existing };
}

/** A callback named these ids: keep them (source `webhook`), note the time, read them again soon. */
export async function acceptCallback(ids: readonly string[]): Promise<void> {
  const db = await getDb();
  const { addedIds } = await addToLibrary(db, ids, "webhook");
  if (addedIds.length > 0) publishLive({ type: "added", ids: addedIds });
  libraryReader().readSoon(ids);
  // The time is for the gallery's "last callback" line: neither the answer nor the card waits for it.
  recordCallback(db, ids).catch((error: unknown) => {
    console.error("The callback's time was not stored:", error instanceof Error ? error.message : "unknown error");
  });
}
