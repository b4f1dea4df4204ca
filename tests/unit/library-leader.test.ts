import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { Client } from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { postgresLeaderLock, type LeaderLock } from "@/lib/server/db/leader-lock";
import { addToLibrary, countLibrary } from "@/lib/server/db/library";
import type { LoadResult } from "@/lib/server/gateway/loader";
import { createLibraryReader, type LibraryReader } from "@/lib/server/library/reader";
import { startAccountSync } from "@/lib/server/gateway/account-sync";
import { makeTask } from "./task-factory";
import { openTestDatabases, type TestDatabases } from "./test-databases";

// Several instances on one PostgreSQL server: one reads the library's unread ids (and lists the
// account) at a time, through an advisory lock that dies with its holder's connection.

const KEY = 424_242;

let databases: TestDatabases;
beforeAll(async () => {
  databases = await openTestDatabases();
}, 60_000);
afterAll(async () => {
  await databases.close();
});

const locks: LeaderLock[] = [];
const readers: LibraryReader[] = [];
const lock = () => {
  const made = postgresLeaderLock(databases.server.url, KEY, { warn: () => {} });
  locks.push(made);
  return made;
};

beforeEach(async () => {
  await databases.reset();
});
afterEach(async () => {
  for (const reader of readers.splice(0)) reader.stop();
  await Promise.all(locks.splice(0).map((l) => l.release()));
});

/** Ends the lock holder's session from the server's side, as the death of its process would. */
async function killHolderSession(): Promise<void> {
  const admin = new Client({ connectionString: databases.server.url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number }>("select pid from pg_locks where locktype = 'advisory' and granted and objid = $1", [KEY]);
    expect(rows).toHaveLength(1);
    await admin.query("select pg_terminate_backend($1)", [rows[0]!.pid]);
  } finally {
    await admin.end();
  }
}

const until = async (check: () => Promise<boolean> | boolean, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("the library's leader lock on PostgreSQL", () => {
  it("is held by one instance at a time and passes on when its holder lets go", async () => {
    const [a, b] = [lock(), lock()];
    expect(await a.held()).toBe(true);
    expect(await b.held()).toBe(false);
    expect(await a.held()).toBe(true);
    await a.release();
    expect(await a.held()).toBe(false);
    expect(await b.held()).toBe(true);
  });

  it("passes on when its holder's connection dies (the process killed)", async () => {
    const [a, b] = [lock(), lock()];
    expect(await a.held()).toBe(true);
    expect(await b.held()).toBe(false);
    await killHolderSession();
    await until(async () => (await b.held()) === true);
    // The old holder learnt it lost the lock: it does not think it still leads.
    expect(await a.held()).toBe(false);
  });
});

describe("two instances' library readers on one PostgreSQL", () => {
  function upstream(name: string, calls: { by: string; ids: string[] }[]) {
    return async (ids: readonly string[]): Promise<LoadResult> => {
      calls.push({ by: name, ids: [...ids] });
      return { tasks: ids.map((id) => makeTask(id, "completed")), notFound: [], unavailable: [], error: null };
    };
  }

  it("only the leader reads unread ids; the other takes over when the leader dies, and nothing is left unread", async () => {
    const db = databases.get("postgres").db;
    const ids = Array.from({ length: 300 }, () => randomUUID());
    await addToLibrary(db, ids, "import");
    const calls: { by: string; ids: string[] }[] = [];
    const [lockA, lockB] = [lock(), lock()];
    expect(await lockA.held()).toBe(true);
    const a = createLibraryReader({ db: async () => db, load: upstream("a", calls), publish: () => {}, gapMs: 40, isLeader: () => lockA.held(), rescanMs: 50 });
    const b = createLibraryReader({ db: async () => db, load: upstream("b", calls), publish: () => {}, gapMs: 40, isLeader: () => lockB.held(), rescanMs: 50 });
    readers.push(a, b);
    a.wake();
    b.wake();
    await until(() => calls.length >= 2);
    // The leader dies mid-import: its reader stops and its session ends. Counted before the session
    // ends: from then on the other may take the lock and read at once.
    a.stop();
    expect(calls.every((call) => call.by === "a")).toBe(true);
    const readByA = calls.length;
    await killHolderSession();

    await until(async () => (await countLibrary(db)).unread === 0, 10_000);
    expect(calls.slice(readByA).every((call) => call.by === "b")).toBe(true);
    expect(calls.length).toBeGreaterThan(readByA);
    expect(calls.every((call) => call.ids.length <= 50)).toBe(true);
    expect((await countLibrary(db)).completed).toBe(ids.length);
  });

  it("a follower still reads the ids it was handed itself (a callback it received)", async () => {
    const db = databases.get("postgres").db;
    const [unread, named] = [randomUUID(), randomUUID()];
    await addToLibrary(db, [unread, named], "webhook");
    const calls: { by: string; ids: string[] }[] = [];
    const [lockA, lockB] = [lock(), lock()];
    expect(await lockA.held()).toBe(true);
    const b = createLibraryReader({ db: async () => db, load: upstream("b", calls), publish: () => {}, gapMs: 10, isLeader: () => lockB.held(), rescanMs: 50 });
    readers.push(b);
    b.readSoon([named]);
    await b.idle();
    expect(calls).toEqual([{ by: "b", ids: [named] }]);
    const [row] = ((await db.execute(sql`select status from library_items where id = ${unread}`)) as unknown as { rows: { status: string }[] }).rows;
    expect(row?.status).toBe("unread");
  });
});

describe("the account sync with several instances", () => {
  it("runs its background syncs on the leader only; Sync works on any", async () => {
    const config = { provider: "official" as const, baseUrl: "http://127.0.0.1:9", key: "k", timeoutMs: 1000 };
    const listed: string[] = [];
    const list = (name: string) => async (_config: unknown, page: { limit: number; offset: number }) => {
      listed.push(name);
      return { tasks: [], hasMore: false, ...page };
    };
    const [lockA, lockB] = [lock(), lock()];
    expect(await lockA.held()).toBe(true);
    const syncA = startAccountSync(config, async () => ({ added: 0 }), { isLeader: () => lockA.held(), list: list("a") });
    const syncB = startAccountSync(config, async () => ({ added: 0 }), { isLeader: () => lockB.held(), list: list("b") });
    try {
      await until(() => listed.includes("a"));
      await new Promise((r) => setTimeout(r, 200));
      expect(listed).toEqual(["a"]);
      await syncB.syncNow();
      expect(listed).toEqual(["a", "b"]);
    } finally {
      syncA.stop();
      syncB.stop();
    }
  });
});
