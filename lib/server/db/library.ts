import "server-only";
import { and, asc, desc, eq, ilike, inArray, sql, type SQL } from "drizzle-orm";
import { taskMediaExpiry } from "@/lib/server/gateway/media-expiry";
import type { LibraryCountsView, LibraryItemView, LibraryPageView, LibrarySortOrder, LibraryStateFilter as SharedStateFilter } from "@/lib/shared/library-query";
import { isFinished, type Task } from "@/lib/shared/task";
import { queryRows, type Db } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import { libraryCounts, libraryItems, taskSnapshots, type LibrarySource, type LibraryStatus } from "./schema";

// The library's repository (SPEC §3 "The library"). Every function takes the database, so tests
// run them against PGlite and PostgreSQL alike.

// The answer's shapes are the ones the browser reads (lib/shared/library-query.ts), narrowed
// where the database knows more (the source is one of the stored values).
export type LibraryItem = Omit<LibraryItemView, "source" | "status"> & { source: LibrarySource; status: LibraryStatus };
export type LibraryCounts = LibraryCountsView;
export type LibraryStateFilter = SharedStateFilter;
export type LibrarySort = LibrarySortOrder;

export interface ListLibraryOptions {
  limit: number;
  cursor?: string | null;
  state?: LibraryStateFilter | null;
  q?: string | null;
  sort?: LibrarySort;
  favorite?: boolean;
}

export type LibraryPage = Omit<LibraryPageView, "items"> & { items: LibraryItem[] };

export class BadCursorError extends Error {
  constructor() {
    super("The cursor is not one this server gave out. Start again without it.");
    this.name = "BadCursorError";
  }
}

const itemColumns = {
  id: libraryItems.id,
  addedAt: libraryItems.addedAt,
  source: libraryItems.source,
  favorite: libraryItems.favorite,
  status: libraryItems.status,
  sortTime: libraryItems.sortTime,
  task: taskSnapshots.task,
};

type ItemRow = { id: string; addedAt: Date; source: LibrarySource; favorite: boolean; status: LibraryStatus; task: Task | null };

function toItem(row: ItemRow): LibraryItem {
  return {
    id: row.id,
    addedAt: row.addedAt.toISOString(),
    source: row.source,
    favorite: row.favorite,
    status: row.status,
    task: row.status === "found" ? row.task : null,
  };
}

/** `%`, `_` and `\` in a search are meant literally. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filterConditions(options: Pick<ListLibraryOptions, "q" | "favorite">): SQL[] {
  const conditions: SQL[] = [];
  if (options.favorite) conditions.push(eq(libraryItems.favorite, true));
  if (options.q) conditions.push(ilike(libraryItems.prompt, likePattern(options.q)));
  return conditions;
}

function stateCondition(state: LibraryStateFilter): SQL {
  return state === "not_found" ? eq(libraryItems.status, "not_found") : eq(libraryItems.state, state);
}

/**
 * Ids per insert statement. PGlite runs a statement on the app's thread in one piece: 5,000 ids
 * in one statement held it for ~0.5 s (seconds on a loaded machine), and every request waited.
 */
export const ADD_CHUNK_SIZE = 500;

/** Lets requests that arrived meanwhile run before the next statement. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Ids are distinct, lower-case and valid (the HTTP layer checks); → how many were new. Large adds
 * are stored a chunk at a time, each its own statement: ids stored before a failure stay (adding
 * again is harmless), and other requests are answered between chunks.
 */
export async function addToLibrary(
  db: Db,
  ids: readonly string[],
  source: LibrarySource,
  now = new Date(),
): Promise<{ added: number; existing: number; addedIds: string[] }> {
  const addedIds: string[] = [];
  for (let start = 0; start < ids.length; start += ADD_CHUNK_SIZE) {
    if (start > 0) await yieldToOthers();
    // One JSON parameter instead of four per row: PGlite parses a 2,000-parameter statement slowly.
    const inserted = await queryRows<{ id: string }>(
      db,
      sql`insert into ${libraryItems} (id, added_at, source, sort_time)
          select value, ${now.toISOString()}::timestamptz, ${source}::library_source, ${now.getTime()}::bigint
          from jsonb_array_elements_text(${JSON.stringify(ids.slice(start, start + ADD_CHUNK_SIZE))}::jsonb)
          on conflict (id) do nothing
          returning id`,
    );
    for (const row of inserted) addedIds.push(row.id);
  }
  return { added: addedIds.length, existing: ids.length - addedIds.length, addedIds };
}

const NO_COUNTS: LibraryCounts = { all: 0, pending: 0, processing: 0, completed: 0, failed: 0, unread: 0, notFound: 0 };

function addToCounts(counts: LibraryCounts, row: { status: LibraryStatus; state: string | null; n: number }): void {
  counts.all += row.n;
  if (row.status === "unread") counts.unread += row.n;
  else if (row.status === "not_found") counts.notFound += row.n;
  else if (row.state === "pending" || row.state === "processing" || row.state === "completed" || row.state === "failed") counts[row.state] += row.n;
}

/**
 * Counts per state and status. Without a search they come from the counters the database keeps
 * (a dozen rows whatever the size of the library); a search counts its matches, which the trigram
 * index finds.
 */
export async function countLibrary(db: Db, options: Pick<ListLibraryOptions, "q" | "favorite"> = {}): Promise<LibraryCounts> {
  const counts = { ...NO_COUNTS };
  if (!options.q) {
    const rows = await db
      .select({ status: libraryCounts.status, state: libraryCounts.state, n: libraryCounts.n })
      .from(libraryCounts)
      .where(options.favorite ? eq(libraryCounts.favorite, true) : undefined);
    for (const row of rows) addToCounts(counts, { ...row, n: Number(row.n) });
    return counts;
  }
  const rows = await db
    .select({ status: libraryItems.status, state: libraryItems.state, n: sql<number>`count(*)::int` })
    .from(libraryItems)
    .where(and(...filterConditions(options)))
    .groupBy(libraryItems.status, libraryItems.state);
  for (const row of rows) addToCounts(counts, row);
  return counts;
}

/**
 * Ids the upstream does not know sort after every other item, whatever the order: a paste of
 * hundreds of unknown ids must not bury the real videos. Group 0 is everything else (found or not
 * read yet), group 1 the not found; each group is in sort-time order.
 */
const SORT_GROUPS: readonly SQL[] = [sql`${libraryItems.status} <> 'not_found'`, sql`${libraryItems.status} = 'not_found'`];

/**
 * One page in sort order, keyset-paged: the cursor holds the last row's (sort time, id, group).
 * A page is read group by group, each query a plain range of one index, so paging stays fast at
 * 100,000 items. A state filter is one group already.
 */
export async function listLibrary(db: Db, options: ListLibraryOptions): Promise<LibraryPage> {
  const newest = (options.sort ?? "newest") === "newest";
  const conditions = filterConditions(options);
  if (options.state) conditions.push(stateCondition(options.state));
  const cursor = options.cursor ? decodeCursor(options.cursor) : null;
  if (options.cursor && !cursor) throw new BadCursorError();
  const order = newest ? [desc(libraryItems.sortTime), desc(libraryItems.id)] : [asc(libraryItems.sortTime), asc(libraryItems.id)];
  const groups = options.state ? [null] : [0, 1];
  const counting = countLibrary(db, options);

  const rows: (ItemRow & { sortTime: number; group: number })[] = [];
  for (const group of groups) {
    const cursorGroup = cursor?.group ?? 0;
    if (group !== null && group < cursorGroup) continue;
    const where = [...conditions];
    if (group !== null) where.push(SORT_GROUPS[group]!);
    if (cursor && (group === null || group === cursorGroup)) {
      const key = sql`(${libraryItems.sortTime}, ${libraryItems.id})`;
      const after = sql`(${cursor.sortTime}::bigint, ${cursor.id}::text)`;
      where.push(newest ? sql`${key} < ${after}` : sql`${key} > ${after}`);
    }
    const found = await db
      .select(itemColumns)
      .from(libraryItems)
      .leftJoin(taskSnapshots, eq(taskSnapshots.id, libraryItems.id))
      .where(and(...where))
      .orderBy(...order)
      .limit(options.limit + 1 - rows.length);
    rows.push(...found.map((row) => ({ ...row, group: group ?? 0 })));
    if (rows.length > options.limit) break;
  }
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > options.limit && last ? encodeCursor({ sortTime: last.sortTime, id: last.id, group: last.group }) : null;
  return { items: page.map(toItem), nextCursor, counts: await counting };
}

export async function getLibraryItem(db: Db, id: string): Promise<LibraryItem | null> {
  const [row] = await db
    .select(itemColumns)
    .from(libraryItems)
    .leftJoin(taskSnapshots, eq(taskSnapshots.id, libraryItems.id))
    .where(eq(libraryItems.id, id));
  return row ? toItem(row) : null;
}

/** → the item after the change, `null` when it is not in the library. */
export async function setFavorite(db: Db, id: string, favorite: boolean): Promise<LibraryItem | null> {
  const updated = await db.update(libraryItems).set({ favorite }).where(eq(libraryItems.id, id)).returning({ id: libraryItems.id });
  return updated.length > 0 ? getLibraryItem(db, id) : null;
}

/** → whether it was there. Its snapshot stays: it is the server's cache of that task. */
export async function removeFromLibrary(db: Db, id: string): Promise<boolean> {
  const deleted = await db.delete(libraryItems).where(eq(libraryItems.id, id)).returning({ id: libraryItems.id });
  return deleted.length > 0;
}

/** Ids are distinct, lower-case and valid; → how many were there. Snapshots stay, as above. */
export async function removeManyFromLibrary(db: Db, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  // One JSON parameter, as in addToLibrary: thousands of ids would otherwise be thousands of parameters.
  const deleted = await queryRows<{ id: string }>(
    db,
    sql`delete from ${libraryItems} where id in (select value from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)) returning id`,
  );
  return deleted.length;
}

/** Which of these ids the library holds, in no particular order. */
export async function libraryIdsAmong(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from ${libraryItems} where id in (select value from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`,
  );
  return rows.map((row) => row.id);
}

function createdAtMs(task: Task): number | null {
  if (!task.createdAt) return null;
  const at = Date.parse(task.createdAt);
  return Number.isFinite(at) ? at : null;
}

/**
 * Stores what a read of the upstream said: snapshots for the tasks found, and the library items'
 * status and state. A task's sort time is fixed when it is first found (its creation time, else
 * when it was added) and never moves after, so pages do not shift under someone scrolling.
 * An item once found stays found: a gateway that stops listing a task must not erase it.
 */
export async function recordReads(db: Db, tasks: readonly Task[], notFoundIds: readonly string[], now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    if (tasks.length > 0) {
      const snapshots = tasks.map((task) => {
        const expires = taskMediaExpiry(task);
        return {
          id: task.id,
          task,
          state: task.state,
          readAt: now,
          mediaExpiresAt: expires === null ? null : new Date(expires),
        };
      });
      await tx
        .insert(taskSnapshots)
        .values(snapshots)
        .onConflictDoUpdate({
          target: taskSnapshots.id,
          set: {
            task: sql`excluded.task`,
            state: sql`excluded.state`,
            readAt: sql`excluded.read_at`,
            mediaExpiresAt: sql`excluded.media_expires_at`,
          },
          // A stream's first state hands back what the library already holds: that is not a write.
          setWhere: sql`${taskSnapshots.task} is distinct from excluded.task`,
        });
      const reads = JSON.stringify(tasks.map((task) => ({ id: task.id, state: task.state, prompt: task.prompt, created: createdAtMs(task) })));
      await tx.execute(sql`
        update ${libraryItems} as li
        set status = 'found',
            state = v.state,
            prompt = v.prompt,
            sort_time = case when li.sort_fixed then li.sort_time else coalesce(v.created, li.sort_time) end,
            sort_fixed = true
        from jsonb_to_recordset(${reads}::jsonb) as v(id text, state text, prompt text, created bigint)
        where li.id = v.id
          and (li.status <> 'found' or li.state is distinct from v.state or li.prompt is distinct from v.prompt or not li.sort_fixed)`);
    }
    if (notFoundIds.length > 0) {
      await tx
        .update(libraryItems)
        .set({ status: "not_found", state: null })
        .where(and(inArray(libraryItems.id, [...notFoundIds]), eq(libraryItems.status, "unread")));
    }
  });
}

/** Ids not read from the upstream yet, oldest additions first. */
export async function unreadIds(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: libraryItems.id })
    .from(libraryItems)
    .where(eq(libraryItems.status, "unread"))
    .orderBy(asc(libraryItems.addedAt), asc(libraryItems.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

/**
 * The next ≤ `limit` unfinished library tasks after `afterId`, in id order: callers rotate through
 * the whole set a page at a time (an empty page means "start again from the beginning").
 */
export async function unfinishedLibraryIds(db: Db, afterId: string | null, limit = 50): Promise<string[]> {
  const unfinished = sql`${libraryItems.state} in ('pending', 'processing')`;
  const rows = await db
    .select({ id: libraryItems.id })
    .from(libraryItems)
    .where(afterId ? and(unfinished, sql`${libraryItems.id} > ${afterId}`) : unfinished)
    .orderBy(asc(libraryItems.id))
    .limit(Math.min(limit, 50));
  return rows.map((row) => row.id);
}

/** Finished tasks as last read: they never change, so they need no upstream call, even after a restart. */
export async function finishedSnapshots(db: Db, ids: readonly string[]): Promise<Map<string, { task: Task; mediaExpiresAt: Date | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ task: taskSnapshots.task, mediaExpiresAt: taskSnapshots.mediaExpiresAt })
    .from(taskSnapshots)
    .where(and(inArray(taskSnapshots.id, [...ids]), inArray(taskSnapshots.state, ["completed", "failed"])));
  return new Map(rows.filter((row) => isFinished(row.task)).map((row) => [row.task.id, row]));
}

/** The last read of each of these tasks, whatever its state (a server render's first screen). */
export async function snapshotsOf(db: Db, ids: readonly string[]): Promise<Task[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ task: taskSnapshots.task }).from(taskSnapshots).where(inArray(taskSnapshots.id, [...ids]));
  return rows.map((row) => row.task);
}
