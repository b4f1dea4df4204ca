import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { appState } from "./schema";

const LAST_CALLBACK = "last_callback";

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
