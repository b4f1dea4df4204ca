import "server-only";
import { randomUUID } from "node:crypto";
import { LRUCache } from "lru-cache";
import { processSingleton } from "@/lib/server/process-singleton";

/** A registered watch outlives its last stream by this much, so a reconnect finds it. */
const KEEP_MS = 5 * 60_000;

const watches = processSingleton("watches", () => new LRUCache<string, readonly string[]>({ max: 2_000, ttl: KEEP_MS, updateAgeOnGet: true }));

/** Registers a set of ids too large for a URL; the stream names it with `?watch=`. */
export function createWatch(ids: readonly string[]): string {
  const id = randomUUID();
  watches.set(id, ids);
  return id;
}

export function getWatch(id: string): readonly string[] | null {
  return watches.get(id) ?? null;
}

/** Keeps a watch alive while a stream uses it. */
export function touchWatch(id: string): void {
  watches.get(id);
}
