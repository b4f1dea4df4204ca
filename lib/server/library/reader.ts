import "server-only";
import { getDb, type Db } from "@/lib/server/db/client";
import { recordReads, unreadIds } from "@/lib/server/db/library";
import { serverEnv } from "@/lib/server/env";
import { GatewayError } from "@/lib/server/gateway/errors";
import { loadTasks, type LoadResult } from "@/lib/server/gateway/loader";
import { gatewayApiError } from "@/lib/server/http/gateway-errors";
import { ApiError } from "@/lib/server/http/errors";
import { publishLive } from "@/lib/server/live/hub";
import type { LiveEvent } from "@/lib/server/live/events";
import { processSingleton } from "@/lib/server/process-singleton";
import type { UpstreamErrorInfo } from "@/lib/shared/task";
import { LEADER_RETRY_MS, libraryLeadership, sharedDatabase } from "./leadership";

// Reads library ids from the upstream in the background: those not read yet (however they were
// added) and those a callback named. One call at a time, ≤ 50 ids each, at least `gapMs` apart:
// 5,000 new ids take 100 calls over ~40 s instead of a burst. Upstream failures leave the ids
// unread and back off; the next attempt reads them again, so nothing accepted is lost.
// Several instances on one database: ids named here (a paste, a callback) are read by the instance
// that got them, but only the leader (lib/server/db/leader-lock.ts) scans for unread ids, and it
// looks again every `rescanMs` for ids that other instances added.

export const READ_BATCH_SIZE = 50;

export interface ReaderDeps {
  db: () => Promise<Db>;
  load: (ids: readonly string[]) => Promise<LoadResult>;
  publish: (event: LiveEvent) => void;
  /** Least time between two upstream calls. */
  gapMs?: number;
  /** First and longest wait after a failure (doubling in between). */
  backoffMs?: { min: number; max: number };
  onError?: (error: unknown) => void;
  /** Whether this instance may scan for unread ids; default: always (one process per database). */
  isLeader?: () => Promise<boolean>;
  /** While idle, look for unread ids again this often (ids another instance added); default: never. */
  rescanMs?: number;
}

export interface LibraryReader {
  /** Something may be unread: look now (cheap when there is nothing). */
  wake(): void;
  /** Read these ids soon, even if they were read before (a callback says they changed). */
  readSoon(ids: readonly string[]): void;
  /** Resolves when nothing is queued or unread (tests, benchmarks). */
  idle(): Promise<void>;
  stop(): void;
}

function errorInfo(error: unknown): UpstreamErrorInfo {
  const apiError = error instanceof GatewayError ? gatewayApiError(error) : error instanceof ApiError ? error : null;
  return apiError ? { code: apiError.code, message: apiError.message } : { code: "internal_error", message: "The library could not be read from the upstream." };
}

export function createLibraryReader(deps: ReaderDeps): LibraryReader {
  const gapMs = deps.gapMs ?? 400;
  const backoff = deps.backoffMs ?? { min: 1000, max: 60_000 };
  const wanted = new Set<string>();
  let running = false;
  let stopped = false;
  let nudged = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let idleWaiters: (() => void)[] = [];

  async function mayScan(): Promise<boolean> {
    if (!deps.isLeader) return true;
    try {
      return await deps.isLeader();
    } catch (error) {
      deps.onError?.(error);
      return false;
    }
  }

  async function nextBatch(db: Db): Promise<string[]> {
    const batch = [...wanted].slice(0, READ_BATCH_SIZE);
    if (batch.length < READ_BATCH_SIZE && (await mayScan())) {
      for (const id of await unreadIds(db, READ_BATCH_SIZE)) {
        if (batch.length >= READ_BATCH_SIZE) break;
        if (!batch.includes(id)) batch.push(id);
      }
    }
    return batch;
  }

  /** One upstream call; → whether it went well. */
  async function readOnce(db: Db, batch: string[]): Promise<boolean> {
    for (const id of batch) wanted.delete(id);
    let result: LoadResult;
    try {
      result = await deps.load(batch);
    } catch (error) {
      for (const id of batch) wanted.add(id);
      deps.publish({ type: "unavailable", ids: batch, error: errorInfo(error) });
      throw error;
    }
    await recordReads(db, result.tasks, result.notFound);
    for (const task of result.tasks) deps.publish({ type: "task", task });
    if (result.notFound.length > 0) deps.publish({ type: "notFound", ids: result.notFound });
    if (result.unavailable.length > 0) {
      for (const id of result.unavailable) wanted.add(id);
      deps.publish({ type: "unavailable", ids: result.unavailable, error: errorInfo(result.error) });
      return false;
    }
    return true;
  }

  /** An idle look later; unlike `schedule`, idle() does not wait for it. */
  let rescanTimer: ReturnType<typeof setTimeout> | null = null;
  function rescan(delayMs: number): void {
    if (stopped || rescanTimer) return;
    rescanTimer = setTimeout(() => {
      rescanTimer = null;
      wake();
    }, delayMs);
    rescanTimer.unref?.();
  }

  function schedule(delayMs: number): void {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void run();
    }, delayMs);
    timer.unref?.();
  }

  async function run(): Promise<void> {
    if (running || stopped) return;
    running = true;
    nudged = false;
    let delay: number | null = null;
    try {
      const db = await deps.db();
      const batch = await nextBatch(db);
      if (batch.length > 0) {
        const ok = await readOnce(db, batch);
        failures = ok ? 0 : failures + 1;
        delay = ok ? gapMs : Math.min(backoff.max, backoff.min * 2 ** (failures - 1));
      }
    } catch (error) {
      failures += 1;
      delay = Math.min(backoff.max, backoff.min * 2 ** (failures - 1));
      deps.onError?.(error);
    } finally {
      running = false;
    }
    if (delay !== null) schedule(delay);
    else if (nudged) schedule(0);
    else {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
      if (deps.rescanMs) rescan(deps.rescanMs);
    }
  }

  function wake(): void {
    nudged = true;
    if (!running && !timer) schedule(0);
  }

  return {
    wake,
    readSoon(ids) {
      for (const id of ids) wanted.add(id);
      wake();
    },
    idle() {
      if (!running && !timer && wanted.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (rescanTimer) clearTimeout(rescanTimer);
      timer = null;
      rescanTimer = null;
    },
  };
}

/** The process's reader, made (and woken, for ids left unread by a previous run) on first use. */
export function libraryReader(): LibraryReader {
  return processSingleton("library-reader", () => {
    const reader = createLibraryReader({
      db: getDb,
      load: loadTasks,
      publish: publishLive,
      gapMs: serverEnv().LIBRARY_READ_GAP_MS,
      isLeader: () => libraryLeadership().held(),
      rescanMs: sharedDatabase() ? LEADER_RETRY_MS : undefined,
      onError: (error) => console.error("Library reader:", error instanceof Error ? error.message : "unknown error"),
    });
    reader.wake();
    return reader;
  });
}
