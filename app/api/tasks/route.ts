// POST /api/tasks – look up to 100 tasks. Under `npm start` the production server answers this
// path itself (lib/server/direct-tasks-route.ts), through the same answerTasksBatch.
import { readJsonBody } from "@/lib/api/request";
import { JSON_TEXT_HEADERS } from "@/lib/api/respond";
import { answerTasksBatch } from "@/lib/api/tasks-batch";
import { withApi } from "@/lib/api/with-api";

export const POST = withApi(async (request: Request) => {
  return new Response(await answerTasksBatch(await readJsonBody(request)), { headers: JSON_TEXT_HEADERS });
});
