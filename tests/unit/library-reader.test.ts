import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openEmbedded, type Database } from "@/lib/server/db/client";
import { addToLibrary, getLibraryItem, listLibrary } from "@/lib/server/db/library";
import { GatewayError } from "@/lib/server/gateway/errors";
import type { LoadResult } from "@/lib/server/gateway/loader";
import type { LiveEvent } from "@/lib/server/live/events";
import { createLibraryReader, type LibraryReader } from "@/lib/server/library/reader";
import { sql } from "drizzle-orm";
import type { Task } from "@/lib/shared/task";
import { pgliteCopy } from "./test-databases";
import { makeTask } from "./task-factory";

const task = (id: string): Task => makeTask(id, "completed", { prompt: "p", createdAt: "2026-01-01T00:00:00.000Z" });

let dir: string;
let database: Database;
beforeAll(async () => {
  dir = await pgliteCopy();
  database = await openEmbedded(dir);
}, 30_000);
afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the library reader", () => {
  let reader: LibraryReader | null = null;
  beforeEach(async () => {
    reader?.stop();
    await database.db.execute(sql`truncate library_items, task_snapshots`);
  });

  /** A fake upstream that knows every id except those in `unknown`, and records each call. */
  function upstream(options: { unknown?: Set<string>; failFirst?: number } = {}) {
    const calls: { ids: string[]; at: number }[] = [];
    let failures = options.failFirst ?? 0;
    const load = async (ids: readonly string[]): Promise<LoadResult> => {
      calls.push({ ids: [...ids], at: Date.now() });
      if (failures > 0) {
        failures -= 1;
        return { tasks: [], notFound: [], unavailable: [...ids], error: new GatewayError("unavailable", { status: 503 }) };
      }
      const known = ids.filter((id) => !options.unknown?.has(id));
      return { tasks: known.map(task), notFound: ids.filter((id) => options.unknown?.has(id)), unavailable: [], error: null };
    };
    return { calls, load };
  }

  it("reads every unread id in calls of at most 50, paced, and publishes what it learnt", async () => {
    const ids = Array.from({ length: 120 }, () => randomUUID());
    const missing = ids[7]!;
    await addToLibrary(database.db, ids, "import");
    const { calls, load } = upstream({ unknown: new Set([missing]) });
    const events: LiveEvent[] = [];
    reader = createLibraryReader({ db: async () => database.db, load, publish: (e) => events.push(e), gapMs: 30 });
    reader.wake();
    await reader.idle();
    expect(calls.map((c) => c.ids.length)).toEqual([50, 50, 20]);
    expect(new Set(calls.flatMap((c) => c.ids)).size).toBe(120);
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.at - calls[i - 1]!.at).toBeGreaterThanOrEqual(25);
    const counts = (await listLibrary(database.db, { limit: 1 })).counts;
    expect(counts).toMatchObject({ all: 120, completed: 119, notFound: 1, unread: 0 });
    expect(events.filter((e) => e.type === "task")).toHaveLength(119);
    expect(events).toContainEqual({ type: "notFound", ids: [missing] });
  });

  it("keeps ids unread through upstream failures and reads them once it recovers", async () => {
    const ids = Array.from({ length: 3 }, () => randomUUID());
    await addToLibrary(database.db, ids, "paste");
    const { calls, load } = upstream({ failFirst: 2 });
    const events: LiveEvent[] = [];
    reader = createLibraryReader({ db: async () => database.db, load, publish: (e) => events.push(e), gapMs: 10, backoffMs: { min: 20, max: 40 } });
    reader.wake();
    await reader.idle();
    expect(calls).toHaveLength(3);
    expect(events.filter((e) => e.type === "unavailable")).toHaveLength(2);
    expect((await listLibrary(database.db, { limit: 1 })).counts).toMatchObject({ completed: 3, unread: 0 });
  });

  it("reads ids a callback named again, even when they were read before", async () => {
    const id = randomUUID();
    await addToLibrary(database.db, [id], "webhook");
    const { calls, load } = upstream();
    reader = createLibraryReader({ db: async () => database.db, load, publish: () => {}, gapMs: 10 });
    reader.wake();
    await reader.idle();
    reader.readSoon([id]);
    await reader.idle();
    expect(calls.map((c) => c.ids)).toEqual([[id], [id]]);
    expect((await getLibraryItem(database.db, id))?.status).toBe("found");
  });
});
