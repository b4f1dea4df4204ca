// GET /api/collections/{slug} – one collection, its ids in the order given; DELETE – remove it
import { getDb } from "@/lib/server/db/client";
import { deleteCollection, getCollection } from "@/lib/server/db/collections";
import { ApiError } from "@/lib/server/http/errors";
import { json, NO_STORE } from "@/lib/server/http/respond";
import { withApi } from "@/lib/server/http/with-api";
import { isCollectionSlug } from "@/lib/server/library/params";

const noSuchCollection = () => new ApiError("not_found", "No such collection: it may have been deleted. Ask for a new link.");

export const GET = withApi(async (_request: Request, ctx: RouteContext<"/api/collections/[slug]">) => {
  const { slug } = await ctx.params;
  const collection = isCollectionSlug(slug) ? await getCollection(await getDb(), slug) : null;
  if (!collection) throw noSuchCollection();
  return json(collection);
});

export const DELETE = withApi(async (_request: Request, ctx: RouteContext<"/api/collections/[slug]">) => {
  const { slug } = await ctx.params;
  if (!isCollectionSlug(slug) || !(await deleteCollection(await getDb(), slug))) throw noSuchCollection();
  return new Response(null, { status: 204, headers: NO_STORE });
});
