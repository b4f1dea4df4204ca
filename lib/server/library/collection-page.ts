import "server-only";
import { cache } from "react";
import { requirePageAccess } from "@/lib/server/auth/page-access";
import { getDb } from "@/lib/server/db/client";
import { getCollection, type Collection } from "@/lib/server/db/collections";
import { snapshotsOf } from "@/lib/server/db/library";
import type { Task } from "@/lib/shared/task";
import { isCollectionSlug } from "./params";

/** How many tasks the server render seeds; the rest arrive over the stream. */
const SEEDED = 500;

/** A collection and what the server already knows of its tasks; once per request (metadata and page share it). */
export const loadCollectionPage = cache(async (slug: string): Promise<{ collection: Collection; tasks: Task[] } | null> => {
  // Metadata is read before the page: the gate comes first, or a preview would leak past it.
  await requirePageAccess(`/c/${slug}`);
  if (!isCollectionSlug(slug)) return null;
  const db = await getDb();
  const collection = await getCollection(db, slug);
  if (!collection) return null;
  return { collection, tasks: await snapshotsOf(db, collection.ids.slice(0, SEEDED)) };
});
