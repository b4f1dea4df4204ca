import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { Client, Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEmbedded, openPostgres, queryRows, type Db } from "@/lib/server/db/client";
import { DataDirLockedError, lockDataDir } from "@/lib/server/db/folder-lock";
import { MIGRATIONS_FOLDER, migratePostgres } from "@/lib/server/db/migrate";
import { addToLibrary, listLibrary } from "@/lib/server/db/library";
import { pgliteCopy } from "./test-databases";
import { startPostgresServer, type PostgresServer } from "../../scripts/lib/postgres-server";

const root = process.cwd();

async function migrationCount(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return row?.n ?? 0;
}

describe("the embedded database's folder lock", () => {
  it("refuses a second opener in the same process with a clear message", async () => {
    const dir = await pgliteCopy();
    const first = await openEmbedded(dir);
    try {
      const second = openEmbedded(dir);
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(/in use by another process.*DATA_DIR.*DATABASE_URL/s);
      // The first is unharmed.
      await addToLibrary(first.db, ["4665a07c-7641-4809-a133-10786201bb56"], "paste");
      expect((await listLibrary(first.db, { limit: 1 })).counts.all).toBe(1);
    } finally {
      await first.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses while another process holds the folder, and opens once it is gone", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "luma-lock-"));
    const script = `const m = await import("./lib/server/db/folder-lock.ts"); await (m.lockDataDir ?? m.default.lockDataDir)(${JSON.stringify(dir)}); console.log("locked"); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "--input-type=module", "-e", script], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && resolve());
        child.once("exit", (code) => reject(new Error(`the lock holder exited (${code})`)));
      });
      await expect(lockDataDir(dir)).rejects.toThrow(new RegExp(`in use by another process \\(pid ${child.pid}\\)`));
      // kill -9: no chance to unlock. The next start takes over at once (the owner is dead).
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      const release = await lockDataDir(dir);
      await release();
    } finally {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("takes over a lock whose owner died long ago", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "luma-lock-"));
    mkdirSync(path.join(dir, "luma-gallery.lock"));
    writeFileSync(path.join(dir, "luma-gallery.lock.pid"), "2147483646");
    const release = await lockDataDir(dir);
    await release();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("migrations on PostgreSQL", () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgresServer();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("carry a library made by the first migration over to the current schema", async () => {
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    await admin.query("create database upgraded");
    await admin.end();
    // The first migration alone, as an older release left it, with a found task and an unread one.
    const firstOnly = mkdtempSync(path.join(tmpdir(), "luma-migrations-"));
    cpSync(path.join(MIGRATIONS_FOLDER, "0000_init.sql"), path.join(firstOnly, "0000_init.sql"));
    mkdirSync(path.join(firstOnly, "meta"));
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    writeFileSync(path.join(firstOnly, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }));
    const pool = new Pool({ connectionString: server.urlFor("upgraded") });
    try {
      await migratePostgres(pool, firstOnly);
      const [found, unread] = ["4665a07c-7641-4809-a133-10786201bb56", "5665a07c-7641-4809-a133-10786201bb56"];
      await pool.query(
        `insert into library_items (id, added_at, source, status, state, sort_time) values ($1, now(), 'paste', 'found', 'completed', 1), ($2, now(), 'paste', 'unread', null, 2)`,
        [found, unread],
      );
      await pool.query(`insert into task_snapshots (id, task, state, read_at, prompt) values ($1, '{}', 'completed', now(), 'a paper boat')`, [found]);
      await migratePostgres(pool);
    } finally {
      await pool.end();
      rmSync(firstOnly, { recursive: true, force: true });
    }
    const upgraded = await openPostgres(server.urlFor("upgraded"), { max: 1 });
    try {
      const page = await listLibrary(upgraded.db, { limit: 10, q: "paper" });
      expect(page.items.map((i) => i.id)).toEqual(["4665a07c-7641-4809-a133-10786201bb56"]);
      expect((await listLibrary(upgraded.db, { limit: 10 })).counts).toMatchObject({ all: 2, completed: 1, unread: 1 });
    } finally {
      await upgraded.close();
    }
  });

  it("are safe when several instances start together", async () => {
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    await admin.query("create database together");
    await admin.end();
    const url = server.urlFor("together");
    const instances = await Promise.all([openPostgres(url, { max: 2 }), openPostgres(url, { max: 2 }), openPostgres(url, { max: 2 })]);
    try {
      const applied = await migrationCount(instances[0]!.db);
      expect(applied).toBeGreaterThan(0);
      await addToLibrary(instances[1]!.db, ["4665a07c-7641-4809-a133-10786201bb56"], "paste");
      expect((await listLibrary(instances[2]!.db, { limit: 1 })).counts.all).toBe(1);
      // And a later start migrates nothing twice.
      const again = await openPostgres(url, { max: 1 });
      expect(await migrationCount(again.db)).toBe(applied);
      await again.close();
    } finally {
      await Promise.all(instances.map((i) => i.close()));
    }
  });
});
