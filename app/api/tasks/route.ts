// POST /api/tasks – look up to 100 tasks.
import { readJsonBody } from "@/lib/server/http/request";
import { JSON_TEXT_HEADERS } from "@/lib/server/http/respond";
import { answerTasksBatch } from "@/lib/server/http/tasks-batch";
import { withApi } from "@/lib/server/http/with-api";

export const POST = withApi(async (request: Request) => {
  return new Response(await answerTasksBatch(await readJsonBody(request)), { headers: JSON_TEXT_HEADERS });
});
