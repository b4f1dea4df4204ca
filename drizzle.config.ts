import { defineConfig } from "drizzle-kit";

// `npm run db:generate` writes a migration for each schema change into drizzle/ (committed); the
// app applies them itself at start (lib/server/db/migrate.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/server/db/schema.ts",
  out: "./drizzle",
});
