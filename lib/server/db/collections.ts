import "server-only";
import { randomBytes } from "node:crypto";
import { asc, count, desc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { collectionItems, collections } from "./schema";

// Collections: a named, ordered set of task ids behind a short link (SPEC §3 "Collections").

export interface Collection {
  slug: string;
  title: string;
  createdAt: string;
  ids: string[];
}

export interface CollectionSummary {
  slug: string;
  title: string;
  createdAt: string;
  count: number;
}

/** 8 characters of base64url: 48 random bits, short enough to read out, too many to guess. */
export function newSlug(): string {
  return randomBytes(6).toString("base64url");
}

const UNIQUE_VIOLATION = "23505";

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === UNIQUE_VIOLATION) return true;
  }
  return false;
}

/** Ids are valid and distinct (the HTTP layer checks), kept in the order given. */
export async function createCollection(db: Db, input: { title: string; ids: readonly string[] }, now = new Date()): Promise<Collection> {
  for (let attempt = 0; ; attempt++) {
    const slug = newSlug();
    try {
      await db.transaction(async (tx) => {
        await tx.insert(collections).values({ slug, title: input.title, createdAt: now });
        await tx.insert(collectionItems).values(input.ids.map((taskId, position) => ({ slug, position, taskId })));
      });
      return { slug, title: input.title, createdAt: now.toISOString(), ids: [...input.ids] };
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

export async function getCollection(db: Db, slug: string): Promise<Collection | null> {
  const [head] = await db.select().from(collections).where(eq(collections.slug, slug));
  if (!head) return null;
  const items = await db
    .select({ taskId: collectionItems.taskId })
    .from(collectionItems)
    .where(eq(collectionItems.slug, slug))
    .orderBy(asc(collectionItems.position));
  return { slug: head.slug, title: head.title, createdAt: head.createdAt.toISOString(), ids: items.map((item) => item.taskId) };
}

/** Newest first. */
export async function listCollections(db: Db): Promise<CollectionSummary[]> {
  const rows = await db
    .select({ slug: collections.slug, title: collections.title, createdAt: collections.createdAt, count: count(collectionItems.taskId) })
    .from(collections)
    .leftJoin(collectionItems, eq(collectionItems.slug, collections.slug))
    .groupBy(collections.slug)
    .orderBy(desc(collections.createdAt), asc(collections.slug));
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/** → whether it existed. Its items go with it (foreign key, on delete cascade). */
export async function deleteCollection(db: Db, slug: string): Promise<boolean> {
  const deleted = await db.delete(collections).where(eq(collections.slug, slug)).returning({ slug: collections.slug });
  return deleted.length > 0;
}
