import "server-only";
import { serverEnv } from "@/lib/server/env";
import { loadTasks } from "@/lib/server/gateway/loader";
import { processSingleton } from "@/lib/server/process-singleton";
import { publishLive } from "./hub";
import { Watcher, type WatcherOptions } from "./watcher";

type Extension = Partial<Pick<WatcherOptions, "libraryBatch" | "isLeader" | "remote" | "record">>;

const extensions = processSingleton("watcher-extensions", (): Extension => ({}));

/**
 * Lets the library (its unfinished ids, in rotation) and a fleet (leadership, other instances'
 * wants) plug into the process's watcher without the watcher importing them. Call before the first
 * stream opens (instrumentation.ts does, at start).
 */
export function extendWatcher(extension: Extension): void {
  Object.assign(extensions, extension);
}

/** The process's one watcher: reads through the shared loader, publishes to the hub. */
export function processWatcher(): Watcher {
  return processSingleton(
    "watcher",
    () =>
      new Watcher({
        read: loadTasks,
        publish: publishLive,
        record: (tasks, notFound) => extensions.record?.(tasks, notFound),
        intervalMs: () => serverEnv().LUMA_POLL_INTERVAL_MS,
        libraryBatch: () => extensions.libraryBatch?.() ?? Promise.resolve([]),
        isLeader: () => extensions.isLeader?.() ?? true,
        ...(extensions.remote ? { remote: extensions.remote } : {}),
      }),
  );
}
