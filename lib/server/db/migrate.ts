import "server-only";
import path from "node:path";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { Pool } from "pg";

/** `drizzle/` at the project root (also traced into the standalone output, see next.config.mjs). */
export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

// Any constant shared by every instance of the app; it names "the schema migration" lock.
const MIGRATION_LOCK_KEY = 7_215_042_911;

/**
 * Applies the committed migrations. Instances starting together queue on a session-level advisory
 * lock, so one migrates and the others then find nothing left to do.
 */
export async function migratePostgres(pool: Pool, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await migrateNodePg(drizzleNodePg({ client }), { migrationsFolder });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/** PGlite has one process by construction (the folder lock): no advisory lock needed. */
export async function migrateEmbedded(db: PgliteDatabase<Record<string, unknown>>, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  await migratePglite(db, { migrationsFolder });
}
