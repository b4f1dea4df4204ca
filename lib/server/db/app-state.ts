import "server-only";
import { eq } from "drizzle-orm";
import type { AccountSyncView } from "@/lib/shared/library-query";
import type { Db } from "./client";
import { appState } from "./schema";

const LAST_CALLBACK = "last_callback";
const LAST_ACCOUNT_SYNC = "last_account_sync";

export type AccountSyncRecord = AccountSyncView;

export async function recordCallback(db: Db, ids: readonly string[], at = new Date()): Promise<void> {
  const value = { at: at.toISOString(), ids: ids.slice(0, 10) };
  await db
    .insert(appState)
    .values({ key: LAST_CALLBACK, value, updatedAt: at })
    .onConflictDoUpdate({ target: appState.key, set: { value, updatedAt: at } });
}

/** When the last callback arrived, `null` before the first. */
export async function lastCallbackAt(db: Db): Promise<string | null> {
  const [row] = await db.select({ updatedAt: appState.updatedAt }).from(appState).where(eq(appState.key, LAST_CALLBACK));
  return row ? row.updatedAt.toISOString() : null;
}

export async function recordAccountSync(db: Db, record: AccountSyncRecord): Promise<void> {
  const at = new Date(record.at);
  await db
    .insert(appState)
    .values({ key: LAST_ACCOUNT_SYNC, value: record, updatedAt: at })
    .onConflictDoUpdate({ target: appState.key, set: { value: record, updatedAt: at } });
}

/** `null` before the first sync. */
export async function lastAccountSync(db: Db): Promise<AccountSyncRecord | null> {
  const [row] = await db.select({ value: appState.value }).from(appState).where(eq(appState.key, LAST_ACCOUNT_SYNC));
  return row ? (row.value as AccountSyncRecord) : null;
}
