import { cardState, CARD_STATES, type CardState } from "./card-state";
import type { Task } from "./task";

export type StateFilter = "all" | CardState;
export type SortOrder = "newest" | "oldest";
type Lookup = ReadonlyMap<string, Task | null>;

export function countStates(ids: readonly string[], tasks: Lookup): Record<CardState, number> & { all: number } {
  const counts = Object.fromEntries(CARD_STATES.map((s) => [s, 0])) as Record<CardState, number>;
  for (const id of ids) counts[cardState(tasks.get(id))] += 1;
  return { ...counts, all: ids.length };
}

/** Case-insensitive match on the prompt, or on the id so a pasted id fragment finds its card. */
export function matchesQuery(id: string, task: Task | null | undefined, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return id.includes(q) || (task?.prompt?.toLowerCase().includes(q) ?? false);
}

export function filterIds(ids: readonly string[], tasks: Lookup, filter: { state: StateFilter; query: string }): string[] {
  return ids.filter(
    (id) => (filter.state === "all" || cardState(tasks.get(id)) === filter.state) && matchesQuery(id, tasks.get(id), filter.query),
  );
}

function createdMs(task: Task | null | undefined): number | null {
  if (!task?.createdAt) return null;
  const ms = Date.parse(task.createdAt);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Newest first by creation time. Ids without a time yet (still loading, not found) stay on top
 * in library order, which is already newest first: they are usually the ones just added.
 * "oldest" is the exact reverse, so toggling never reshuffles ties.
 */
export function sortIds(ids: readonly string[], tasks: Lookup, order: SortOrder): string[] {
  const keyed = ids.map((id, index) => ({ id, index, at: createdMs(tasks.get(id)) }));
  keyed.sort((a, b) => {
    if (a.at === null || b.at === null) {
      if (a.at === null && b.at === null) return a.index - b.index;
      return a.at === null ? -1 : 1;
    }
    return b.at - a.at || a.index - b.index;
  });
  const out = keyed.map((k) => k.id);
  return order === "newest" ? out : out.reverse();
}
