import { chunk } from "./ids";
import { isFinished, type Task } from "./task";

export const DEFAULT_POLL_INTERVAL_MS = 5000;
export const MAX_POLL_INTERVAL_MS = 60_000;

/** Ids still worth asking about, sorted so the same set always makes the same query key. */
export function unfinishedIds(
  ids: readonly string[],
  known: ReadonlyMap<string, Task | null>,
): string[] {
  const out = ids.filter((id) => {
    const task = known.get(id);
    // `null` = the gateway said "not found": asking again every few seconds would not change that.
    if (task === null) return false;
    return task === undefined || !isFinished(task);
  });
  return [...new Set(out)].sort();
}

/**
 * The batches to poll. Ids never answered yet are chunked in the order the view lists them, so
 * the first request answers the cards at the top of the screen. Ids known to be unfinished are
 * chunked apart from them: when a first answer comes back with running tasks, the chunks still
 * waiting for theirs keep their query keys (a changed key would abort the request in flight and
 * send it again). Each chunk is sorted so the same ids always make the same query key.
 */
export function pollChunks(ids: readonly string[], known: ReadonlyMap<string, Task | null>, size: number): string[][] {
  const wanted = new Set(unfinishedIds(ids, known));
  const ordered = [...new Set(ids)].filter((id) => wanted.has(id));
  const unseen = ordered.filter((id) => !known.has(id));
  const running = ordered.filter((id) => known.has(id)).sort();
  const n = Math.max(1, size);
  return [...chunk(unseen, n), ...chunk(running, n)].map((part) => part.sort());
}

/**
 * How long to wait before the next poll: the configured interval while things go well, doubling
 * per consecutive failure up to a ceiling, so an outage is not hammered by every open tab.
 */
export function nextPollDelay(baseMs: number, consecutiveFailures: number): number {
  const base = Number.isFinite(baseMs) && baseMs > 0 ? baseMs : DEFAULT_POLL_INTERVAL_MS;
  if (consecutiveFailures <= 0) return base;
  const backedOff = base * 2 ** Math.min(consecutiveFailures, 10);
  return Math.min(Math.max(backedOff, base), Math.max(MAX_POLL_INTERVAL_MS, base));
}
