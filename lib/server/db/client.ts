import "server-only";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { SQL } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { Pool } from "pg";
import { serverEnv } from "@/lib/server/env";
import { processSingleton, replaceProcessSingleton } from "@/lib/server/process-singleton";
import { lockDataDir } from "./folder-lock";
import { migrateEmbedded, migratePostgres } from "./migrate";
import * as schema from "./schema";

/** What repository functions take: PGlite and node-postgres databases alike. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: "embedded" | "postgres";
  close(): Promise<void>;
}

/** PGlite in `dataDir`, locked to this process, migrated. */
export async function openEmbedded(dataDir: string, options: { migrate?: boolean } = {}): Promise<Database> {
  const release = await lockDataDir(dataDir);
  try {
    const client = await PGlite.create({ dataDir, extensions: { pg_trgm } });
    const db = drizzlePglite({ client, schema });
    if (options.migrate !== false) await migrateEmbedded(db);
    return {
      db: db as unknown as Db,
      kind: "embedded",
      close: async () => {
        await client.close();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** A pool on a PostgreSQL server that several instances may share, migrated. */
export async function openPostgres(url: string, options: { migrate?: boolean; max?: number } = {}): Promise<Database> {
  const pool = new Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", (error) => console.error("PostgreSQL connection error:", error.message));
  try {
    if (options.migrate !== false) await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { db: drizzleNodePg({ client: pool, schema }) as unknown as Db, kind: "postgres", close: () => pool.end() };
}

function openFromEnv(): Promise<Database> {
  const env = serverEnv();
  return env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openEmbedded(path.resolve(env.DATA_DIR));
}

// Opening takes seconds (a fresh PGlite folder ~5 s): done once per process, on first use, and
// every caller meanwhile waits on the same promise. A failed open is forgotten so a later call retries.
const holderOf = () => processSingleton("database", (): { current: Promise<Database> | null } => ({ current: null }));

export function database(): Promise<Database> {
  // Looked up on every call, not kept: replaceDatabase puts a new holder in its place.
  const holder = holderOf();
  if (!holder.current) {
    const opening = openFromEnv();
    holder.current = opening;
    opening.catch(() => {
      if (holder.current === opening) holder.current = null;
    });
  }
  return holder.current;
}

export async function getDb(): Promise<Db> {
  return (await database()).db;
}

/** Test hook: use `value` as the process's database. */
export function replaceDatabase(value: Database | null): void {
  replaceProcessSingleton("database", { current: value ? Promise.resolve(value) : null });
}

/** Rows of a raw SQL query; node-postgres and PGlite both answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as { rows: T[] };
  return result.rows;
}
