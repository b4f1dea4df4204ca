// POST /api/watches – register up to 5,000 ids for one stream (GET /api/events?watch=)
import { bodyBytesFor, parseIdsBody, readJsonBody } from "@/lib/server/http/request";
import { json } from "@/lib/server/http/respond";
import { withApi } from "@/lib/server/http/with-api";
import { createWatch } from "@/lib/server/live/watches";

const MAX_WATCHED_IDS = 5_000;

export const POST = withApi(async (request: Request) => {
  const ids = parseIdsBody(await readJsonBody(request, { maxBytes: bodyBytesFor(MAX_WATCHED_IDS) }), { max: MAX_WATCHED_IDS });
  return json({ watch: createWatch(ids) }, { status: 201 });
});
