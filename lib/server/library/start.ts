import "server-only";
import { database, getDb } from "@/lib/server/db/client";
import { finishedSnapshots, recordReads, unfinishedLibraryIds } from "@/lib/server/db/library";
import { setSnapshotSource } from "@/lib/server/gateway/loader";
import { MEDIA_REFRESH_MARGIN_MS } from "@/lib/server/gateway/task-cache";
import { extendWatcher } from "@/lib/server/live/process-watcher";
import { accountSyncer } from "./provider-sync";
import { libraryReader } from "./reader";

/** Where the library's rotation of unfinished tasks stands (the last id read). */
let rotation: string | null = null;
/** Until the database has opened (seconds, at start), reads do not wait for its snapshots. */
let open = false;

async function nextUnfinishedBatch(): Promise<string[]> {
  const db = await getDb();
  let batch = await unfinishedLibraryIds(db, rotation);
  if (batch.length === 0 && rotation !== null) batch = await unfinishedLibraryIds(db, null);
  rotation = batch.at(-1) ?? null;
  return batch;
}

/**
 * Opens the database and starts the reader (and, with LUMA_PROVIDER=official, the account sync), in
 * the background; a failure is logged, and retried on use. Plugs the library into the loader
 * (finished snapshots answer before the upstream) and the watcher (library streams watch the
 * unfinished tasks in rotation; every read updates snapshots).
 */
export function startLibrary(): void {
  setSnapshotSource(async (ids) => {
    if (!open) return new Map();
    const kept = await finishedSnapshots(await getDb(), ids);
    const freshUntil = Date.now() + MEDIA_REFRESH_MARGIN_MS;
    const usable = new Map();
    for (const [id, { task, mediaExpiresAt }] of kept) if (!mediaExpiresAt || mediaExpiresAt.getTime() > freshUntil) usable.set(id, task);
    return usable;
  });
  extendWatcher({
    libraryBatch: nextUnfinishedBatch,
    // Only what changed is written: an unchanged running task costs the database nothing per round.
    record: (tasks, notFound) => {
      if (!open) return;
      getDb()
        .then((db) => recordReads(db, tasks, notFound))
        .catch((error: unknown) => console.error(`Library snapshots not updated: ${error instanceof Error ? error.message : "unknown error"}`));
    },
  });
  database().then(
    () => {
      open = true;
      libraryReader();
      accountSyncer();
    },
    (error: unknown) => console.error(`The database could not be opened: ${error instanceof Error ? error.message : "unknown error"}`),
  );
}
