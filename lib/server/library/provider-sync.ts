import "server-only";
import { getDb } from "@/lib/server/db/client";
import { recordAccountSync, type AccountSyncRecord } from "@/lib/server/db/app-state";
import { addToLibrary, recordReads } from "@/lib/server/db/library";
import { gatewayConfig } from "@/lib/server/env";
import { startAccountSync, type AccountSyncer, type AddToLibrary, type LastSync } from "@/lib/server/gateway/account-sync";
import { publishLive } from "@/lib/server/live/hub";
import { processSingleton } from "@/lib/server/process-singleton";
import { libraryLeadership } from "./leadership";

// LUMA_PROVIDER=official: the account's generations join the library (source `provider`) at start
// and every few minutes, and on the gallery's "Sync". The listing already holds each generation,
// so it is stored as read at once instead of being asked for again one GET at a time.

const addListed: AddToLibrary = async (ids, source, tasks) => {
  const db = await getDb();
  const { added, addedIds } = await addToLibrary(db, ids, source);
  await recordReads(db, tasks, []);
  if (addedIds.length > 0) publishLive({ type: "added", ids: addedIds });
  return { added };
};

export function syncRecord(last: LastSync): AccountSyncRecord {
  const at = new Date(last.at).toISOString();
  return "error" in last ? { at, added: null, error: last.error } : { at, added: last.result.added, error: null };
}

/** Kept in the database, so every instance's gallery shows when the account was last synced. */
function keepLastSync(last: LastSync): void {
  getDb()
    .then((db) => recordAccountSync(db, syncRecord(last)))
    .catch((error: unknown) => console.error(`The account sync's time was not stored: ${error instanceof Error ? error.message : "unknown error"}`));
}

const state = processSingleton("account-sync", () => ({ syncer: null as AccountSyncer | null }));

/** The running account sync; started on first use. `null` unless LUMA_PROVIDER=official is configured. */
export function accountSyncer(): AccountSyncer | null {
  const config = gatewayConfig();
  if (config?.provider !== "official") return null;
  state.syncer ??= startAccountSync(config, addListed, { isLeader: () => libraryLeadership().held(), onResult: keepLastSync });
  return state.syncer;
}
