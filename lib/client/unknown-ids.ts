import { MAX_IDS_PER_REQUEST } from "@/lib/shared/ids";
import { postTasks } from "./api";

/** Pastes larger than this join without the question: checking them would cost more reads than adding does. */
export const MAX_IDS_CHECKED_BEFORE_ADDING = 1_000;

/**
 * The ids the gateway answers "not found" for, so a person can be asked before they join the
 * gallery; null when that cannot be told now (too many ids, or the gateway is failing), and the
 * ids are then added as pasted: the library reads them later and files unknown ones as Not found.
 */
export async function findUnknownIds(ids: readonly string[]): Promise<string[] | null> {
  if (ids.length > MAX_IDS_CHECKED_BEFORE_ADDING) return null;
  const chunks: string[][] = [];
  for (let from = 0; from < ids.length; from += MAX_IDS_PER_REQUEST) chunks.push(ids.slice(from, from + MAX_IDS_PER_REQUEST));
  try {
    const batches = await Promise.all(chunks.map((chunk) => postTasks(chunk)));
    if (batches.some((batch) => batch.error)) return null;
    return batches.flatMap((batch) => batch.notFound);
  } catch {
    return null;
  }
}
