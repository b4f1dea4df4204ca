import "server-only";
import DataLoader from "dataloader";
import { LRUCache } from "lru-cache";
import { processSingleton, replaceProcessSingleton } from "@/lib/server/process-singleton";
import type { Task } from "@/lib/shared/task";
import { fetchTasks, UPSTREAM_BATCH_SIZE } from "./client";
import { serverEnv } from "../env";
import { createRedisTaskCache } from "./redis-task-cache";
import { createMemoryTaskCache, type CacheEntry, type TaskCache } from "./task-cache";

/** Ids asked for within this window are merged into one upstream call. */
const COALESCE_WINDOW_MS = 15;
const REFRESH_MIN_GAP_MS = 60_000;

export interface LoadResult {
  tasks: Task[];
  notFound: string[];
}

export interface TaskLoader {
  /** Tasks for distinct lower-case ids, in the order asked; from cache where the cache may answer. */
  loadTasks(ids: readonly string[]): Promise<LoadResult>;
  /**
   * One task; `refresh` skips the cache to get fresh media URLs — the first time at once, later at
   * most once a minute per task, so a broken player cannot turn into a stream of upstream calls.
   */
  loadTask(id: string, options?: { refresh?: boolean }): Promise<Task | null>;
}

function toResult(ids: readonly string[], lookup: (id: string) => Task | null | undefined): LoadResult {
  const tasks: Task[] = [];
  const notFound: string[] = [];
  for (const id of ids) {
    const task = lookup(id);
    if (task) tasks.push(task);
    else notFound.push(id);
  }
  return { tasks, notFound };
}

/** `LUMA_CACHE=off`: every request goes upstream on its own — the baseline the benchmark compares. */
async function loadNaive(ids: readonly string[]): Promise<LoadResult> {
  const found = await fetchTasks(ids);
  return toResult(ids, (id) => found.get(id));
}

/**
 * Asks the gateway and caches the answers. With a shared cache, ids another instance is fetching at
 * this moment are waited for (briefly) instead of asked for twice.
 */
async function fetchForFleet(cache: TaskCache, ids: readonly string[]): Promise<Map<string, Task | null>> {
  const pollIntervalMs = serverEnv().LUMA_POLL_INTERVAL_MS;
  const fetchAndStore = async (wanted: readonly string[]) => {
    const found = await fetchTasks(wanted);
    const answers = new Map<string, Task | null>(wanted.map((id) => [id, found.get(id) ?? null]));
    await cache.setMany(answers, pollIntervalMs);
    return answers;
  };
  const fleet = cache.fleet;
  if (!fleet) return fetchAndStore(ids);

  const mine = await fleet.claim(ids);
  const theirs = ids.filter((id) => !mine.has(id));
  const [fetched, shared] = await Promise.all([
    mine.size > 0 ? fetchAndStore([...mine]).finally(() => fleet.release([...mine])) : new Map<string, Task | null>(),
    theirs.length > 0 ? fleet.waitFor(theirs) : new Map<string, CacheEntry>(),
  ]);
  const results = new Map(fetched);
  for (const [id, entry] of shared) results.set(id, entry.task);
  const late = theirs.filter((id) => !shared.has(id));
  if (late.length > 0) for (const [id, task] of await fetchAndStore(late)) results.set(id, task);
  return results;
}

/**
 * A loader over one cache. Misses go through a DataLoader: ids asked for within 15 ms share one
 * batched upstream call (≤ 50 ids each), and a request for an id already in flight joins that call.
 */
export function createTaskLoader(cache: TaskCache): TaskLoader {
  const lastRefresh = new LRUCache<string, number>({ max: 10_000 });
  const loader: DataLoader<string, Task | null> = new DataLoader<string, Task | null>(
    async (ids) => {
      const results = await fetchForFleet(cache, ids);
      // The in-flight promises have done their job: from now on the cache answers (with its TTLs),
      // and a refresh or an expired entry starts a new call instead of reusing this one.
      for (const id of ids) loader.clear(id);
      return ids.map((id) => results.get(id) ?? null);
    },
    {
      maxBatchSize: UPSTREAM_BATCH_SIZE,
      batchScheduleFn: (callback) => setTimeout(callback, COALESCE_WINDOW_MS),
    },
  );

  /** Goes upstream, sharing the call with every concurrent request for the same ids. */
  async function loadFresh(ids: readonly string[]): Promise<Map<string, Task | null>> {
    const values = await Promise.all(ids.map((id) => loader.load(id)));
    return new Map(ids.map((id, i) => [id, values[i] ?? null]));
  }

  async function loadTasks(ids: readonly string[]): Promise<LoadResult> {
    if (serverEnv().LUMA_CACHE === "off") return loadNaive(ids);
    const cached = await cache.getMany(ids);
    const misses = cached.size === ids.length ? [] : ids.filter((id) => !cached.has(id));
    const fresh = misses.length > 0 ? await loadFresh(misses) : null;
    return toResult(ids, (id) => cached.get(id)?.task ?? fresh?.get(id));
  }

  async function loadTask(id: string, options: { refresh?: boolean } = {}): Promise<Task | null> {
    if (options.refresh && serverEnv().LUMA_CACHE === "on") {
      const last = lastRefresh.get(id);
      const now = Date.now();
      if (last === undefined || now - last >= REFRESH_MIN_GAP_MS) {
        lastRefresh.set(id, now);
        return (await loadFresh([id])).get(id) ?? null;
      }
    }
    const { tasks } = await loadTasks([id]);
    return tasks[0] ?? null;
  }

  return { loadTasks, loadTask };
}

/** Redis when `REDIS_URL` is set (shared by every instance), else in-process only. */
function defaultCache(): TaskCache {
  const url = serverEnv().REDIS_URL;
  return url ? createRedisTaskCache({ url }) : createMemoryTaskCache();
}

// One loader per server process: pages, route handlers and the custom server's direct route share
// its cache and its in-flight calls (and dev-mode module reloads do not fork it).
const current = (): TaskLoader => processSingleton("loader", () => createTaskLoader(defaultCache()));

export const loadTasks = (ids: readonly string[]): Promise<LoadResult> => current().loadTasks(ids);

export const loadTask = (id: string, options?: { refresh?: boolean }): Promise<Task | null> => current().loadTask(id, options);

/** Test and benchmark hook: start from an empty cache (or the one given). */
export function resetLoader(cache: TaskCache = createMemoryTaskCache()): void {
  replaceProcessSingleton("loader", createTaskLoader(cache));
}
