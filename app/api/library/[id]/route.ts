// GET /api/library/{id} – the item, or 404 when it is not in the library
// PATCH /api/library/{id} – mark or unmark a favourite; DELETE /api/library/{id} – remove it
import { getDb } from "@/lib/server/db/client";
import { getLibraryItem, removeFromLibrary, setFavorite } from "@/lib/server/db/library";
import { ApiError } from "@/lib/server/http/errors";
import { parseIdParam, readJsonBody } from "@/lib/server/http/request";
import { json, NO_STORE } from "@/lib/server/http/respond";
import { withApi } from "@/lib/server/http/with-api";
import { parseFavoriteBody } from "@/lib/server/library/params";

const notInLibrary = (id: string) => new ApiError("not_found", `Task ${id} is not in the library.`);

export const GET = withApi(async (_request: Request, ctx: RouteContext<"/api/library/[id]">) => {
  const id = parseIdParam((await ctx.params).id);
  const item = await getLibraryItem(await getDb(), id);
  if (!item) throw notInLibrary(id);
  return json(item);
});

export const PATCH = withApi(async (request: Request, ctx: RouteContext<"/api/library/[id]">) => {
  const id = parseIdParam((await ctx.params).id);
  const favorite = parseFavoriteBody(await readJsonBody(request));
  const item = await setFavorite(await getDb(), id, favorite);
  if (!item) throw notInLibrary(id);
  return json(item);
});

export const DELETE = withApi(async (_request: Request, ctx: RouteContext<"/api/library/[id]">) => {
  const id = parseIdParam((await ctx.params).id);
  if (!(await removeFromLibrary(await getDb(), id))) throw notInLibrary(id);
  return new Response(null, { status: 204, headers: NO_STORE });
});
