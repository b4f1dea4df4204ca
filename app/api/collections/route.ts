// GET /api/collections – every collection, newest first
// POST /api/collections – make a collection of 1–5,000 task ids behind a short link
import { getDb } from "@/lib/server/db/client";
import { createCollection, listCollections } from "@/lib/server/db/collections";
import { originSettings } from "@/lib/server/env";
import { appOrigin } from "@/lib/server/http/origin";
import { bodyBytesFor, parseIdsBody, readJsonBody } from "@/lib/server/http/request";
import { json } from "@/lib/server/http/respond";
import { withApi } from "@/lib/server/http/with-api";
import { MAX_LIBRARY_IDS, parseTitle } from "@/lib/server/library/params";

export const dynamic = "force-dynamic";

export const GET = withApi(async () => json({ collections: await listCollections(await getDb()) }));

export const POST = withApi(async (request: Request) => {
  const body = await readJsonBody(request, { maxBytes: bodyBytesFor(MAX_LIBRARY_IDS) + 1024 });
  const ids = parseIdsBody(body, { max: MAX_LIBRARY_IDS });
  const title = parseTitle(body as Record<string, unknown>, ids.length);
  const collection = await createCollection(await getDb(), { title, ids });
  const path = `/c/${collection.slug}`;
  // Absolute where the app knows its origin (PUBLIC_URL, or a plain Host); else the path alone.
  const origin = appOrigin(request.headers, originSettings());
  const url = origin ? new URL(path, origin).toString() : path;
  return json({ slug: collection.slug, url }, { status: 201 });
});
