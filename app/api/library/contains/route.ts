// POST /api/library/contains – which of 1–5,000 task ids the library holds, so a lookup or a shared
// set offers to add only the others (a POST: thousands of ids do not fit in an address).
import { getDb } from "@/lib/server/db/client";
import { libraryIdsAmong } from "@/lib/server/db/library";
import { bodyBytesFor, parseIdsBody, readJsonBody } from "@/lib/server/http/request";
import { json } from "@/lib/server/http/respond";
import { withApi } from "@/lib/server/http/with-api";
import { MAX_LIBRARY_IDS } from "@/lib/server/library/params";

export const dynamic = "force-dynamic";

export const POST = withApi(async (request: Request) => {
  const body = await readJsonBody(request, { maxBytes: bodyBytesFor(MAX_LIBRARY_IDS) });
  const ids = parseIdsBody(body, { max: MAX_LIBRARY_IDS });
  return json({ ids: await libraryIdsAmong(await getDb(), ids) });
});
