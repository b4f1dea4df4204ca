import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import type { Task } from "@/lib/shared/task";

// The library of one deployment (SPEC §3). Tables are shared by PGlite and PostgreSQL alike, so
// nothing here may depend on a server-only extension beyond pg_trgm (which PGlite ships).

export const LIBRARY_SOURCES = ["paste", "lookup", "share", "import", "webhook", "provider"] as const;
export type LibrarySource = (typeof LIBRARY_SOURCES)[number];

export const LIBRARY_STATUSES = ["unread", "found", "not_found"] as const;
export type LibraryStatus = (typeof LIBRARY_STATUSES)[number];

export const librarySource = pgEnum("library_source", LIBRARY_SOURCES);
export const libraryStatus = pgEnum("library_status", LIBRARY_STATUSES);

export const libraryItems = pgTable(
  "library_items",
  {
    id: text("id").primaryKey(),
    addedAt: timestamp("added_at", { withTimezone: true, mode: "date" }).notNull(),
    source: librarySource("source").notNull(),
    favorite: boolean("favorite").notNull().default(false),
    status: libraryStatus("status").notNull().default("unread"),
    // The task's state and prompt, copied from its snapshot so that filters, search and counts
    // need no join.
    state: text("state"),
    prompt: text("prompt"),
    // Epoch milliseconds: exact in JavaScript, so a cursor round-trips without losing precision.
    // When added: the added time; fixed for good when the task is first found (its creation time).
    sortTime: bigint("sort_time", { mode: "number" }).notNull(),
    sortFixed: boolean("sort_fixed").notNull().default(false),
  },
  (t) => [
    index("library_items_sort_idx").on(t.sortTime, t.id),
    index("library_items_state_sort_idx").on(t.state, t.sortTime, t.id),
    index("library_items_status_sort_idx").on(t.status, t.sortTime, t.id),
    index("library_items_favorite_sort_idx").on(t.sortTime, t.id).where(sql`${t.favorite}`),
    index("library_items_unread_idx").on(t.addedAt, t.id).where(sql`${t.status} = 'unread'`),
    index("library_items_unfinished_idx").on(t.id).where(sql`${t.state} in ('pending', 'processing')`),
    index("library_items_prompt_trgm_idx").using("gin", sql`${t.prompt} gin_trgm_ops`),
  ],
);

/**
 * How many library items there are per (favourite, status, state), kept by statement-level
 * triggers on library_items (drizzle/0002_library_counts_triggers.sql): counting 100,000 rows on every page
 * request was too slow, reading a dozen counter rows is not. `state` is '' where the item has none.
 */
export const libraryCounts = pgTable(
  "library_counts",
  {
    favorite: boolean("favorite").notNull(),
    status: libraryStatus("status").notNull(),
    state: text("state").notNull(),
    n: bigint("n", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.favorite, t.status, t.state] })],
);

/** The last normalized Task read from the upstream, kept so finished tasks cost no further call. */
export const taskSnapshots = pgTable(
  "task_snapshots",
  {
    id: text("id").primaryKey(),
    task: jsonb("task").$type<Task>().notNull(),
    state: text("state").notNull(),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }).notNull(),
    mediaExpiresAt: timestamp("media_expires_at", { withTimezone: true, mode: "date" }),
  },
);

export const collections = pgTable("collections", {
  slug: text("slug").primaryKey(),
  title: text("title").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
});

export const collectionItems = pgTable(
  "collection_items",
  {
    slug: text("slug")
      .notNull()
      .references(() => collections.slug, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    taskId: text("task_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.slug, t.position] })],
);

/** Small facts the app remembers across restarts (e.g. when the last callback arrived). */
export const appState = pgTable("app_state", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
});
