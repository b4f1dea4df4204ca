// POST /api/tasks – look up to 100 tasks. Under `npm start` the custom server answers this path
// itself with the same steps (lib/server/direct-tasks-route.ts); keep the two in step.
import { parseIdsBody, readJsonBody } from "@/lib/api/request";
import { JSON_TEXT_HEADERS } from "@/lib/api/respond";
import { tasksBatchJson } from "@/lib/api/tasks-batch-json";
import { withApi } from "@/lib/api/with-api";
import { loadTasks } from "@/lib/luma/loader";

export const POST = withApi(async (request: Request) => {
  const ids = parseIdsBody(await readJsonBody(request));
  return new Response(tasksBatchJson(await loadTasks(ids)), { headers: JSON_TEXT_HEADERS });
});
