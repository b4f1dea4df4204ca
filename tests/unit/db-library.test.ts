import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/server/db/client";
import {
  ADD_CHUNK_SIZE,
  addToLibrary,
  BadCursorError,
  finishedSnapshots,
  getLibraryItem,
  listLibrary,
  recordReads,
  removeFromLibrary,
  removeManyFromLibrary,
  libraryIdsAmong,
  setFavorite,
  unfinishedLibraryIds,
  unreadIds,
} from "@/lib/server/db/library";
import { createCollection, deleteCollection, getCollection, listCollections } from "@/lib/server/db/collections";
import { lastCallbackAt, recordCallback } from "@/lib/server/db/app-state";
import type { Task, TaskState } from "@/lib/shared/task";
import { DATABASE_KINDS, openTestDatabases, type TestDatabases } from "./test-databases";
import { makeTask } from "./task-factory";

const task = (id: string, state: TaskState, overrides: Partial<Task> = {}): Task =>
  makeTask(id, state, { prompt: `prompt of ${id.slice(0, 8)}`, aspectRatio: "16:9", ...overrides });

const ids = (n: number) => Array.from({ length: n }, () => randomUUID());

let databases: TestDatabases;
beforeAll(async () => {
  databases = await openTestDatabases();
}, 60_000);
afterAll(async () => {
  await databases?.close();
});

describe.each(DATABASE_KINDS)("library repository on %s", (kind) => {
  let db: Db;
  beforeEach(async () => {
    await databases.reset();
    db = databases.get(kind).db;
  });

  it("adds ids once: a second add counts them as existing", async () => {
    const [a, b, c] = ids(3) as [string, string, string];
    expect(await addToLibrary(db, [a, b], "paste")).toMatchObject({ added: 2, existing: 0 });
    expect(await addToLibrary(db, [b, c], "webhook")).toEqual({ added: 1, existing: 1, addedIds: [c] });
    expect((await getLibraryItem(db, b))?.source).toBe("paste");
  });

  it("adds 5,000 ids in one call within 2 s", async () => {
    // As in a running server: the statement's first run in a fresh process also compiles it.
    await addToLibrary(db, ids(500), "import");
    const many = ids(5000);
    const started = performance.now();
    expect(await addToLibrary(db, many, "import")).toMatchObject({ added: 5000, existing: 0 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect((await listLibrary(db, { limit: 1 })).counts.all).toBe(5500);
  });

  it("adds across its chunks: new and existing ids counted right wherever they fall", async () => {
    const known = ids(3);
    await addToLibrary(db, known, "paste");
    const many = ids(2 * ADD_CHUNK_SIZE + 1);
    // Existing ids at a chunk's start, in the middle and at the very end.
    const mixed = [known[0]!, ...many.slice(0, ADD_CHUNK_SIZE), known[1]!, ...many.slice(ADD_CHUNK_SIZE), known[2]!];
    const result = await addToLibrary(db, mixed, "import");
    expect(result).toMatchObject({ added: many.length, existing: 3 });
    expect(new Set(result.addedIds)).toEqual(new Set(many));
    expect((await getLibraryItem(db, known[1]!))?.source).toBe("paste");
    expect((await listLibrary(db, { limit: 1 })).counts).toMatchObject({ all: many.length + 3, unread: many.length + 3 });
  });

  it("lets other work run between the statements of a large add", async () => {
    await addToLibrary(db, ids(10), "import");
    let turns = 0;
    let adding = true;
    const tick = () => {
      if (!adding) return;
      turns += 1;
      setImmediate(tick);
    };
    setImmediate(tick);
    await addToLibrary(db, ids(5000), "import");
    adding = false;
    expect(turns).toBeGreaterThanOrEqual(5000 / ADD_CHUNK_SIZE - 1);
  });

  it("lists unread items newest added first, with no task", async () => {
    const [a, b] = ids(2) as [string, string];
    await addToLibrary(db, [a], "paste", new Date("2026-01-01T00:00:00Z"));
    await addToLibrary(db, [b], "lookup", new Date("2026-01-02T00:00:00Z"));
    const page = await listLibrary(db, { limit: 10 });
    expect(page.items.map((i) => i.id)).toEqual([b, a]);
    expect(page.items[0]).toEqual({ id: b, addedAt: "2026-01-02T00:00:00.000Z", source: "lookup", favorite: false, status: "unread", task: null });
    expect(page.counts).toEqual({ all: 2, pending: 0, processing: 0, completed: 0, failed: 0, unread: 2, notFound: 0 });
  });

  it("fixes the sort time at the task's creation time when first read, and never moves it after", async () => {
    const [old, recent] = ids(2) as [string, string];
    await addToLibrary(db, [old], "paste", new Date("2026-03-01T00:00:00Z"));
    await addToLibrary(db, [recent], "paste", new Date("2026-02-01T00:00:00Z"));
    await recordReads(db, [task(old, "processing", { createdAt: "2025-01-01T00:00:00.000Z" })], []);
    expect((await listLibrary(db, { limit: 10 })).items.map((i) => i.id)).toEqual([recent, old]);
    // A later read saying another creation time does not move it.
    await recordReads(db, [task(old, "completed", { createdAt: "2027-01-01T00:00:00.000Z" })], []);
    const page = await listLibrary(db, { limit: 10 });
    expect(page.items.map((i) => i.id)).toEqual([recent, old]);
    expect(page.items[1]).toMatchObject({ status: "found", task: { id: old, state: "completed" } });
  });

  it("writes nothing when a read says what the library already holds, and writes a change", async () => {
    const [a] = ids(1) as [string];
    await addToLibrary(db, [a], "paste");
    const running = task(a, "processing", { createdAt: "2026-01-01T00:00:00.000Z" });
    await recordReads(db, [running], []);
    // xmin: the transaction that wrote the row's current version.
    const versions = async () =>
      (await queryRows<{ x: string }>(db, sql`select xmin::text as x from task_snapshots where id = ${a} union all select xmin::text from library_items where id = ${a}`)).map((r) => r.x);
    const before = await versions();
    await recordReads(db, [running], []);
    expect(await versions()).toEqual(before);
    await recordReads(db, [task(a, "completed", { createdAt: "2026-01-01T00:00:00.000Z" })], []);
    const after = await versions();
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect((await getLibraryItem(db, a))?.task?.state).toBe("completed");
  });

  it("keeps the added time as sort time for a task without a creation time", async () => {
    const [a, b] = ids(2) as [string, string];
    await addToLibrary(db, [a], "paste", new Date("2026-01-01T00:00:00Z"));
    await addToLibrary(db, [b], "paste", new Date("2026-01-02T00:00:00Z"));
    await recordReads(db, [task(a, "completed")], []);
    expect((await listLibrary(db, { limit: 10, sort: "oldest" })).items.map((i) => i.id)).toEqual([a, b]);
  });

  it("pages with a cursor through every item exactly once, in both orders, also across equal sort times", async () => {
    const all = ids(25);
    const at = new Date("2026-05-05T00:00:00Z");
    await addToLibrary(db, all.slice(0, 10), "paste", at);
    await addToLibrary(db, all.slice(10), "paste", new Date(at.getTime() + 1000));
    for (const sort of ["newest", "oldest"] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await listLibrary(db, { limit: 7, cursor, sort });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(25);
      expect(seen).toHaveLength(25);
      const newestFirst = [...all.slice(10).sort().reverse(), ...all.slice(0, 10).sort().reverse()];
      expect(seen).toEqual(sort === "newest" ? newestFirst : [...newestFirst].reverse());
    }
  });

  it("sorts ids the upstream does not know after every other item, in both orders, across pages", async () => {
    const all = ids(12);
    const day = (d: number) => new Date(`2026-03-${String(d).padStart(2, "0")}T00:00:00Z`);
    // Not-found ids added last (the newest added), found ones created earlier, two still unread.
    for (const [i, id] of all.entries()) await addToLibrary(db, [id], "paste", day(i + 1));
    const found = all.slice(0, 6);
    const unread = all.slice(6, 8);
    const missing = all.slice(8);
    await recordReads(db, found.map((id, i) => task(id, "completed", { createdAt: day(i + 1).toISOString() })), missing);
    const walk = async (options: { sort: "newest" | "oldest"; favorite?: boolean; q?: string }) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await listLibrary(db, { limit: 3, cursor, ...options });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    const lastFirst = (list: string[]) => [...list].reverse();
    expect(await walk({ sort: "newest" })).toEqual([...lastFirst(unread), ...lastFirst(found), ...lastFirst(missing)]);
    expect(await walk({ sort: "oldest" })).toEqual([...found, ...unread, ...missing]);
    for (const id of [found[0]!, missing[0]!, found[1]!]) await setFavorite(db, id, true);
    expect(await walk({ sort: "newest", favorite: true })).toEqual([found[1], found[0], missing[0]]);
    expect((await listLibrary(db, { limit: 10, state: "not_found" })).items.map((i) => i.id)).toEqual(lastFirst(missing));
  });

  it("items added while someone scrolls do not shift the pages after the cursor", async () => {
    const first = ids(6);
    await addToLibrary(db, first, "paste", new Date("2026-01-01T00:00:00Z"));
    const page1 = await listLibrary(db, { limit: 3 });
    await addToLibrary(db, ids(4), "webhook", new Date("2026-06-01T00:00:00Z"));
    const page2 = await listLibrary(db, { limit: 3, cursor: page1.nextCursor });
    expect([...page1.items, ...page2.items].map((i) => i.id).sort()).toEqual([...first].sort());
  });

  it("refuses a cursor it did not make", async () => {
    await expect(listLibrary(db, { limit: 3, cursor: "not-a-cursor" })).rejects.toBeInstanceOf(BadCursorError);
  });

  it("filters by state and not found; counts follow the search and favourites, not the state", async () => {
    const [p, r, c, f, n, u] = ids(6) as [string, string, string, string, string, string];
    await addToLibrary(db, [p, r, c, f, n, u], "paste");
    await recordReads(
      db,
      [task(p, "pending", { prompt: "A red fox" }), task(r, "processing", { prompt: "blue whale" }), task(c, "completed", { prompt: "red panda" }), task(f, "failed")],
      [n],
    );
    const counts = { all: 6, pending: 1, processing: 1, completed: 1, failed: 1, unread: 1, notFound: 1 };
    const completed = await listLibrary(db, { limit: 10, state: "completed" });
    expect(completed.items.map((i) => i.id)).toEqual([c]);
    expect(completed.counts).toEqual(counts);
    expect((await listLibrary(db, { limit: 10, state: "not_found" })).items).toMatchObject([{ id: n, status: "not_found", task: null }]);

    const red = await listLibrary(db, { limit: 10, q: "RED" });
    expect(red.items.map((i) => i.id).sort()).toEqual([p, c].sort());
    expect(red.counts).toEqual({ all: 2, pending: 1, processing: 0, completed: 1, failed: 0, unread: 0, notFound: 0 });

    await setFavorite(db, r, true);
    const favorites = await listLibrary(db, { limit: 10, favorite: true });
    expect(favorites.items.map((i) => i.id)).toEqual([r]);
    expect(favorites.counts.all).toBe(1);
  });

  it("keeps its maintained counts equal to a count of the rows through adds, reads, favourites and removals", async () => {
    const all = ids(40);
    await addToLibrary(db, all.slice(0, 30), "paste");
    await addToLibrary(db, all.slice(20), "webhook");
    const states: TaskState[] = ["pending", "processing", "completed", "failed"];
    await recordReads(db, all.slice(0, 25).map((id, i) => task(id, states[i % 4]!)), all.slice(25, 30));
    await recordReads(db, all.slice(0, 8).map((id) => task(id, "completed")), []);
    for (const id of all.slice(0, 12)) await setFavorite(db, id, true);
    for (const id of all.slice(5, 9)) await removeFromLibrary(db, id);
    const rows = await queryRows<{ favorite: boolean; status: string; state: string | null }>(db, sql`select favorite, status, state from library_items`);
    const expected = (favoriteOnly: boolean) => {
      const chosen = rows.filter((r) => !favoriteOnly || r.favorite);
      const by = (f: (r: (typeof rows)[number]) => boolean) => chosen.filter(f).length;
      return {
        all: chosen.length,
        pending: by((r) => r.status === "found" && r.state === "pending"),
        processing: by((r) => r.status === "found" && r.state === "processing"),
        completed: by((r) => r.status === "found" && r.state === "completed"),
        failed: by((r) => r.status === "found" && r.state === "failed"),
        unread: by((r) => r.status === "unread"),
        notFound: by((r) => r.status === "not_found"),
      };
    };
    expect((await listLibrary(db, { limit: 1 })).counts).toEqual(expected(false));
    expect((await listLibrary(db, { limit: 1, favorite: true })).counts).toEqual(expected(true));
    expect(expected(false)).toMatchObject({ all: 36, unread: 10, notFound: 5 });
  });

  it("searches prompts literally: % and _ are not wildcards", async () => {
    const [a, b] = ids(2) as [string, string];
    await addToLibrary(db, [a, b], "paste");
    await recordReads(db, [task(a, "completed", { prompt: "100% cat" }), task(b, "completed", { prompt: "100 cats" })], []);
    expect((await listLibrary(db, { limit: 10, q: "0%" })).items.map((i) => i.id)).toEqual([a]);
    expect((await listLibrary(db, { limit: 10, q: "0_c" })).items).toEqual([]);
  });

  it("a found task stays found when a later read misses it; an unread one becomes not found", async () => {
    const [a, b] = ids(2) as [string, string];
    await addToLibrary(db, [a, b], "paste");
    await recordReads(db, [task(a, "completed")], []);
    await recordReads(db, [], [a, b]);
    expect((await getLibraryItem(db, a))?.status).toBe("found");
    expect((await getLibraryItem(db, b))?.status).toBe("not_found");
    // …and a not-found id that the gateway later knows becomes found.
    await recordReads(db, [task(b, "processing")], []);
    expect((await getLibraryItem(db, b))).toMatchObject({ status: "found", task: { state: "processing" } });
  });

  it("sets favourites and removes items; both say when the id is not in the library", async () => {
    const [a, missing] = ids(2) as [string, string];
    await addToLibrary(db, [a], "share");
    expect(await setFavorite(db, a, true)).toMatchObject({ id: a, favorite: true });
    expect(await setFavorite(db, missing, true)).toBeNull();
    expect(await removeFromLibrary(db, a)).toBe(true);
    expect(await removeFromLibrary(db, a)).toBe(false);
    expect((await listLibrary(db, { limit: 10 })).counts.all).toBe(0);
  });

  it("removes many ids in one statement, keeping the counts and leaving others alone", async () => {
    const all = ids(3000);
    await addToLibrary(db, all, "import");
    await recordReads(db, all.slice(0, 10).map((id) => task(id, "completed")), all.slice(10, 20));
    expect(await removeManyFromLibrary(db, [...all.slice(0, 5), ...all.slice(10, 2010), randomUUID()])).toBe(2005);
    expect(await removeManyFromLibrary(db, [])).toBe(0);
    const { counts } = await listLibrary(db, { limit: 1 });
    expect(counts).toMatchObject({ all: 995, completed: 5, notFound: 0, unread: 990 });
    expect(await getLibraryItem(db, all[5]!)).not.toBeNull();
    expect(await getLibraryItem(db, all[0]!)).toBeNull();
  });

  it("says which of thousands of ids it holds, in one statement", async () => {
    const held = ids(3000);
    await addToLibrary(db, held, "import");
    const strangers = ids(2000);
    const asked = [...held.slice(0, 2500), ...strangers];
    expect((await libraryIdsAmong(db, asked)).sort()).toEqual(held.slice(0, 2500).sort());
    expect(await libraryIdsAmong(db, strangers)).toEqual([]);
    expect(await libraryIdsAmong(db, [])).toEqual([]);
  });

  it("gives unread ids oldest first and rotates through unfinished ones", async () => {
    const all = ids(5).sort();
    await addToLibrary(db, [all[3]!], "paste", new Date("2026-01-01T00:00:00Z"));
    await addToLibrary(db, [all[0]!, all[1]!, all[2]!, all[4]!], "paste", new Date("2026-01-02T00:00:00Z"));
    expect((await unreadIds(db, 2))[0]).toBe(all[3]);
    await recordReads(db, [task(all[0]!, "pending"), task(all[1]!, "completed"), task(all[2]!, "processing"), task(all[4]!, "processing")], []);
    expect(await unfinishedLibraryIds(db, null, 2)).toEqual([all[0], all[2]]);
    expect(await unfinishedLibraryIds(db, all[2]!, 2)).toEqual([all[4]]);
    expect(await unfinishedLibraryIds(db, all[4]!, 2)).toEqual([]);
    expect(await unreadIds(db, 10)).toEqual([all[3]]);
  });

  it("keeps finished tasks as snapshots, with when their media expire", async () => {
    const [done, running] = ids(2) as [string, string];
    const expires = 1_900_000_000;
    const video = { url: `https://media.example/v.mp4?Expires=${expires}`, downloadUrl: "", width: 1, height: 1, duration: null };
    await recordReads(db, [task(done, "completed", { video }), task(running, "processing")], []);
    const snapshots = await finishedSnapshots(db, [done, running]);
    expect([...snapshots.keys()]).toEqual([done]);
    expect(snapshots.get(done)?.task.video?.url).toBe(video.url);
    expect(snapshots.get(done)?.mediaExpiresAt?.getTime()).toBe(expires * 1000);
  });

  it("creates, lists, reads and deletes collections, ids in the order given", async () => {
    const set = ids(3);
    const created = await createCollection(db, { title: "Best of May", ids: set });
    expect(created.slug).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(await getCollection(db, created.slug)).toEqual({ slug: created.slug, title: "Best of May", createdAt: created.createdAt, ids: set });
    expect(await listCollections(db)).toEqual([{ slug: created.slug, title: "Best of May", createdAt: created.createdAt, count: 3 }]);
    expect(await deleteCollection(db, created.slug)).toBe(true);
    expect(await getCollection(db, created.slug)).toBeNull();
    expect(await deleteCollection(db, created.slug)).toBe(false);
  });

  it("remembers when the last callback arrived", async () => {
    expect(await lastCallbackAt(db)).toBeNull();
    await recordCallback(db, ids(1), new Date("2026-07-01T10:00:00Z"));
    await recordCallback(db, ids(1), new Date("2026-07-01T11:00:00Z"));
    expect(await lastCallbackAt(db)).toBe("2026-07-01T11:00:00.000Z");
  });
});
