// Both databases the app supports, for repository tests: PGlite copied from one migrated template
// (a fresh folder takes ~5 s to open; a copy well under one), and a database of its own on a real
// PostgreSQL server that this test file starts and stops.
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openEmbedded, openPostgres, type Database } from "@/lib/server/db/client";
import { MIGRATIONS_FOLDER } from "@/lib/server/db/migrate";
import { startPostgresServer, type PostgresServer } from "../../scripts/lib/postgres-server";

export type DatabaseKind = "pglite" | "postgres";
export const DATABASE_KINDS: DatabaseKind[] = ["pglite", "postgres"];

function migrationsHash(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(MIGRATIONS_FOLDER).sort()) {
    if (name.endsWith(".sql")) hash.update(name).update(readFileSync(path.join(MIGRATIONS_FOLDER, name)));
  }
  hash.update(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json")));
  return hash.digest("hex").slice(0, 16);
}

/** A migrated PGlite folder, made once per migration set and shared by every test file and run. */
export async function pgliteTemplate(): Promise<string> {
  const template = path.join(tmpdir(), `luma-gallery-pglite-template-${migrationsHash()}`);
  if (existsSync(template)) return template;
  const building = mkdtempSync(path.join(tmpdir(), "luma-pglite-build-"));
  const database = await openEmbedded(building);
  await database.close();
  try {
    renameSync(building, template);
  } catch {
    // Another test file made it first.
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

/** A fresh folder holding a migrated embedded database (not opened). */
export async function pgliteCopy(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "luma-pglite-"));
  cpSync(await pgliteTemplate(), dir, { recursive: true });
  return dir;
}

export interface TestDatabases {
  get(kind: DatabaseKind): Database;
  server: PostgresServer;
  /** Empties every table of both. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const TABLES = sql`library_items, library_counts, task_snapshots, collection_items, collections, app_state`;

export async function openTestDatabases(): Promise<TestDatabases> {
  const [dir, server] = await Promise.all([pgliteCopy(), startPostgresServer()]);
  const embedded = await openEmbedded(dir);
  const postgres = await openPostgres(server.url, { max: 4 });
  const all = { pglite: embedded, postgres };
  return {
    get: (kind) => all[kind],
    server,
    reset: async () => {
      await Promise.all(Object.values(all).map((d) => d.db.execute(sql`truncate ${TABLES}`)));
    },
    close: async () => {
      await Promise.all([embedded.close(), postgres.close()]);
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
