import "server-only";
import type { Task } from "@/lib/shared/task";
import type { GatewayConfig } from "../env";
import { ACCOUNT_PAGE_SIZE, listAccount, type AccountPage } from "./official-client";

// Lists an official Luma account into the library (SPEC §1b, issue 12 item 3): the whole history
// at start, then every few minutes only until a page brings nothing new. The library is a
// parameter, so this module knows nothing of the database.

/** Adds ids to the library with the given source; says how many were new. */
export type AddToLibrary = (ids: string[], source: "provider", tasks: Task[]) => Promise<{ added: number }>;

export interface SyncResult {
  pages: number;
  listed: number;
  added: number;
}

export interface SyncOptions {
  /** `true`: list every page; `false`: stop after the first page that adds nothing. */
  full: boolean;
  pageSize?: number;
  /** A safety stop for accounts larger than anyone would list in one go. */
  maxPages?: number;
  list?: (config: GatewayConfig, page: { limit: number; offset: number }) => Promise<AccountPage>;
}

export async function syncAccount(config: GatewayConfig, add: AddToLibrary, options: SyncOptions): Promise<SyncResult> {
  const pageSize = options.pageSize ?? ACCOUNT_PAGE_SIZE;
  const maxPages = options.maxPages ?? 1000;
  const list = options.list ?? listAccount;
  const result: SyncResult = { pages: 0, listed: 0, added: 0 };
  for (let offset = 0; result.pages < maxPages; offset += pageSize) {
    const page = await list(config, { limit: pageSize, offset });
    result.pages += 1;
    result.listed += page.tasks.length;
    const { added } = page.tasks.length > 0 ? await add(page.tasks.map((t) => t.id), "provider", page.tasks) : { added: 0 };
    result.added += added;
    if (!page.hasMore || page.tasks.length === 0) break;
    if (!options.full && added === 0) break;
  }
  return result;
}

/** How the last sync went: when it ended, and what it brought or why it failed. */
export type LastSync = { at: number; result: SyncResult } | { at: number; error: string };

export interface AccountSyncer {
  /** One sync now (the "Sync" action); joins a sync already running instead of starting another. */
  syncNow(full?: boolean): Promise<SyncResult>;
  stop(): void;
  lastResult(): LastSync | null;
}

export interface AccountSyncOptions {
  intervalMs?: number;
  pageSize?: number;
  /** Whether this instance runs the background syncs (one instance of several sharing a database); default: yes. */
  isLeader?: () => Promise<boolean>;
  list?: SyncOptions["list"];
  /** Told after every sync, background or asked for (to keep it where every instance sees it). */
  onResult?: (last: LastSync) => void;
}

/**
 * A full sync at once, then a quick one every `intervalMs` (default five minutes), on the leading
 * instance only; "Sync" (`syncNow`) runs wherever it is asked.
 */
export function startAccountSync(config: GatewayConfig, add: AddToLibrary, options: AccountSyncOptions = {}): AccountSyncer {
  let running: Promise<SyncResult> | null = null;
  let last: ReturnType<AccountSyncer["lastResult"]> = null;
  let fullDone = false;

  const syncNow = (full = !fullDone): Promise<SyncResult> => {
    running ??= syncAccount(config, add, { full, pageSize: options.pageSize, list: options.list })
      .then((result) => {
        if (full) fullDone = true;
        last = { at: Date.now(), result };
        options.onResult?.(last);
        return result;
      })
      .catch((error: unknown) => {
        last = { at: Date.now(), error: error instanceof Error ? error.message : "sync failed" };
        options.onResult?.(last);
        throw error;
      })
      .finally(() => { running = null; });
    return running;
  };

  // A failed background sync is kept in lastResult and tried again at the next tick.
  const tick = () => {
    (options.isLeader ? options.isLeader() : Promise.resolve(true))
      .then((leads) => (leads ? syncNow() : undefined))
      .catch(() => undefined);
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? 5 * 60_000);
  timer.unref?.();
  return { syncNow, stop: () => clearInterval(timer), lastResult: () => last };
}
