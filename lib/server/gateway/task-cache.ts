import "server-only";
import { LRUCache } from "lru-cache";
import { isFinished, type Task } from "@/lib/shared/task";
import { taskJson } from "@/lib/shared/task-json";
import { taskMediaExpiry } from "./media-expiry";

/** What the server knows of one id: the task, or `null` for "the gateway does not know it". */
export interface CacheEntry {
  task: Task | null;
}

/** Refresh presigned media this long before it expires, so a viewer never gets a dead URL. */
export const MEDIA_REFRESH_MARGIN_MS = 5 * 60_000;
const FOREVER_MS = 7 * 24 * 3600_000;

/** Reuse window for unfinished tasks and "not found": about half the poll interval. */
export function shortTtlMs(pollIntervalMs: number): number {
  return Math.max(250, Math.floor(pollIntervalMs / 2));
}

/**
 * How long an answer may be reused: finished tasks until shortly before their media expire (or a
 * week), unfinished ones and "not found" for about half the poll interval.
 */
export function entryTtlMs(task: Task | null, pollIntervalMs: number, now = Date.now()): number {
  const shortTtl = shortTtlMs(pollIntervalMs);
  if (!task || !isFinished(task)) return shortTtl;
  const expiry = taskMediaExpiry(task);
  if (expiry === null) return FOREVER_MS;
  return Math.max(shortTtl, expiry - MEDIA_REFRESH_MARGIN_MS - now);
}

export interface TaskCache {
  getMany(ids: readonly string[]): Promise<Map<string, CacheEntry>>;
  setMany(entries: ReadonlyMap<string, Task | null>, pollIntervalMs: number): Promise<void>;
  /** Present on caches shared by several instances, so only one of them asks the gateway. */
  fleet?: FleetCoordinator;
}

export interface FleetCoordinator {
  /** Claims the right to fetch these ids; returns those claimed (the rest are in flight elsewhere). */
  claim(ids: readonly string[]): Promise<Set<string>>;
  /** Gives the claims back once the answers are cached (or the fetch failed). */
  release(ids: readonly string[]): Promise<void>;
  /** Waits, for a bounded time, for another instance to cache these ids; returns those that came. */
  waitFor(ids: readonly string[]): Promise<Map<string, CacheEntry>>;
}

/** The in-process cache; `put` lets a shared cache seed it with an entry's remaining lifetime. */
export interface MemoryTaskCache extends TaskCache {
  put(id: string, entry: CacheEntry, ttlMs: number): void;
}

export function createMemoryTaskCache(options: { maxEntries?: number; maxBytes?: number } = {}): MemoryTaskCache {
  const lru = new LRUCache<string, CacheEntry>({
    max: options.maxEntries ?? 20_000,
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    // A rough byte count is enough to stop a flood of big tasks from eating the heap. The JSON is
    // memoised, so the answers that later serve this task reuse it instead of serialising again.
    sizeCalculation: (entry) => (entry.task ? taskJson(entry.task).length : 64),
  });
  const put = (id: string, entry: CacheEntry, ttlMs: number) => {
    if (ttlMs > 0) lru.set(id, entry, { ttl: ttlMs });
  };
  return {
    put,
    async getMany(ids) {
      const out = new Map<string, CacheEntry>();
      for (const id of ids) {
        const entry = lru.get(id);
        if (entry) out.set(id, entry);
      }
      return out;
    },
    async setMany(entries, pollIntervalMs) {
      const now = Date.now();
      for (const [id, task] of entries) put(id, { task }, entryTtlMs(task, pollIntervalMs, now));
    },
  };
}
