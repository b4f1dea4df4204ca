import "server-only";
import DataLoader from "dataloader";
import { LRUCache } from "lru-cache";
import type { Task } from "@/lib/tasks/task";
import { fetchTasks, UPSTREAM_BATCH_SIZE } from "./client";
import { serverEnv } from "./env";
import { createMemoryTaskCache, type TaskCache } from "./task-cache";

/** Ids asked for within this window are merged into one upstream call. */
const COALESCE_WINDOW_MS = 15;
const REFRESH_MIN_GAP_MS = 60_000;

interface LoaderState {
  cache: TaskCache;
  loader: DataLoader<string, Task | null>;
  lastRefresh: LRUCache<string, number>;
}

function createState(cache: TaskCache): LoaderState {
  const loader = new DataLoader<string, Task | null>(
    async (ids) => {
      const found = await fetchTasks(ids);
      const results = new Map<string, Task | null>(ids.map((id) => [id, found.get(id) ?? null]));
      await cache.setMany(results, serverEnv().LUMA_POLL_INTERVAL_MS);
      return ids.map((id) => results.get(id) ?? null);
    },
    {
      maxBatchSize: UPSTREAM_BATCH_SIZE,
      batchScheduleFn: (callback) => setTimeout(callback, COALESCE_WINDOW_MS),
    },
  );
  return { cache, loader, lastRefresh: new LRUCache({ max: 10_000 }) };
}

// One state per server process, kept on globalThis so dev-mode module reloads do not fork it.
const globalKey = Symbol.for("luma-gallery.loader");
type GlobalWithLoader = typeof globalThis & { [globalKey]?: LoaderState };

function state(): LoaderState {
  const g = globalThis as GlobalWithLoader;
  g[globalKey] ??= createState(createMemoryTaskCache());
  return g[globalKey];
}

/** Goes upstream, sharing the call with every concurrent request for the same ids. */
async function loadFresh(s: LoaderState, ids: readonly string[]): Promise<Map<string, Task | null>> {
  const promises = ids.map((id) => s.loader.load(id).finally(() => s.loader.clear(id)));
  const settled = await Promise.allSettled(promises);
  const out = new Map<string, Task | null>();
  settled.forEach((result, i) => {
    if (result.status === "rejected") throw result.reason;
    out.set(ids[i]!, result.value);
  });
  return out;
}

export interface LoadResult {
  tasks: Task[];
  notFound: string[];
}

/** Tasks for distinct lower-case ids, in the order asked; from cache where the cache may answer. */
export async function loadTasks(ids: readonly string[]): Promise<LoadResult> {
  const s = state();
  const cachingOn = serverEnv().LUMA_CACHE === "on";
  const cached = cachingOn ? await s.cache.getMany(ids) : new Map();
  const misses = ids.filter((id) => !cached.has(id));
  const fresh = misses.length > 0 ? await loadFresh(s, misses) : new Map<string, Task | null>();
  const tasks: Task[] = [];
  const notFound: string[] = [];
  for (const id of ids) {
    const task = cached.has(id) ? cached.get(id)!.task : fresh.get(id);
    if (task) tasks.push(task);
    else notFound.push(id);
  }
  return { tasks, notFound };
}

/**
 * One task; `refresh` skips the cache to get fresh media URLs — the first time at once, later at
 * most once a minute per task, so a broken player cannot turn into a stream of upstream calls.
 */
export async function loadTask(id: string, options: { refresh?: boolean } = {}): Promise<Task | null> {
  const s = state();
  if (options.refresh) {
    const last = s.lastRefresh.get(id);
    if (last === undefined || Date.now() - last >= REFRESH_MIN_GAP_MS) {
      s.lastRefresh.set(id, Date.now());
      const fresh = await loadFresh(s, [id]);
      return fresh.get(id) ?? null;
    }
  }
  const { tasks } = await loadTasks([id]);
  return tasks[0] ?? null;
}

/** Test and benchmark hook: start from an empty cache. */
export function resetLoader(cache: TaskCache = createMemoryTaskCache()): void {
  (globalThis as GlobalWithLoader)[globalKey] = createState(cache);
}
