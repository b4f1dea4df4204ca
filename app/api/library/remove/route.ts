// POST /api/library/remove – remove 1–5,000 task ids from the library at once
// (a POST, not a DELETE with a body: a page being left sends it with `fetch(…, {keepalive: true})`).
import { getDb } from "@/lib/server/db/client";
import { removeManyFromLibrary } from "@/lib/server/db/library";
import { bodyBytesFor, parseIdsBody, readJsonBody } from "@/lib/server/http/request";
import { json } from "@/lib/server/http/respond";
import { withApi } from "@/lib/server/http/with-api";
import { MAX_LIBRARY_IDS } from "@/lib/server/library/params";

export const dynamic = "force-dynamic";

export const POST = withApi(async (request: Request) => {
  const body = await readJsonBody(request, { maxBytes: bodyBytesFor(MAX_LIBRARY_IDS) });
  const ids = parseIdsBody(body, { max: MAX_LIBRARY_IDS });
  return json({ removed: await removeManyFromLibrary(await getDb(), ids) });
});
