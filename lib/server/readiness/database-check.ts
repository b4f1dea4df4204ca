import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import type { ReadinessCheck } from "./run";

/** Ready when the library's database (embedded or DATABASE_URL) is open, migrated and answers. */
export function databaseReadinessCheck(): ReadinessCheck {
  return {
    name: "database",
    async probe() {
      await (await getDb()).execute(sql`select 1`);
    },
  };
}
