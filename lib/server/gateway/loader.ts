import "server-only";
import DataLoader from "dataloader";
import { LRUCache } from "lru-cache";
import { processSingleton, replaceProcessSingleton } from "@/lib/server/process-singleton";
import type { Task } from "@/lib/shared/task";
import { serverEnv } from "../env";
import { fetchTasksSettled, UPSTREAM_BATCH_SIZE } from "./client";
import { GatewayError } from "./errors";
import { createRedisTaskCache } from "./redis-task-cache";
import { createMemoryTaskCache, type CacheEntry, type TaskCache } from "./task-cache";

/** Ids asked for within this window are merged into one upstream call. */
const COALESCE_WINDOW_MS = 15;
const REFRESH_MIN_GAP_MS = 60_000;

export interface LoadResult {
  /** Every task the server knows of: fresh, or the last state seen where the upstream failed now. */
  tasks: Task[];
  notFound: string[];
  /** Ids the upstream could not answer for now and the server knows nothing of. */
  unavailable: string[];
  /** Why some ids could not be read now (set whenever the upstream failed for any of them). */
  error: GatewayError | null;
}

export interface TaskLoader {
  /**
   * Tasks for distinct lower-case ids, in the order asked; from cache where the cache may answer.
   * Throws a GatewayError only when the upstream failed and nothing at all can be said.
   */
  loadTasks(ids: readonly string[]): Promise<LoadResult>;
  /**
   * One task; `refresh` skips the cache to get fresh media URLs — the first time at once, later at
   * most once a minute per task, so a broken player cannot turn into a stream of upstream calls.
   */
  loadTask(id: string, options?: { refresh?: boolean }): Promise<Task | null>;
}

/**
 * Finished tasks kept elsewhere (the library's snapshots): asked for cache misses before the
 * upstream, so a restart costs no upstream call for them.
 */
export type SnapshotSource = (ids: readonly string[]) => Promise<Map<string, Task>>;

const snapshots = processSingleton("loader-snapshots", (): { source: SnapshotSource | null } => ({ source: null }));

export function setSnapshotSource(source: SnapshotSource | null): void {
  snapshots.source = source;
}

async function fromSnapshots(ids: readonly string[]): Promise<Map<string, Task>> {
  if (!snapshots.source || ids.length === 0) return new Map();
  try {
    return await snapshots.source(ids);
  } catch {
    // The snapshots are an economy, not a source of truth: the upstream answers instead.
    return new Map();
  }
}

/** The upstream's answer for one id: the task, `null` (not found) or the failure of its call. */
type Answer = Task | null | GatewayError;

/**
 * Sorts answers into the result. A failed id shows the last state this process saw of it, so a view
 * keeps what it knew through an outage; only when nothing at all can be said does the read fail.
 */
function toResult(ids: readonly string[], answerFor: (id: string) => Answer | undefined, lastKnown: (id: string) => Task | undefined): LoadResult {
  const result: LoadResult = { tasks: [], notFound: [], unavailable: [], error: null };
  for (const id of ids) {
    const answer = answerFor(id);
    if (answer instanceof GatewayError || answer === undefined) {
      if (answer) result.error ??= answer;
      const known = lastKnown(id);
      if (known) result.tasks.push(known);
      else result.unavailable.push(id);
    } else if (answer) result.tasks.push(answer);
    else result.notFound.push(id);
  }
  if (result.error && result.tasks.length === 0 && result.notFound.length === 0) throw result.error;
  return result;
}

async function fetchAnswers(ids: readonly string[]): Promise<Map<string, Answer>> {
  const { found, failed, error } = await fetchTasksSettled(ids);
  const failedIds = new Set(failed);
  return new Map(ids.map((id): [string, Answer] => [id, error && failedIds.has(id) ? error : (found.get(id) ?? null)]));
}

/**
 * Asks the gateway and caches the answers (failures are not cached). With a shared cache, ids
 * another instance is fetching at this moment are waited for (briefly) instead of asked for twice.
 */
async function fetchForFleet(cache: TaskCache, ids: readonly string[]): Promise<Map<string, Answer>> {
  const pollIntervalMs = serverEnv().LUMA_POLL_INTERVAL_MS;
  const fetchAndStore = async (wanted: readonly string[]) => {
    const answers = await fetchAnswers(wanted);
    const good = new Map<string, Task | null>();
    for (const [id, answer] of answers) if (!(answer instanceof GatewayError)) good.set(id, answer);
    await cache.setMany(good, pollIntervalMs);
    return answers;
  };
  const fleet = cache.fleet;
  if (!fleet) return fetchAndStore(ids);

  const mine = await fleet.claim(ids);
  const theirs = ids.filter((id) => !mine.has(id));
  const [fetched, shared] = await Promise.all([
    mine.size > 0 ? fetchAndStore([...mine]).finally(() => fleet.release([...mine])) : new Map<string, Answer>(),
    theirs.length > 0 ? fleet.waitFor(theirs) : new Map<string, CacheEntry>(),
  ]);
  const results = new Map(fetched);
  for (const [id, entry] of shared) results.set(id, entry.task);
  const late = theirs.filter((id) => !shared.has(id));
  if (late.length > 0) for (const [id, answer] of await fetchAndStore(late)) results.set(id, answer);
  return results;
}

/**
 * A loader over one cache. Misses go through a DataLoader: ids asked for within 15 ms share one
 * batched upstream call (≤ 50 ids each), and a request for an id already in flight joins that call.
 */
export function createTaskLoader(cache: TaskCache): TaskLoader {
  const lastRefresh = new LRUCache<string, number>({ max: 10_000 });
  const lastKnown = new LRUCache<string, Task>({ max: 20_000 });
  const loader: DataLoader<string, Task | null> = new DataLoader<string, Task | null>(
    async (ids) => {
      const results = await fetchForFleet(cache, ids);
      // The in-flight promises have done their job: from now on the cache answers (with its TTLs),
      // and a refresh or an expired entry starts a new call instead of reusing this one.
      for (const id of ids) loader.clear(id);
      for (const answer of results.values()) if (answer && !(answer instanceof GatewayError)) lastKnown.set(answer.id, answer);
      // DataLoader rejects the load of an id whose value is an Error, and only that one.
      return ids.map((id) => results.get(id) ?? null);
    },
    {
      maxBatchSize: UPSTREAM_BATCH_SIZE,
      batchScheduleFn: (callback) => setTimeout(callback, COALESCE_WINDOW_MS),
    },
  );

  /** Goes upstream, sharing the call with every concurrent request for the same ids. */
  async function loadFresh(ids: readonly string[]): Promise<Map<string, Answer>> {
    const settled = await Promise.allSettled(ids.map((id) => loader.load(id)));
    return new Map(
      ids.map((id, i): [string, Answer] => {
        const result = settled[i]!;
        if (result.status === "fulfilled") return [id, result.value];
        if (result.reason instanceof GatewayError) return [id, result.reason];
        throw result.reason;
      }),
    );
  }

  async function loadTasks(ids: readonly string[]): Promise<LoadResult> {
    const cached = await cache.getMany(ids);
    let misses = cached.size === ids.length ? [] : ids.filter((id) => !cached.has(id));
    if (misses.length > 0) {
      const kept = await fromSnapshots(misses);
      if (kept.size > 0) {
        await cache.setMany(kept, serverEnv().LUMA_POLL_INTERVAL_MS);
        for (const [id, task] of kept) cached.set(id, { task });
        misses = misses.filter((id) => !kept.has(id));
      }
    }
    for (const entry of cached.values()) if (entry.task) lastKnown.set(entry.task.id, entry.task);
    const fresh = misses.length > 0 ? await loadFresh(misses) : null;
    return toResult(
      ids,
      (id) => {
        const entry = cached.get(id);
        return entry ? entry.task : fresh?.get(id);
      },
      (id) => lastKnown.get(id),
    );
  }

  async function loadTask(id: string, options: { refresh?: boolean } = {}): Promise<Task | null> {
    if (options.refresh) {
      const last = lastRefresh.get(id);
      const now = Date.now();
      if (last === undefined || now - last >= REFRESH_MIN_GAP_MS) {
        lastRefresh.set(id, now);
        const answer = (await loadFresh([id])).get(id) ?? null;
        if (answer instanceof GatewayError) throw answer;
        return answer;
      }
    }
    const result = await loadTasks([id]);
    if (result.unavailable.length > 0 && result.error) throw result.error;
    return result.tasks[0] ?? null;
  }

  return { loadTasks, loadTask };
}

/** Redis when `REDIS_URL` is set (shared by every instance), else in-process only. */
function defaultCache(): TaskCache {
  const url = serverEnv().REDIS_URL;
  return url ? createRedisTaskCache({ url }) : createMemoryTaskCache();
}

// One loader per server process: pages, route handlers and the watcher share its cache and its
// in-flight calls (and dev-mode module reloads do not fork it).
const current = (): TaskLoader => processSingleton("loader", () => createTaskLoader(defaultCache()));

export const loadTasks = (ids: readonly string[]): Promise<LoadResult> => current().loadTasks(ids);

export const loadTask = (id: string, options?: { refresh?: boolean }): Promise<Task | null> => current().loadTask(id, options);

/** Test and benchmark hook: start from an empty cache (or the one given). */
export function resetLoader(cache: TaskCache = createMemoryTaskCache()): void {
  replaceProcessSingleton("loader", createTaskLoader(cache));
}
